package org.t37gw.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dialpeer.DialPeer.DsnNotify;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.spool.JobId;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolOptions;

class DsnMatcherTest {

    @TempDir
    Path dir;

    static byte[] dsn(String envid) {
        return ("From: MAILER-DAEMON@mx.example.com\r\n"
                + "To: fax@gw.test\r\n"
                + "Subject: Delivery Status Notification\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nOne delivered, one failed.\r\n"
                + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.com\r\n"
                + "Original-Envelope-Id: " + envid + "\r\n"
                + "Arrival-Date: Tue, 5 Mar 2024 10:15:31 +0000\r\n\r\n"
                + "Final-Recipient: rfc822; a@example.com\r\n"
                + "Action: delivered\r\nStatus: 2.0.0\r\n\r\n"
                + "Original-Recipient: rfc822;b@example.com\r\n"
                + "Final-Recipient: RFC822; <b.alias@example.com>\r\n"
                + "Action: Failed\r\nStatus: 5.1.1 (user unknown)\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 user\r\n unknown\r\n\r\n"
                + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: fax\r\n\r\n"
                + "--b1--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void parsesPerMessageAndPerRecipientFields() throws Exception {
        DsnMatcher.DsnReport r = DsnMatcher.parse(new ByteArrayInputStream(dsn("20240305T101530000-000001"))).orElseThrow();
        assertEquals("20240305T101530000-000001", r.envelopeId());
        assertEquals("dns; mx.example.com", r.reportingMta());
        assertEquals(2, r.recipients().size());
        assertEquals(new DsnMatcher.RecipientStatus("a@example.com", null, "delivered", "2.0.0", null), r.recipients().get(0));
        DsnMatcher.RecipientStatus b = r.recipients().get(1);
        assertEquals("b.alias@example.com", b.finalRecipient());
        assertEquals("b@example.com", b.originalRecipient());
        assertEquals("failed", b.action());
        assertEquals("5.1.1", b.status());
        assertEquals("smtp; 550 5.1.1 user unknown", b.diagnostic());
        assertEquals(Optional.of(new JobId("20240305T101530000-000001")), r.jobId());
        assertEquals("a+b=c", DsnMatcher.unxtext("a+2Bb+3Dc"));
    }

    @Test
    void ordinaryMailIsNoDsn() throws Exception {
        byte[] plain = "From: a@b\r\nSubject: x\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(DsnMatcher.parse(new ByteArrayInputStream(plain)).isEmpty());
        byte[] mdn = ("Content-Type: multipart/report; report-type=disposition-notification; boundary=x\r\n\r\n"
                + "--x\r\nContent-Type: message/disposition-notification\r\n\r\nFinal-Recipient: rfc822; a@b\r\n--x--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(DsnMatcher.parse(new ByteArrayInputStream(mdn)).isEmpty());
    }

    @Test
    void matchesTheJobByEnvidAndRecordsEachRecipient() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2024-03-05T10:15:30Z"));
        try (Spool spool = Spool.open(dir, clock, SpoolOptions.defaults().withMinFreeBytes(0))) {
            OutboundMail m = OutboundMail.of(new MailEnvelope("fax@gw.test", List.of("a@example.com", "b@example.com"),
                    Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), MailEnvelope.Ret.HDRS), "onramp", "<x@gw.test>");
            JobId id = m.enqueue(spool, out -> out.write("Subject: fax\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

            DsnMatcher.Match match = DsnMatcher.match(new ByteArrayInputStream(dsn(id.value())), spool).orElseThrow();
            assertEquals(id, match.job());
            assertEquals(List.of(0, 1), match.recipientIndexes());
            assertEquals("delivered 2.0.0", spool.get(id).orElseThrow().field("mail.rcpt.0.dsn").orElseThrow());
            assertEquals("failed 5.1.1", spool.get(id).orElseThrow().field("mail.rcpt.1.dsn").orElseThrow());

            assertTrue(DsnMatcher.match(new ByteArrayInputStream(dsn("20990101T000000000-000009")), spool).isEmpty());
            assertTrue(DsnMatcher.match(new ByteArrayInputStream(dsn("not a job")), spool).isEmpty());
        }
    }

    @Test
    void outboundMailRecordRoundTrips() throws Exception {
        OutboundMail m = OutboundMail.of(new MailEnvelope("", List.of("a@x", "b@y"), Set.of(), MailEnvelope.Ret.FULL),
                "dsn", "<m@x>").with(1, OutboundMail.RecipientState.DELIVERED, "250 ok\nsecond line").bouncing("J1");
        OutboundMail back = OutboundMail.fromFields(m.toFields());
        assertEquals(m, back);
        assertEquals("NEVER", m.toFields().get("mail.rcpt.0.notify"));
        assertNull(m.toFields().get("mail.rcpt.0.reply"));
        assertEquals(List.of(m.recipients().get(0)), back.pending());
        assertEquals("ENVID+2Bx+3D+20y", "ENVID" + SmtpDeliverer.xtext("+x= y"));
    }
}
