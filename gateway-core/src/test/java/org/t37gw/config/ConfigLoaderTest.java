package org.t37gw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dialpeer.DialPeer;

class ConfigLoaderTest {

    static ConfigResult parse(String text) {
        return ConfigLoader.parse(text, "t.cfg");
    }

    static GatewayConfig ok(String text) {
        ConfigResult r = parse(text);
        if (!r.ok()) {
            fail("expected no errors, got " + r.errors());
        }
        return r.config();
    }

    /** The only error's text, {@code FILE:LINE: message}. */
    static String oneError(String text) {
        ConfigResult r = parse(text);
        assertEquals(1, r.errors().size(), () -> "errors: " + r.errors());
        assertNull(r.config());
        return r.errors().get(0).toString();
    }

    static String warnings(String text) {
        return parse(text).warnings().stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    static final String PORTS = "voice-port 0\n driver class1 /dev/ttyS0\n";

    @Test
    void emptyConfigIsAllDefaults() {
        GatewayConfig c = ok("! nothing\n\n");
        assertEquals("localhost", c.hostname());
        assertEquals(MtaSend.defaults(), c.mtaSend());
        assertEquals(MtaReceive.defaults(), c.mtaReceive());
        assertEquals(10, c.mtaReceive().maximumRecipients());
        assertEquals(new HostPort("0.0.0.0", 25), c.mtaReceive().listen());
        assertEquals(FaxSend.defaults(), c.faxSend());
        assertEquals(FaxInterfaceType.FAX_MAIL, c.interfaceType());
        assertEquals(List.of("localhost"), c.localDomains());
        assertTrue(c.voicePorts().isEmpty());
        assertEquals("t.cfg", c.sourceFile());
    }

    @Test
    void designSampleMeansWhatItSays() {
        GatewayConfig c = ConfigLoader.load(SamplesTest.projectDir().resolve("config/t37gw.cfg")).config();
        assertNotNull(c);
        assertEquals("gw1", c.hostname());
        assertEquals(List.of(new MtaSend.Server("127.0.0.1", 25)), c.mtaSend().servers());
        assertEquals("Fax from $s$", c.mtaSend().subject());
        assertEquals("postmaster@example.com", c.mtaSend().postmaster());
        assertEquals(List.of("gw1.example.com"), c.mtaReceive().aliases());
        assertEquals("$s$", c.faxSend().leftHeader());
        assertEquals("$t$", c.faxSend().centerHeader());
        assertEquals(new PortDriver.Class1("/dev/ttyUSB0"), c.voicePort("0").orElseThrow().driver());
        assertEquals(new PortDriver.T38(new HostPort("0.0.0.0", 4000), new HostPort("192.0.2.10", 4000), "5550100"),
                c.voicePort("1").orElseThrow().driver());
        DialPeer p10 = c.dialPeer(10).orElseThrow();
        assertEquals(DialPeer.Kind.POTS, p10.kind());
        assertEquals("fax_on_vfc_onramp_app", p10.application());
        assertEquals("555....", p10.incomingCalledNumber().text());
        assertTrue(p10.directInwardDial());
        assertTrue(p10.digitStrip());
        assertEquals("0", p10.port());
        assertEquals(22, p10.line());
        DialPeer p11 = c.dialPeer(11).orElseThrow();
        assertTrue(p11.applicationOutbound());
        assertEquals("mailto:$d$@example.com", p11.sessionTarget());
        assertEquals(DialPeer.ImageEncoding.MH, p11.imageEncoding());
        assertEquals(DialPeer.ImageResolution.FINE, p11.imageResolution());
        assertEquals(Set.of(DialPeer.DsnNotify.SUCCESS, DialPeer.DsnNotify.FAILURE), p11.dsn());
        assertEquals(DialPeer.InformationType.FAX, p11.informationType());
        assertFalse(p11.digitStrip());
        assertEquals("9T", c.dialPeer(21).orElseThrow().destinationPattern().text());
        assertEquals(4, c.dialPeers().size());
    }

    @Test
    void embeddedDefaultIsCleanAndAsDesigned() {
        ConfigResult r = ConfigLoader.embeddedDefault();
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals(List.of(), r.warnings());
        GatewayConfig c = r.config();
        assertEquals("localhost", c.hostname());
        assertEquals(new HostPort("127.0.0.1", 2525), c.mtaReceive().listen());
        assertEquals(List.of("localhost"), c.mtaReceive().aliases());
        assertEquals("mail", c.mtaSend().maildir());
        assertEquals(Path.of("var/mail"), c.mtaSend().maildir(Path.of("var")));
        assertEquals(new PortDriver.Loopback("1", null), c.voicePort("0").orElseThrow().driver());
        assertEquals(new PortDriver.Loopback("0", "5550100"), c.voicePort("1").orElseThrow().driver());
        assertTrue(c.dialPeers().stream().anyMatch(p -> p.kind() == DialPeer.Kind.MMOIP
                && "fax_on_vfc_offramp_app".equals(p.application()) && p.incomingCalledNumber().text().equals(".T")));
        assertTrue(c.dialPeers().stream().anyMatch(p -> p.kind() == DialPeer.Kind.POTS
                && p.destinationPattern() != null && p.destinationPattern().text().equals(".T") && "0".equals(p.port())));
        assertTrue(c.dialPeers().stream().anyMatch(p -> p.kind() == DialPeer.Kind.POTS && p.directInwardDial()
                && "1".equals(p.port()) && "fax_on_vfc_onramp_app".equals(p.application())));
        assertTrue(c.dialPeers().stream().anyMatch(p -> p.kind() == DialPeer.Kind.MMOIP && p.applicationOutbound()
                && "mailto:fax-$d$@localhost".equals(p.sessionTarget())));
    }

    static final String EVERYTHING = """
            hostname gw2.example.net
            fax interface-type vfc
            mta send server smtp1.example.net port 587
            mta send server [2001:db8::25]
            mta send subject Fax $s$ -> $d$, $p$ pages
            mta send with-subject both
            mta send origin-prefix gw2
            mta send postmaster fax-admin@example.net
            mta send mail-from hostname example.net
            mta send mail-from username $s$
            mta send return-receipt-to hostname example.net
            mta send return-receipt-to $s$
            mta send filename incoming.tif date
            mta send success-fax-only
            mta send auth gw2 s3cret!pw
            mta send tls required
            mta receive aliases gw2.example.net
            mta receive aliases [192.0.2.7]
            mta receive maximum-recipients 1024
            mta receive generate mdn
            mta receive generate permanent-error
            mta receive disable-dsn
            mta receive listen 192.0.2.7 port 2525
            mta receive tls certificate /etc/t37gw/cert.pem key /etc/t37gw/key.pem
            mta receive auth users /etc/t37gw/users
            mta receive relay network 192.0.2.0/24
            mta receive relay network 2001:db8::/32
            fax send transmitting-subscriber +1 555 0100
            fax send max-speed 9600
            fax send left-header $a$ $t$
            fax send center-header From $s$
            fax send right-header Page $p$
            fax send coverpage enable
            fax send coverpage comment Fax from the Internet
            fax send coverpage show-detail
            fax send coverpage e-mail-controllable
            fax send retries 5
            fax send retries busy 10
            fax send retry-interval 60 max 1800
            fax send retry-interval no-answer 600
            fax receive called-subscriber $d$
            voice-port 1/0:1
             driver class2.0 /dev/ttyS1
            voice-port 2
             driver jni libdsp.so channel 3
            voice-port 3
             driver class2 /dev/ttyS2
            dial-peer voice 1 pots
             incoming called-number 55501..
             answer-address 4155551212
             application fax_on_vfc_onramp_app
             port 1/0:1
             no digit-strip
             prefix 9,
             forward-digits extra
             preference 3
             max-conn 4
             shutdown
            dial-peer voice 2 pots
             destination-pattern +1T
             port 2
             forward-digits 7
            dial-peer voice 3 pots
             destination-pattern 0T
             port 3
             forward-digits all
            dial-peer voice 4 mmoip
             application fax_on_vfc_onramp_app out-bound
             destination-pattern 55501..
             session target mailto:$m$
             information-type fax
             image encoding mmr
             image resolution superfine
             dsn delay
             dsn success
             mdn
            """;

    @Test
    void everyCommandIsUnderstood() {
        ConfigResult r = parse(EVERYTHING);
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals(List.of(), r.warnings());
        GatewayConfig c = r.config();
        MtaSend s = c.mtaSend();
        assertEquals(List.of(new MtaSend.Server("smtp1.example.net", 587), new MtaSend.Server("[2001:db8::25]", 25)),
                s.servers());
        assertEquals("Fax $s$ -> $d$, $p$ pages", s.subject());
        assertEquals(MtaSend.WithSubject.BOTH, s.withSubject());
        assertEquals("$s$", s.mailFromUsername());
        assertEquals("$s$", s.returnReceiptToUsername());
        assertEquals("incoming", s.filename());
        assertTrue(s.filenameDate());
        assertTrue(s.successFaxOnly());
        assertEquals("s3cret!pw", s.auth().password().reveal());
        assertEquals(MtaSend.Tls.REQUIRED, s.tls());
        MtaReceive m = c.mtaReceive();
        assertEquals(List.of("gw2.example.net", "[192.0.2.7]"), m.aliases());
        assertTrue(m.generateMdn() && m.permanentError() && m.disableDsn() && m.tlsEnabled());
        assertEquals(2, m.relayNetworks().size());
        FaxSend f = c.faxSend();
        assertEquals("+1 555 0100", f.transmittingSubscriber());
        assertEquals(9600, f.maxSpeed());
        assertEquals(new FaxSend.Coverpage(true, "Fax from the Internet", true, true), f.coverpage());
        assertEquals(new RetryPolicy.Rule(5, Duration.ofSeconds(60), Duration.ofSeconds(1800)), f.retry().general());
        assertEquals(new RetryPolicy.Rule(10, Duration.ofSeconds(60), Duration.ofSeconds(1800)),
                f.retry().ruleFor(RetryPolicy.Cause.BUSY));
        assertEquals(new RetryPolicy.Rule(5, Duration.ofSeconds(600), Duration.ofSeconds(1800)),
                f.retry().ruleFor(RetryPolicy.Cause.NO_ANSWER));
        assertEquals(FaxInterfaceType.VFC, c.interfaceType());
        assertEquals(new PortDriver.Jni("libdsp.so", 3), c.voicePort("2").orElseThrow().driver());
        DialPeer p1 = c.dialPeer(1).orElseThrow();
        assertFalse(p1.digitStrip());
        assertEquals("9,", p1.prefix());
        assertEquals(DialPeer.FORWARD_EXTRA, p1.forwardDigits());
        assertEquals(3, p1.preference());
        assertEquals(4, p1.maxConn());
        assertTrue(p1.shutdown());
        assertEquals("4155551212", p1.answerAddress().text());
        assertEquals(7, c.dialPeer(2).orElseThrow().forwardDigits());
        assertEquals(DialPeer.FORWARD_ALL, c.dialPeer(3).orElseThrow().forwardDigits());
        DialPeer p4 = c.dialPeer(4).orElseThrow();
        assertEquals(Set.of(DialPeer.DsnNotify.DELAY, DialPeer.DsnNotify.SUCCESS), p4.dsn());
        assertTrue(p4.mdn());
        assertEquals(DialPeer.ImageEncoding.MMR, p4.imageEncoding());
        assertEquals(DialPeer.ImageResolution.SUPERFINE, p4.imageResolution());
    }

    @Test
    void renderHidesSecretsAndParsesBackToTheSameConfig() {
        for (String text : List.of(EVERYTHING, ConfigLoader.embeddedDefaultText(), "")) {
            GatewayConfig c = ok(text);
            String rendered = c.render();
            assertFalse(rendered.contains("s3cret"), rendered);
            ConfigResult again = ConfigLoader.parse(rendered, "t.cfg");
            assertTrue(again.ok(), () -> again.errors() + "\n" + rendered);
            assertEquals(rendered, again.config().render());
            assertEquals(c.mtaReceive(), again.config().mtaReceive());
            assertEquals(c.faxSend(), again.config().faxSend());
            assertEquals(c.voicePorts().stream().map(VoicePort::driver).toList(),
                    again.config().voicePorts().stream().map(VoicePort::driver).toList());
        }
        assertTrue(ok(EVERYTHING).render().contains("mta send auth gw2 [hidden]"));
        assertEquals("[hidden]", new Secret("x").toString());
    }

    @Test
    void indentationDoesNotMatterAndGlobalCommandsCloseBlocks() {
        GatewayConfig c = ok("""
                voice-port 0
                driver class1 /dev/ttyS0
                        dial-peer voice 5 pots
                port 0
                destination-pattern 9T
                hostname a
                  dial-peer voice 6 mmoip
                      incoming called-number 1
                  exit
                fax send max-speed 4800
                """);
        assertEquals("0", c.dialPeer(5).orElseThrow().port());
        assertEquals("a", c.hostname());
        assertEquals(4800, c.faxSend().maxSpeed());
        assertEquals("t.cfg:4: \"port\" belongs in a dial-peer block, not in voice-port 0 (line 2)",
                oneError("hostname a\nvoice-port 0\n driver class1 x\nport 0\n"));
        assertEquals("t.cfg:2: \"port\" belongs in a dial-peer block; it stands outside any block",
                oneError("hostname a\nport 0\n"));
        assertEquals("t.cfg:4: \"driver class1\" belongs in a voice-port block; it stands outside any block",
                oneError("voice-port 0\n driver class1 x\nexit\ndriver class1 y\n"));
        assertEquals("t.cfg:4: \"driver class1\" belongs in a voice-port block, not in dial-peer voice 1 pots (line 3)",
                oneError(PORTS + "dial-peer voice 1 pots\n driver class1 x\n port 0\n"));
        assertTrue(warnings("exit\n").contains("t.cfg:1: exit outside a block is ignored"));
    }

    @Test
    void typosGetDidYouMean() {
        assertEquals("t.cfg:1: unknown command \"mta send subjct\"; did you mean \"mta send subject\"?",
                oneError("mta send subjct Fax\n"));
        assertEquals("t.cfg:1: unknown command \"hostnme\"; did you mean \"hostname\"?", oneError("hostnme gw\n"));
        assertEquals("t.cfg:1: unknown command \"mta recieve\"; did you mean \"mta receive\"?",
                oneError("mta recieve aliases x\n"));
        assertEquals("t.cfg:3: unknown command \"image resolutoin\"; did you mean \"image resolution\"?",
                oneError("dial-peer voice 1 mmoip\n incoming called-number 1\n image resolutoin fine\n"));
        assertEquals("t.cfg:3: image resolution: unknown resolution \"fien\"; did you mean \"fine\"?",
                oneError("dial-peer voice 1 mmoip\n incoming called-number 1\n image resolution fien\n"));
        assertEquals("t.cfg:1: unknown command \"frobnicate\"", oneError("frobnicate\n"));
        assertEquals("t.cfg:1: incomplete command \"mta send mail-from\"; expected hostname, username",
                oneError("mta send mail-from\n"));
        assertEquals("t.cfg:2: unknown application \"fax_on_vfc_onramp\"; did you mean \"fax_on_vfc_onramp_app\"?",
                oneError("dial-peer voice 1 mmoip\n application fax_on_vfc_onramp\n"));
        assertTrue(oneError("dial-peer voice 1 voip\n").endsWith("unknown dial-peer kind \"voip\"; expected pots, mmoip"));
    }

    @Test
    void applicationsCanBePassedIn() {
        String text = "dial-peer voice 1 mmoip\n application my_app\n";
        assertFalse(parse(text).ok());
        assertTrue(ConfigLoader.parse(text, "t.cfg", Set.of("my_app")).ok());
        assertTrue(ConfigLoader.parse(text, "t.cfg", Set.of("other")).errors().get(0).message()
                .endsWith("known: other"));
    }

    @Test
    void noForms() {
        GatewayConfig c = ok(PORTS + """
                mta send success-fax-only
                no mta send success-fax-only
                dial-peer voice 1 pots
                 destination-pattern 1T
                 port 0
                 direct-inward-dial
                 no direct-inward-dial
                 no digit-strip
                 shutdown
                 no shutdown
                 max-conn 3
                 no max-conn
                """);
        DialPeer p = c.dialPeer(1).orElseThrow();
        assertFalse(c.mtaSend().successFaxOnly());
        assertFalse(p.directInwardDial());
        assertFalse(p.digitStrip());
        assertFalse(p.shutdown());
        assertEquals(0, p.maxConn());
        assertEquals("t.cfg:1: \"no hostname\" is not supported", oneError("no hostname\n"));
        assertEquals("t.cfg:2: digit-strip: unexpected \"now\" (digit-strip)",
                oneError("dial-peer voice 1 pots\n no digit-strip now\n"));
    }

    @Test
    void typeChecks() {
        assertEquals("t.cfg:1: port 70000 is out of range 1-65535", oneError("mta send server a.example port 70000\n"));
        assertEquals("t.cfg:1: \"300.1.1.1\" is not a valid IP address", oneError("mta receive listen 300.1.1.1\n"));
        assertEquals("t.cfg:1: \"-bad-.example\" is not a valid host name", oneError("mta send server -bad-.example\n"));
        assertEquals("t.cfg:1: number 1025 is out of range 0-1024", oneError("mta receive maximum-recipients 1025\n"));
        assertEquals("t.cfg:1: number must be a number, not \"ten\"", oneError("mta receive maximum-recipients ten\n"));
        assertEquals("t.cfg:1: \"postmaster\" is not an e-mail address (user@domain)",
                oneError("mta send postmaster postmaster\n"));
        assertEquals("t.cfg:1: prefix length in \"10.0.0.0/33\" must be 0-32",
                oneError("mta receive relay network 10.0.0.0/33\n"));
        assertEquals("t.cfg:1: unknown macro $x$ in fax send left-header; known: $a$ $d$ $p$ $s$ $t$",
                oneError("fax send left-header page $x$\n"));
        assertEquals("t.cfg:1: fax send max-speed: unknown speed \"28800\"; expected 2400, 4800, 7200, 9600, 12000, 14400",
                oneError("fax send max-speed 28800\n"));
        assertEquals("t.cfg:1: fax send transmitting-subscriber \"this is a much too long TSI\" is longer than the 20 characters T.30 allows",
                oneError("fax send transmitting-subscriber this is a much too long TSI\n"));
        assertEquals("t.cfg:1: mta send server: unexpected \"25\" (mta send server HOST [port PORT])",
                oneError("mta send server a.example 25\n"));
        assertEquals("t.cfg:1: mta send server: missing host (mta send server HOST [port PORT])",
                oneError("mta send server\n"));
        assertEquals("t.cfg:1: fax send retry-interval: max 10 is shorter than the interval 60",
                oneError("fax send retry-interval 60 max 10\n"));
        assertEquals("t.cfg:1: fax send retries: unknown cause \"bussy\"; did you mean \"busy\"?",
                oneError("fax send retries bussy 3\n"));
        assertEquals("t.cfg:1: retries -1 is out of range 0-100", oneError("fax send retries -1\n"));
        assertEquals("t.cfg:1: an IP address as mail domain is written in brackets: [192.0.2.1]",
                oneError("mta receive aliases 192.0.2.1\n"));
        String mmoip = "dial-peer voice 1 mmoip\n";
        assertEquals("t.cfg:2: session target must start with mailto:, not \"ipv4:192.0.2.1\"",
                oneError(mmoip + " session target ipv4:192.0.2.1\n"));
        assertEquals("t.cfg:2: unknown macro $s$ in session target; known: $d$ $e$ $m$",
                oneError(mmoip + " session target mailto:$s$@example.com\n"));
        assertEquals("t.cfg:2: \"-bad\" is not a valid host name", oneError(mmoip + " session target mailto:$d$@-bad\n"));
        assertEquals("t.cfg:2: preference 11 is out of range 0-10", oneError(mmoip + " preference 11\n"));
        assertEquals("t.cfg:2: \"1.2.3.4\" is not HOST:PORT (write IPv6 as [ADDRESS]:PORT)",
                oneError("voice-port 1\n driver t38 local 1.2.3.4 remote 1.2.3.4:5\n"));
        assertEquals("t.cfg:2: \"12a\" is not a telephone number (digits, * #, leading +)",
                oneError("voice-port 1\n driver t38 local 0.0.0.0:4000 remote [::1]:4000 called-number 12a\n"));
    }

    @Test
    void dialPeerCommandsOfTheOtherKindAreErrors() {
        assertEquals("t.cfg:2: \"session target\" applies to mmoip dial-peers; dial-peer voice 1 is pots",
                oneError("dial-peer voice 1 pots\n session target mailto:a@b\n"));
        assertEquals("t.cfg:2: \"port\" applies to pots dial-peers; dial-peer voice 1 is mmoip",
                oneError("dial-peer voice 1 mmoip\n port 0\n"));
    }

    @Test
    void crossChecks() {
        assertEquals("t.cfg:4: port 1: no voice-port 1 is defined; defined: 0",
                oneError(PORTS + "dial-peer voice 1 pots\n port 1\n destination-pattern 1T\n"));
        assertEquals("t.cfg:3: voice-port 0 is defined twice (first at line 1)",
                oneError(PORTS + "voice-port 0\n driver class1 /dev/ttyS9\ndial-peer voice 1 pots\n port 0\n"));
        assertEquals("t.cfg:5: dial-peer voice 1 is defined twice (first at line 3)",
                oneError(PORTS + "dial-peer voice 1 pots\n port 0\ndial-peer voice 1 mmoip\n"));
        assertEquals("t.cfg:1: voice-port 0 has no driver line", oneError("voice-port 0\n"));
        assertEquals("t.cfg:3: voice-port 0 has a driver already (line 2); a voice-port has one driver",
                oneError("voice-port 0\n driver class1 a\n driver class2 b\n"));
        assertEquals("t.cfg:4: voice-port 1 uses device /dev/ttyS0, as voice-port 0 does (line 2)",
                oneError(PORTS + "voice-port 1\n driver class2 /dev/ttyS0\n"));
        assertEquals("t.cfg:2: voice-port 0: driver loopback names voice-port 2, which is not defined; defined: 0, 1",
                oneError("voice-port 0\n driver loopback 2\nvoice-port 1\n driver loopback 0\n"));
        assertEquals("t.cfg:2: voice-port 0: driver loopback joins the port to itself",
                oneError("voice-port 0\n driver loopback 0\n"));
        ConfigResult asym = parse("voice-port 0\n driver loopback 1\nvoice-port 1\n driver class1 /dev/x\n");
        assertEquals(List.of("t.cfg:2: voice-port 0: driver loopback joins voice-port 1, whose driver is not "
                + "\"driver loopback 0\" (line 4)"), asym.errors().stream().map(Object::toString).toList());
        StringBuilder eleven = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            eleven.append("mta send server 192.0.2.").append(i).append('\n');
        }
        assertEquals("t.cfg:11: more than 10 \"mta send server\" lines (first at line 1)", oneError(eleven.toString()));
        assertEquals("t.cfg:11: more than 10 \"mta receive aliases\" lines (first at line 1)",
                oneError(eleven.toString().replace("mta send server 192.0.2.", "mta receive aliases h")));
    }

