package org.t37gw.e2e.offramp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.tiff.TiffFaxReader;

/**
 * Issue 5, proof 1 and 2: the daemon in process, mail in over SMTP, the fax out over a {@code t38} voice-port
 * to the spandsp T.38 terminal ({@code scripts/interop/bin/t38peer}) at ten times real time, and the DSNs
 * out to a test MTA. Skips when the peer is not built.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class OffRampEndToEndTest {
    static final int SCALE = 10;
    static final String SENDER = "alice@client.test";

    @TempDir
    Path tmp;

    /** Per test (not @BeforeAll) so that surefire reports each test skipped, with the reason. */
    @BeforeEach
    void peerBuilt() {
        assumeTrue(Files.isExecutable(E2e.PEER),
                "skipped: " + E2e.PEER + " is not built (run scripts/interop/build)");
    }

    static MimeMessage faxMail(Session s, byte[] tiff) throws Exception {
        MimeMessage msg = new MimeMessage(s);
        msg.setFrom("Alice <alice@client.test>");
        msg.setRecipients(Message.RecipientType.TO, "FAX=5550100@localhost");
        msg.setSubject("quarterly figures");
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dear fax machine,\n\nplease find the scanned page attached.\n\nAlice\n", "UTF-8");
        mp.addBodyPart(text);
        MimeBodyPart att = new MimeBodyPart();
        att.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(tiff, "image/tiff")));
        att.setFileName("scan.tif");
        att.setDisposition("attachment");
        mp.addBodyPart(att);
        msg.setContent(mp);
        msg.saveChanges();
        return msg;
    }

    /** The delivery-status part of a DSN: per-message then per-recipient fields, as one header block each. */
    record Dsn(ContentType type, String humanText, InternetHeaders perMessage, InternetHeaders perRecipient,
               List<String> partTypes, String returned) {
        static Dsn parse(E2e.Sink.Mail m) throws Exception {
            MimeMessage msg = m.parse();
            ContentType ct = new ContentType(msg.getContentType());
            assertTrue(ct.match("multipart/report"), "a DSN is multipart/report: " + ct);
            MimeMultipart mp = (MimeMultipart) msg.getContent();
            String human = null;
            String returned = null;
            BodyPart status = null;
            List<String> types = new java.util.ArrayList<>();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                types.add(new ContentType(p.getContentType()).getBaseType().toLowerCase(java.util.Locale.ROOT));
                if (i == 2) {
                    try (InputStream in = p.getInputStream()) {
                        returned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                if (p.isMimeType("message/delivery-status")) {
                    status = p;
                } else if (human == null && p.isMimeType("text/plain")) {
                    human = (String) p.getContent();
                }
            }
            assertTrue(status != null, "a message/delivery-status part");
            byte[] raw;
            try (InputStream in = status.getInputStream()) {
                raw = in.readAllBytes();
            }
            String body = new String(raw, StandardCharsets.US_ASCII).replace("\r\n", "\n");
            String[] blocks = body.trim().split("\n\n");
            assertTrue(blocks.length >= 2, "per-message and per-recipient fields:\n" + body);
            return new Dsn(ct, human, headers(blocks[0]), headers(blocks[1]), types, returned);
        }

        private static InternetHeaders headers(String block) throws Exception {
            return new InternetHeaders(new java.io.ByteArrayInputStream(
                    (block + "\n\n").getBytes(StandardCharsets.US_ASCII)));
        }

        String field(String name) {
            String v = perRecipient.getHeader(name, " ");
            return v == null ? null : v.replaceAll("\\s+", " ").trim();
        }
    }

    static boolean isDsn(E2e.Sink.Mail m) {
        return new String(m.data(), StandardCharsets.ISO_8859_1).contains("report-type=delivery-status")
                || new String(m.data(), StandardCharsets.ISO_8859_1).contains("report-type=\"delivery-status\"");
    }

    static long dsnCount(List<E2e.Sink.Mail> mails) {
        return mails.stream().filter(OffRampEndToEndTest::isDsn).count();
    }

    @Test
    void mailWithTextAndTiffIsFaxedToSpandspAndReportedDelivered() throws Exception {
        long t0 = System.nanoTime();
        int[] udp = E2e.freeUdpPorts();
        int smtp = E2e.freeTcpPort();
        Bilevel scan = E2e.scannedPage(1728, 2200, 5);
        byte[] tiff = E2e.tiff(tmp, "scan.tif", scan);
        Path out = tmp.resolve("received.tif");
        try (E2e.Sink sink = new E2e.Sink();
             E2e.Gateway gw = new E2e.Gateway(tmp, E2e.config(smtp, sink.port(), udp[0], udp[1], ""), SCALE)) {
            Session s = E2e.session(smtp, SENDER, "SUCCESS,FAILURE");
            jakarta.mail.Transport.send(faxMail(s, tiff));
            // the far end answers when the gateway dials (a t38 port has no call signalling: packets from the
            // peer before that would be an incoming call)
            E2e.awaitCall(gw, 30);
            Process peer = new ProcessBuilder(E2e.PEER.toString(), "receive", out.toString(),
                    Integer.toString(udp[1]), "127.0.0.1", Integer.toString(udp[0]),
                    "--time-scale", Integer.toString(SCALE), "--timeout", "90")
                    .redirectError(tmp.resolve("peer.err").toFile()).start();
            try {

                // the far end: JSON ok, two pages
                String json = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertTrue(peer.waitFor(100, TimeUnit.SECONDS), "t38peer ends");
                String err = Files.readString(tmp.resolve("peer.err"));
                assertTrue(json.contains("\"status\":\"ok\""), "peer says ok: " + json + "\n" + err);
                assertEquals(0, peer.exitValue(), json);
                Matcher pm = Pattern.compile("\"pages\":(\\d+)").matcher(json);
                assertTrue(pm.find(), json);
                assertEquals(2, Integer.parseInt(pm.group(1)), "the text page and the scanned page: " + json);
            } finally {
                peer.destroyForcibly();
            }

            TiffFaxReader r = TiffFaxReader.open(out);
            assertEquals(2, r.pageCount());
            Bilevel text = r.decodePage(0).image();
            assertEquals(1728, text.width());
            assertTrue(E2e.ink(text) > 2000, "the text page carries the body text: " + E2e.ink(text) + " black pixels");
            Bilevel got = r.decodePage(1).image();
            assertEquals(scan.width(), got.width());
            assertEquals(scan.height(), got.height());
            assertArrayEquals(scan.data(), got.data(), "the attached page arrives pixel-exact");

            // the DSN: delivered, 2.x.x, Remote-MTA the number
            List<E2e.Sink.Mail> mails = sink.await(m -> dsnCount(m) >= 1, 30);
            assertEquals(1, dsnCount(mails), "one DSN: " + mails.size() + " mails at the sink");
            E2e.Sink.Mail m = mails.stream().filter(OffRampEndToEndTest::isDsn).findFirst().orElseThrow();
            assertEquals("", m.from(), "DSNs come from the null sender");
            assertEquals(List.of(SENDER), m.to(), "to the envelope sender");
            Dsn dsn = Dsn.parse(m);
            assertEquals("delivery-status", dsn.type().getParameter("report-type"));
            assertEquals("delivered", dsn.field("Action"), dsn.perRecipient().toString());
            assertTrue(dsn.field("Status").matches("2\\.\\d{1,3}\\.\\d{1,3}"), dsn.field("Status"));
            assertTrue(dsn.field("Remote-MTA").contains("5550100"), "Remote-MTA names the number: "
                    + dsn.field("Remote-MTA"));
            assertTrue(dsn.field("Final-Recipient").toLowerCase().contains("fax=5550100@localhost"),
                    dsn.field("Final-Recipient"));
            assertTrue(dsn.perMessage().getHeader("Reporting-MTA", " ") != null, "Reporting-MTA");
            // RFC 6522: human text, delivery-status, then (RET=HDRS) the original's headers
            assertEquals(List.of("text/plain", "message/delivery-status", "text/rfc822-headers"), dsn.partTypes());
            assertTrue(dsn.returned().contains("Subject: quarterly figures"), dsn.returned());
            assertTrue(dsn.humanText() != null && dsn.humanText().contains("5550100"), dsn.humanText());
            // nothing else comes: no second DSN
            assertEquals(1, dsnCount(sink.await(x -> dsnCount(x) > 1, 3)));
        }
        System.out.printf("e2e offramp delivered: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * No far end at all: the T.38 port sends CNG into the void, T.30 T1 expires (no DIS) on each attempt. With
     * {@code fax send retries 1} and NOTIFY=SUCCESS,FAILURE,DELAY: exactly one {@code delayed} DSN after the
     * first attempt, exactly one {@code failed} DSN after the retry, nothing more.
     */
    @Test
    void farEndNeverAnswersGivesOneDelayedThenOneFailedDsn() throws Exception {
        long t0 = System.nanoTime();
        int[] udp = E2e.freeUdpPorts();
        int smtp = E2e.freeTcpPort();
        byte[] tiff = E2e.tiff(tmp, "scan.tif", E2e.scannedPage(1728, 600, 9));
        String extra = "fax send retries 1\nfax send retry-interval 2\n";
        try (E2e.Sink sink = new E2e.Sink();
             E2e.Gateway gw = new E2e.Gateway(tmp, E2e.config(smtp, sink.port(), udp[0], udp[1], extra), SCALE)) {
            Session s = E2e.session(smtp, SENDER, "SUCCESS,FAILURE,DELAY");
            jakarta.mail.Transport.send(faxMail(s, tiff));

            List<E2e.Sink.Mail> mails = sink.await(m -> dsnCount(m) >= 2, 60);
            assertEquals(2, dsnCount(mails), "a delayed and a failed DSN within 60 s: " + mails.size() + " mails");
            List<E2e.Sink.Mail> dsns = mails.stream().filter(OffRampEndToEndTest::isDsn).toList();

            Dsn delayed = Dsn.parse(dsns.get(0));
            assertEquals("delayed", delayed.field("Action"), "the first DSN: " + delayed.perRecipient());
            assertTrue(delayed.field("Status").matches("4\\.4\\.1"), "no answer is 4.4.1: " + delayed.field("Status"));
            assertTrue(delayed.field("Remote-MTA").contains("5550100"), delayed.field("Remote-MTA"));
            assertTrue(delayed.field("Diagnostic-Code").startsWith("X-T30;"), delayed.field("Diagnostic-Code"));
            assertTrue(delayed.field("Diagnostic-Code").contains("T1"), delayed.field("Diagnostic-Code"));

            Dsn failed = Dsn.parse(dsns.get(1));
            assertEquals("failed", failed.field("Action"), "the second DSN: " + failed.perRecipient());
            assertTrue(failed.field("Status").matches("[45]\\.4\\.1"), failed.field("Status"));
            assertTrue(failed.field("Diagnostic-Code").startsWith("X-T30;"), failed.field("Diagnostic-Code"));
            assertTrue(failed.field("Diagnostic-Code").contains("T1"), failed.field("Diagnostic-Code"));
            assertTrue(failed.field("Remote-MTA").contains("5550100"), failed.field("Remote-MTA"));
            for (E2e.Sink.Mail m : dsns) {
                assertEquals("", m.from());
                assertEquals(List.of(SENDER), m.to());
            }
            assertEquals(2, gw.daemon.services().calls().history().size(), "the first attempt and one retry");

            // the job is over: nothing more comes (bounded wait for a third DSN that must not arrive)
            assertEquals(2, dsnCount(sink.await(m -> dsnCount(m) > 2, 8)), "no further DSN");
            assertEquals(2, gw.daemon.services().calls().history().size(), "no third call");
        }
        System.out.printf("e2e offramp no answer: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }
}
