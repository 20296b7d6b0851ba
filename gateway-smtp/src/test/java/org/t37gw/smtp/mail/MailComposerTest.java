package org.t37gw.smtp.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dialpeer.DialPeer.DsnNotify;
import org.t37gw.smtp.mail.SessionTarget.UnresolvedTargetException;

class MailComposerTest {

    static final Instant NOW = Instant.parse("2024-03-05T10:15:30Z");
    static final Instant START = Instant.parse("2024-03-05T10:14:00Z");

    @TempDir
    Path dir;

    static GatewayConfig config(String mtaSend, String peerExtra) {
        String text = "hostname gw1.example.com\n"
                + "mta send server 127.0.0.1\n"
                + mtaSend
                + "dial-peer voice 11 mmoip\n"
                + " application fax_on_vfc_onramp_app out-bound\n"
                + " destination-pattern 555....\n"
                + " information-type fax\n"
                + " session target mailto:$d$@example.com\n"
                + peerExtra;
        ConfigResult r = ConfigLoader.parse(text, "test.cfg");
        assertTrue(r.ok(), () -> "config errors: " + r.errors());
        return r.config();
    }

    static Supplier<String> ids() {
        AtomicInteger n = new AtomicInteger();
        return () -> "id" + n.incrementAndGet();
    }

    Path tiff(int size) throws Exception {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        Path p = dir.resolve("pages.tif");
        Files.write(p, b);
        return p;
    }

    static FaxMailRequest request(Path tiff, FaxMailRequest.Outcome outcome, List<FaxMailRequest.Attachment> extra) {
        return new FaxMailRequest("4085551234", "5550100", null, null, "+1 408 555 1234", "0", "call-7", START,
                Duration.ofSeconds(74), 3, 14400, true, FaxResolution.FINE, FaxCoding.MH, outcome,
                outcome == FaxMailRequest.Outcome.COMPLETE ? null : "T.30 T2 timeout", tiff, extra);
    }

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    @Test
    void composesTheOnrampMailWithEveryHeaderAndTheTiffByteForByte() throws Exception {
        GatewayConfig cfg = config("mta send subject Fax from $s$ ($p$ pages)\n"
                        + "mta send with-subject $d$\n"
                        + "mta send origin-prefix cisco-gw\n"
                        + "mta send mail-from username $s$\n"
                        + "mta send mail-from hostname fax.example.com\n"
                        + "mta send return-receipt-to username receipts\n"
                        + "mta send filename scan date\n",
                " dsn success\n dsn failure\n dsn delay\n mdn\n");
        Path tiff = tiff(10_000);
        Path pdf = dir.resolve("pages.pdf");
        Files.writeString(pdf, "%PDF-1.4 not really\n");
        MailComposer c = MailComposer.of(cfg, Clock.fixed(NOW, ZoneOffset.UTC), ids());
        ComposedMail mail = c.compose(request(tiff, FaxMailRequest.Outcome.COMPLETE,
                List.of(new FaxMailRequest.Attachment(pdf, "scan.pdf", "application/pdf"))), cfg.dialPeer(11).orElseThrow());

        assertEquals("4085551234@fax.example.com", mail.envelope().sender());
        assertEquals(List.of("5550100@example.com"), mail.envelope().recipients());
        assertEquals(Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY), mail.envelope().dsnNotify());
        assertEquals("SUCCESS,FAILURE,DELAY", MailEnvelope.notifyParameter(mail.envelope().dsnNotify()));
        assertEquals("<t37gw.id1@gw1.example.com>", mail.messageId());

        byte[] bytes = mail.toBytes();
        String raw = new String(bytes, StandardCharsets.US_ASCII);
        assertFalse(raw.contains("Return-Path"), "an originator does not add Return-Path (RFC 5321 4.4)");
        assertFalse(raw.replace("\r\n", "").contains("\n"), "only CRLF line ends");
        MimeMessage m = parse(bytes);
        assertEquals("Fax 4085551234 <4085551234@fax.example.com>", m.getHeader("From", null));
        assertEquals("5550100@example.com", m.getHeader("To", null));
        assertEquals("Fax from 4085551234 (3 pages) 5550100", m.getSubject());
        assertEquals("Tue, 5 Mar 2024 10:15:30 +0000", m.getHeader("Date", null));
        assertEquals("<t37gw.id1@gw1.example.com>", m.getMessageID());
        assertEquals("receipts@fax.example.com", m.getHeader("Disposition-Notification-To", null));
        String received = m.getHeader("Received", null).replaceAll("\r\n\\s+", " ");
        assertEquals("from fax (cisco-gw port 0; calling 4085551234; called 5550100; TSI \"+1 408 555 1234\") "
                + "by gw1.example.com (t37gw) with FAX id call-7; Tue, 5 Mar 2024 10:15:30 +0000", received);
        assertEquals("3", m.getHeader("X-Fax-Pages", null));
        assertEquals("+1 408 555 1234", m.getHeader("X-Fax-Remote-Id", null));
        assertEquals("4085551234", m.getHeader("X-Fax-Calling-Number", null));
        assertEquals("5550100", m.getHeader("X-Fax-Called-Number", null));
        assertEquals("14400", m.getHeader("X-Fax-Bit-Rate", null));
        assertEquals("yes", m.getHeader("X-Fax-ECM", null));
        assertEquals("fine", m.getHeader("X-Fax-Resolution", null));
        assertEquals("MH", m.getHeader("X-Fax-Coding", null));
        assertEquals("74", m.getHeader("X-Fax-Duration", null));
        assertEquals("complete", m.getHeader("X-Fax-Result", null));
        assertEquals("no", m.getHeader("X-Fax-Partial", null));