    @Test
    void everyErrorIsReportedInLineOrder() {
        ConfigResult r = parse("""
                hostname bad_name
                mta send servr x
                voice-port 0
                 driver class1 /dev/ttyS0
                dial-peer voice 1 pots
                 port 9
                 preference 99
                fax send max-speed 1
                """);
        assertEquals(List.of("t.cfg:1", "t.cfg:2", "t.cfg:6", "t.cfg:7", "t.cfg:8"),
                r.errors().stream().map(e -> e.file() + ":" + e.line()).toList());
    }

    @Test
    void warnings() {
        assertEquals("t.cfg:1: voice-port 0 is not used: no pots dial-peer names it and none has an incoming called-number",
                warnings(PORTS));
        assertEquals("t.cfg:2: \"hostname\" given again (first at line 1); this line replaces it",
                warnings("hostname a\nhostname b\n"));
        assertEquals("b", ok("hostname a\nhostname b\n").hostname());
        assertTrue(warnings("mta receive maximum-recipients 0\n").contains("refuses all mail"));
        assertTrue(warnings("mta send auth u p\nmta send tls none\n").contains("password in clear"));
        assertTrue(warnings("mta receive relay network 192.0.2.5/24\n").contains("it means 192.0.2.0/24"));
        assertTrue(warnings("dial-peer voice 1 mmoip\n incoming called-number .T\n").contains("anyone who reaches it"));
        assertEquals("", warnings("mta receive listen 127.0.0.1\ndial-peer voice 1 mmoip\n incoming called-number .T\n"));
    }

