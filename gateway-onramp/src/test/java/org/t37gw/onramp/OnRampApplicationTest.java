package org.t37gw.onramp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.t37gw.ccapi.ApplicationRegistry;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallInfo;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.CallResult;
import org.t37gw.ccapi.CdrSink;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.GatewayConfig;
import org.t37gw.daemon.CallRouter;
import org.t37gw.daemon.RunningConfig;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.JobState;
import org.t37gw.spool.Spool;

class OnRampApplicationTest {

    static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String CONFIG = """
            hostname gw1.example.com
            mta send subject Fax from $s$
            mta send postmaster postmaster@example.com
            mta send filename faxdoc date
            %s
            fax receive called-subscriber $d$
            !
            voice-port 0
             driver loopback 1
            !
            voice-port 1
             driver loopback 0 called-number 5550100
            !
            dial-peer voice 10 pots
             application fax_on_vfc_onramp_app
             incoming called-number .T
             direct-inward-dial
             port 1
            !
            dial-peer voice 11 mmoip
             application fax_on_vfc_onramp_app out-bound
             destination-pattern 555....
             information-type fax
             session target mailto:fax-$d$@example.com
             image encoding %s
             image resolution %s
             dsn success
             dsn failure
             mdn
            """;

    @TempDir
    Path dir;