        Multipart mp = (Multipart) m.getContent();
        assertEquals(3, mp.getCount());
        Part text = mp.getBodyPart(0);
        assertTrue(text.isMimeType("text/plain"));
        assertTrue(((String) text.getContent()).startsWith("A fax of 3 pages arrived for 5550100 from 4085551234"));
        Part att = mp.getBodyPart(1);
        ContentType ct = new ContentType(att.getContentType());
        assertEquals("image/tiff", ct.getBaseType());
        assertEquals("faxbw", ct.getParameter("application"));
        assertEquals("scan_20240305.tif", att.getFileName());
        assertEquals(Part.ATTACHMENT, att.getDisposition());
        assertEquals("base64", att.getHeader("Content-Transfer-Encoding")[0]);
        assertArrayEquals(Files.readAllBytes(tiff), att.getInputStream().readAllBytes());
        Part extra = mp.getBodyPart(2);
        assertTrue(extra.isMimeType("application/pdf"));
        assertEquals("scan.pdf", extra.getFileName());
        assertArrayEquals(Files.readAllBytes(pdf), extra.getInputStream().readAllBytes());
    }

    @Test
    void sameInputsGiveTheSameBytes() throws Exception {
        GatewayConfig cfg = config("", "");
        Path tiff = tiff(3000);
        FaxMailRequest req = request(tiff, FaxMailRequest.Outcome.COMPLETE, List.of());
        byte[] a = MailComposer.of(cfg, Clock.fixed(NOW, ZoneOffset.UTC), ids()).compose(req, cfg.dialPeer(11).orElseThrow()).toBytes();
        byte[] b = MailComposer.of(cfg, Clock.fixed(NOW, ZoneOffset.UTC), ids()).compose(req, cfg.dialPeer(11).orElseThrow()).toBytes();
        assertArrayEquals(a, b);
    }

    @Test
    void defaultsWithoutMailFromAndWithPostmaster() throws Exception {
        GatewayConfig cfg = config("mta send postmaster pm@example.com\nmta send with-subject both\n", "");
        MailComposer c = MailComposer.of(cfg, Clock.fixed(NOW, ZoneOffset.UTC), ids());
        FaxMailRequest req = request(tiff(100), FaxMailRequest.Outcome.PARTIAL, List.of());
        ComposedMail mail = c.compose(req, cfg.dialPeer(11).orElseThrow());
        assertEquals("pm@example.com", mail.envelope().sender(), "postmaster is the envelope sender without mail-from");
        assertEquals(Set.of(DsnNotify.FAILURE), mail.envelope().dsnNotify(), "dial-peer default dsn failure");
        MimeMessage m = parse(mail.toBytes());
        assertEquals("fax@gw1.example.com", ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("4085551234 5550100", m.getSubject(), "with-subject both, no subject");
        assertNull(m.getHeader("Disposition-Notification-To"), "no mdn on the dial-peer");
        assertEquals("fax.tif", ((Multipart) m.getContent()).getBodyPart(1).getFileName());
        assertEquals("partial (T.30 T2 timeout)", m.getHeader("X-Fax-Result", null));
        assertEquals("yes", m.getHeader("X-Fax-Partial", null));
    }

    @Test
    void successFaxOnlyDropsPartialFaxes() throws Exception {
        GatewayConfig cfg = config("mta send success-fax-only\n", "");
        MailComposer c = MailComposer.of(cfg, Clock.fixed(NOW, ZoneOffset.UTC), ids());
        assertTrue(c.shouldMail(request(tiff(10), FaxMailRequest.Outcome.COMPLETE, List.of())));
        assertFalse(c.shouldMail(request(tiff(10), FaxMailRequest.Outcome.PARTIAL, List.of())));
        GatewayConfig all = config("", "");
        assertTrue(MailComposer.of(all, Clock.systemUTC(), ids()).shouldMail(request(tiff(10), FaxMailRequest.Outcome.FAILED, List.of())));
    }

    @Test
    void sessionTargetMacros() throws Exception {
        SessionTarget.Values v = new SessionTarget.Values("5550100", "4085551234", null, "Jo.Doe@corp.example");
        assertEquals("5550100@example.com", new SessionTarget("mailto:$d$@example.com").resolve(v, "gw"));
        assertEquals("fax-5550100@gw", new SessionTarget("mailto:fax-$d$").resolve(v, "gw"));
        assertEquals("5550100@x.org", new SessionTarget("mailto:$m$@x.org").resolve(v, "gw"), "$m$ falls back to DNIS");
        assertEquals("5550199@x.org", new SessionTarget("mailto:$m$@x.org")
                .resolve(new SessionTarget.Values("5550100", "1", "5550199", null), "gw"));
        assertEquals("Jo.Doe@corp.example", new SessionTarget("mailto:$e$").resolve(v, "gw"), "$e$ is a whole address");
        assertEquals("from-4085551234@x.org", new SessionTarget("MAILTO:from-$s$@x.org").resolve(v, "gw"));
        assertEquals("sales@x.org", new SessionTarget("mailto:sales@x.org").resolve(v, "gw"));
        assertThrows(UnresolvedTargetException.class, () -> new SessionTarget("mailto:$d$@x.org")
                .resolve(new SessionTarget.Values("", "1", null, null), "gw"));
        assertThrows(UnresolvedTargetException.class, () -> new SessionTarget("mailto:$e$@x.org")
                .resolve(new SessionTarget.Values("1", "1", null, null), "gw"));
        assertThrows(UnresolvedTargetException.class, () -> new SessionTarget("mailto:a$d$@x.org")
                .resolve(new SessionTarget.Values("1 2", "1", null, null), "gw"));
        assertThrows(IllegalArgumentException.class, () -> new SessionTarget("smtp:x@y"));
    }
}