    @Test
    void retryBackoffDoublesUpToTheMaximum() {
        RetryPolicy.Rule r = new RetryPolicy.Rule(4, Duration.ofSeconds(60), Duration.ofSeconds(200));
        assertEquals(Duration.ofSeconds(60), r.delayBefore(1));
        assertEquals(Duration.ofSeconds(120), r.delayBefore(2));
        assertEquals(Duration.ofSeconds(200), r.delayBefore(3));
        assertEquals(Duration.ofSeconds(200), r.delayBefore(40));
        assertTrue(r.mayRetry(3));
        assertFalse(r.mayRetry(4));
        RetryPolicy p = ok("fax send retry-interval 7200\n").faxSend().retry();
        assertEquals(Duration.ofSeconds(7200), p.general().maxInterval());
        assertEquals(p.general(), p.ruleFor(RetryPolicy.Cause.DROPPED));
    }

    @Test
    void loadReportsUnreadableFiles(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.cfg");
        assertEquals(missing + ": cannot read: java.nio.file.NoSuchFileException: " + missing,
                ConfigLoader.load(missing).errors().get(0).toString());
        Path latin1 = dir.resolve("latin1.cfg");
        Files.write(latin1, new byte[] {'h', 'o', 's', 't', 'n', 'a', 'm', 'e', ' ', (byte) 0xe9, '\n'});
        assertEquals(latin1 + ": not valid UTF-8 text", ConfigLoader.load(latin1).errors().get(0).toString());
        Path good = dir.resolve("good.cfg");
        Files.writeString(good, "hostname x\nhostname -y\n");
        assertEquals(good + ":2: \"-y\" is not a valid host name", ConfigLoader.load(good).errors().get(0).toString());
    }
}