    private Spool spool;
    private final List<Spool> opened = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Spool s : opened) {
            s.close();
        }
    }

    /** One gateway: config, spool, call control, the app started, a fake line and a scripted far fax. */
    final class Gateway {
        final GatewayConfig config;
        final CallManager calls;
        final OnRampApplication app;
        final FakeLine line = new FakeLine("1");
        final CallRouter router;
        ScriptedFaxSender far;
        final TestContext context;

        Gateway(String extraGlobal, String encoding, String resolution) throws IOException {
            ConfigResult r = ConfigLoader.parse(CONFIG.formatted(extraGlobal, encoding, resolution), "test.cfg");
            assertTrue(r.ok(), () -> "config: " + r.errors());
            config = r.config();
            DialPeerTable peers = new DialPeerTable(config.dialPeers());
            AtomicInteger ids = new AtomicInteger();
            app = new OnRampApplication(Runnable::run, () -> "id" + ids.incrementAndGet(), DecodeLimits.DEFAULT);
            calls = new CallManager(CLOCK, new ApplicationRegistry(List.of(app)), CdrSink.NONE, 50);
            RunningConfig rc = new RunningConfig(config, peers, 1, NOW, "test.cfg");
            router = new CallRouter(() -> rc, () -> calls);
            line.start(router);
            spool = openSpool();
            context = new TestContext(calls, peers, CLOCK)
                    .offer(Spool.class, spool)
                    .offer(OnRampEnvironment.class, new OnRampEnvironment(() -> config, dir.resolve("onramp")))
                    .offer(Vtsp.class, line);
        }

        Gateway far(List<FaxPage> pages, ScriptedFaxSender.Ending ending, int stopAfter) {
            far = new ScriptedFaxSender(line, pages, ending, stopAfter);
            context.offer(Fmsp.class, far);
            return this;
        }

        Gateway start() {
            app.start(context);
            return this;
        }
    }

    private Spool openSpool() throws IOException {
        Spool s = Spool.open(dir.resolve("spool"), CLOCK);
        opened.add(s);
        return s;
    }

    private Gateway gateway() throws IOException {
        return new Gateway("", "mh", "passthrough");
    }

    // ------------------------------------------------------------------ pages

    /** Page {@code n}: a bar across and a block whose place depends on n, so pages differ. */
    static Bilevel page(int n, int rows, double ydpi) {
        Bilevel b = Bilevel.white(1728, rows, 204, ydpi);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < 1728; x++) {
                boolean bar = y == 5 + n;
                boolean block = y >= 20 && y < 30 && x >= 100 * n && x < 100 * n + 40 + n;
                boolean edge = x == 1727 && y % (n + 2) == 0;
                if (bar || block || edge) {
                    b.set(x, y, true);
                }
            }
        }
        return b;
    }

    static FaxPage encode(Bilevel b, FaxCoding coding, FaxResolution resolution) {
        T4Params p = switch (coding) {
            case MH -> T4Params.mh(b.width());
            case MR -> T4Params.mr(b.width(), resolution == FaxResolution.STANDARD ? 2 : 4);
            case MMR -> T4Params.mmr(b.width());
        };
        T4Encoder enc = new T4Encoder(p.withFillOrder(FillOrder.MSB_FIRST));
        for (int y = 0; y < b.height(); y++) {
            enc.encodeRow(b.data(), y * b.rowBytes());
        }
        enc.endPage();
        return new FaxPage(b.width(), b.height(), resolution, coding, enc.takeBytes());
    }

    static List<Bilevel> pages(int count, double ydpi) {
        List<Bilevel> l = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            l.add(page(i, 48, ydpi));
        }
        return l;
    }

    static List<FaxPage> fax(List<Bilevel> pages, FaxCoding coding, FaxResolution resolution) {
        return pages.stream().map(b -> encode(b, coding, resolution)).toList();
    }

    // ------------------------------------------------------------------ reading what was spooled

    private List<Job> jobs(String kind) {
        return spool.list().stream().filter(j -> j.kind().equals(kind)).toList();
    }

    private Job onlyJob(String kind) {
        List<Job> l = jobs(kind);
        assertEquals(1, l.size(), () -> kind + " jobs: " + l);
        return l.get(0);
    }

    private static MimeMessage message(Job mail) throws Exception {
        try (InputStream in = mail.openPayload("message.eml")) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private static BodyPart part(MimeMessage m, String typePrefix) throws Exception {
        MimeMultipart mp = (MimeMultipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            if (mp.getBodyPart(i).getContentType().toLowerCase().startsWith(typePrefix)) {
                return mp.getBodyPart(i);
            }
        }
        throw new AssertionError("no " + typePrefix + " part");
    }

    private static TiffFaxReader tiff(MimeMessage m) throws Exception {
        try (InputStream in = part(m, "image/tiff").getInputStream()) {
            return TiffFaxReader.open(in.readAllBytes());
        }
    }

    private static void assertPages(List<Bilevel> expected, TiffFaxReader r) throws Exception {
        assertEquals(expected.size(), r.pageCount(), "pages in the TIFF");
        for (int i = 0; i < expected.size(); i++) {
            Bilevel got = r.decodePage(i).image();
            assertNull(expected.get(i).firstDifference(got), "page " + (i + 1));
        }
    }

    private static String header(MimeMessage m, String name) throws Exception {
        String[] v = m.getHeader(name);
        return v == null ? null : v[0];
    }

    private List<Path> workFiles() throws IOException {
        Path w = dir.resolve("onramp");
        if (!Files.isDirectory(w)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(w)) {
            return s.toList();
        }
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest
    @ValueSource(ints = {1, 6})
    void receivedFaxIsMailedAsTiffWithHeadersPerConfig(int count) throws Exception {
        List<Bilevel> sent = pages(count, 196);
        Gateway g = gateway().far(fax(sent, FaxCoding.MH, FaxResolution.FINE), ScriptedFaxSender.Ending.COMPLETE, 0)
                .start();

        Optional<CallId> id = g.line.ring("5551234", "5550100");

        assertTrue(id.isPresent(), "call accepted");
        assertEquals(List.of("answer " + id.get(), "hangUp " + id.get() + " 16"), g.line.log());
        assertEquals("5550100", g.far.optionsSeen.get(0).localIdent(), "CSI from fax receive called-subscriber $d$");
        assertTrue(g.far.optionsSeen.get(0).ecm(), "ECM on");

        Job onramp = onlyJob(JobKind.ONRAMP);
        assertEquals(JobState.DONE, onramp.state());
        assertEquals(Integer.toString(count), onramp.field("fax.pages").orElseThrow());
        assertEquals("complete", onramp.field("fax.result").orElseThrow());
        assertEquals("14400", onramp.field("fax.bit-rate").orElseThrow());
        assertEquals("yes", onramp.field("fax.ecm").orElseThrow());
        assertEquals("fine", onramp.field("fax.resolution").orElseThrow());
        assertEquals("MH", onramp.field("fax.coding").orElseThrow());
        assertEquals("0", onramp.field("fax.bad-lines").orElseThrow());
        assertEquals("1", onramp.field("onramp.port").orElseThrow());
        assertEquals("10", onramp.field("onramp.pots-peer").orElseThrow());
        assertEquals("11", onramp.field("onramp.mmoip-peer").orElseThrow());

        Job mail = onlyJob(JobKind.MAIL);
        assertEquals(mail.id().value(), onramp.field("onramp.mail-job").orElseThrow());
        assertEquals(JobState.QUEUED, mail.state());
        assertEquals("fax-5550100@example.com", mail.field("mail.rcpt.0").orElseThrow());
        assertEquals("SUCCESS,FAILURE", mail.field("mail.rcpt.0.notify").orElseThrow());
        assertEquals("postmaster@example.com", mail.field("mail.from").orElseThrow());

        MimeMessage m = message(mail);
        assertEquals("fax-5550100@example.com", header(m, "To"));
        assertEquals("Fax from 5551234", m.getSubject());
        assertEquals(Integer.toString(count), header(m, "X-Fax-Pages"));
        assertEquals("complete", header(m, "X-Fax-Result"));
        assertEquals("no", header(m, "X-Fax-Partial"));
        assertEquals("MH", header(m, "X-Fax-Coding"));
        assertEquals("5551234", header(m, "X-Fax-Calling-Number"));
        assertEquals("+1 555 0199", header(m, "X-Fax-Remote-Id"), "the far machine's TSI");
        assertTrue(header(m, "Disposition-Notification-To").contains("postmaster@example.com"), "mdn");
        assertEquals("faxdoc_20250304.tif", part(m, "image/tiff").getFileName());
        TiffFaxReader r = tiff(m);
        assertPages(sent, r);
        assertEquals(3, r.pages().get(0).compression(), "image encoding mh");

        assertEquals(List.of(), workFiles(), "pages removed once mailed");
        CallInfo info = g.calls.call(id.get()).orElseThrow();
        assertEquals(count, info.pages());
        assertEquals(CallResult.SUCCESS, info.result());
    }

    @Test
    void callDroppedAfterPage3OfSixMailsPages1To3MarkedPartial() throws Exception {
        List<Bilevel> sent = pages(6, 196);
        Gateway g = gateway().far(fax(sent, FaxCoding.MH, FaxResolution.FINE), ScriptedFaxSender.Ending.LINE_DROP, 3)
                .start();

        CallId id = g.line.ring("5551234", "5550123").orElseThrow();

        assertEquals(1, g.far.aborts.size(), "the session is aborted when the line drops");
        Job onramp = onlyJob(JobKind.ONRAMP);
        assertEquals(JobState.DONE, onramp.state());
        assertEquals("partial", onramp.field("fax.result").orElseThrow());
        assertEquals("3", onramp.field("fax.pages").orElseThrow());
        assertEquals("31", onramp.field("fax.q850-cause").orElseThrow());
        MimeMessage m = message(onlyJob(JobKind.MAIL));
        assertEquals("fax-5550123@example.com", header(m, "To"));
        assertEquals("3", header(m, "X-Fax-Pages"));
        assertTrue(header(m, "X-Fax-Result").startsWith("partial ("), header(m, "X-Fax-Result"));
        assertEquals("yes", header(m, "X-Fax-Partial"));
        String text = (String) part(m, "text/plain").getContent();
        assertTrue(text.contains("did not complete"), text);
        assertPages(sent.subList(0, 3), tiff(m));
        // the CDR's pages come from our PageReceived events; its result is the core's call (see docs/onramp.md)
        assertEquals(3, g.calls.call(id).orElseThrow().pages());
    }

    @Test
    void numberWithoutOnrampMmoipPeerIsRejectedUnallocated() throws Exception {
        Gateway g = gateway().far(fax(pages(1, 196), FaxCoding.MH, FaxResolution.FINE),
                ScriptedFaxSender.Ending.COMPLETE, 0).start();

        Optional<CallId> id = g.line.ring("5551234", "4440000");

        assertTrue(id.isEmpty(), "refused");
        assertEquals(List.of(), g.line.log(), "never answered");
        CallInfo info = g.calls.history().get(0);
        assertEquals(CallResult.REJECTED, info.result());
        assertEquals(1, info.cause().code(), "Q.850 unallocated number");
        assertEquals(List.of(), spool.list());
        assertTrue(g.far.optionsSeen.isEmpty());
    }

    @Test
    void faxLeftUnmailedByACrashIsMailedPartialOnStart() throws Exception {
        List<Bilevel> sent = pages(6, 196);
        Gateway g = gateway().far(fax(sent, FaxCoding.MH, FaxResolution.FINE), ScriptedFaxSender.Ending.CRASH, 3)
                .start();
        g.line.ring("5551234", "5550100").orElseThrow();
        Job during = onlyJob(JobKind.ONRAMP);
        assertEquals(JobState.ACTIVE, during.state());
        assertEquals("3", during.field("onramp.pages-received").orElseThrow());
        assertTrue(jobs(JobKind.MAIL).isEmpty());

        // kill -9: nothing more runs in the old process; the spool lock goes with it
        opened.remove(spool);
        spool.close();

        Gateway after = gateway().far(List.of(), ScriptedFaxSender.Ending.COMPLETE, 0);
        Job queued = onlyJob(JobKind.ONRAMP);
        assertEquals(JobState.QUEUED, queued.state(), "spool recovery put it back");
        after.start();

        Job onramp = onlyJob(JobKind.ONRAMP);
        assertEquals(JobState.DONE, onramp.state());
        assertEquals("yes", onramp.field("onramp.recovered").orElseThrow());
        assertEquals("partial", onramp.field("fax.result").orElseThrow());
        MimeMessage m = message(onlyJob(JobKind.MAIL));
        assertEquals("3", header(m, "X-Fax-Pages"));
        assertEquals("yes", header(m, "X-Fax-Partial"));
        assertTrue(header(m, "X-Fax-Result").contains("gateway stopped"), header(m, "X-Fax-Result"));
        assertPages(sent.subList(0, 3), tiff(m));
        assertEquals(List.of(), workFiles());

        // a second restart mails nothing again
        opened.remove(spool);
        spool.close();
        gateway().far(List.of(), ScriptedFaxSender.Ending.COMPLETE, 0).start();
        assertEquals(1, jobs(JobKind.MAIL).size());
    }

    @Test
    void successFaxOnlySendsAPartialFaxToThePostmasterInsteadOfDroppingIt() throws Exception {
        List<Bilevel> sent = pages(4, 196);
        Gateway g = new Gateway("mta send success-fax-only", "mh", "passthrough")
                .far(fax(sent, FaxCoding.MH, FaxResolution.FINE), ScriptedFaxSender.Ending.LINE_DROP, 2).start();

        g.line.ring("5551234", "5550100").orElseThrow();

        Job mail = onlyJob(JobKind.MAIL);
        assertEquals("postmaster@example.com", mail.field("mail.rcpt.0").orElseThrow());
        MimeMessage m = message(mail);
        assertEquals("postmaster@example.com", header(m, "To"));
        assertEquals("yes", header(m, "X-Fax-Partial"));
        assertPages(sent.subList(0, 2), tiff(m));
        assertEquals("postmaster@example.com", onlyJob(JobKind.ONRAMP).field("onramp.mail-to").orElseThrow());
    }

    @Test
    void successFaxOnlyMailsACompleteFaxToTheSessionTarget() throws Exception {
        Gateway g = new Gateway("mta send success-fax-only", "mh", "passthrough")
                .far(fax(pages(2, 196), FaxCoding.MH, FaxResolution.FINE), ScriptedFaxSender.Ending.COMPLETE, 0)
                .start();

        g.line.ring("5551234", "5550100").orElseThrow();

        assertEquals("fax-5550100@example.com", onlyJob(JobKind.MAIL).field("mail.rcpt.0").orElseThrow());
    }

    @Test
    void attachPdfPutsAPdfOfTheSamePagesBesideTheTiff() throws Exception {
        List<Bilevel> sent = pages(2, 196);
        Gateway g = new Gateway("mta send attach-pdf", "mh", "passthrough")
                .far(fax(sent, FaxCoding.MH, FaxResolution.FINE), ScriptedFaxSender.Ending.COMPLETE, 0)
                .start();

        g.line.ring("5551234", "5550100").orElseThrow();

        MimeMessage m = message(onlyJob(JobKind.MAIL));
        assertPages(sent, tiff(m));
        BodyPart pdf = part(m, "application/pdf");
        assertEquals("faxdoc_20250304.pdf", pdf.getFileName());
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(
                pdf.getInputStream().readAllBytes())) {
            assertEquals(2, doc.getNumberOfPages());
        }
        assertEquals(List.of(), workFiles(), "the PDF is removed with the TIFF once mailed");
    }

    @Test
    void imageEncodingAndResolutionOfTheMmoipPeerAreApplied() throws Exception {
        List<Bilevel> sent = pages(2, 98);
        Gateway g = new Gateway("", "mmr", "fine")
                .far(fax(sent, FaxCoding.MH, FaxResolution.STANDARD), ScriptedFaxSender.Ending.COMPLETE, 0).start();

        g.line.ring("5551234", "5550100").orElseThrow();

        TiffFaxReader r = tiff(message(onlyJob(JobKind.MAIL)));
        assertEquals(2, r.pageCount());
        for (int i = 0; i < 2; i++) {
            assertEquals(4, r.pages().get(i).compression(), "image encoding mmr: T.6");
            assertEquals(196, Math.round(r.pages().get(i).yResolution()), "image resolution fine");
            Bilevel got = r.decodePage(i).image();
            Bilevel want = sent.get(i);
            assertEquals(want.height() * 2, got.height(), "each standard row twice");
            int rb = want.rowBytes();
            for (int y = 0; y < want.height(); y++) {
                byte[] row = java.util.Arrays.copyOfRange(want.data(), y * rb, (y + 1) * rb);
                assertArrayEquals(row, java.util.Arrays.copyOfRange(got.data(), 2 * y * rb, (2 * y + 1) * rb));
                assertArrayEquals(row, java.util.Arrays.copyOfRange(got.data(), (2 * y + 1) * rb, (2 * y + 2) * rb));
            }
        }
    }

    @Test
    void passthroughKeepsTheReceivedCodingAndResolution() throws Exception {
        List<Bilevel> sent = pages(2, 98);
        Gateway g = new Gateway("", "passthrough", "passthrough")
                .far(fax(sent, FaxCoding.MR, FaxResolution.STANDARD), ScriptedFaxSender.Ending.COMPLETE, 0).start();

        g.line.ring("5551234", "5550100").orElseThrow();

        MimeMessage m = message(onlyJob(JobKind.MAIL));
        TiffFaxReader r = tiff(m);
        assertEquals(3, r.pages().get(0).compression());
        assertEquals(1, r.pages().get(0).t4Options() & 1, "MR kept");
        assertEquals(98, Math.round(r.pages().get(0).yResolution()));
        assertPages(sent, r);
        assertEquals("MR", header(m, "X-Fax-Coding"));
        assertFalse(header(m, "X-Fax-Result").contains("partial"));
    }
}
