package org.t37gw.smtp.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DsnBuilderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);
    static final byte[] ORIGINAL = ("Message-ID: <orig@example.org>\r\nFrom: alice@example.org\r\n"
            + "Subject: quarterly\r\n\r\nbody line\r\n").getBytes(StandardCharsets.US_ASCII);

    static MimeMessage parse(byte[] b) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(b));
    }

    /** The field groups of a message/delivery-status or disposition-notification part. */
    static List<InternetHeaders> groups(BodyPart p) throws Exception {
        List<InternetHeaders> out = new ArrayList<>();
        try (InputStream in = p.getInputStream()) {
            byte[] all = in.readAllBytes();
            ByteArrayInputStream bin = new ByteArrayInputStream(all);
            while (bin.available() > 0) {
                InternetHeaders h = new InternetHeaders(bin);
                if (h.getAllHeaderLines().hasMoreElements()) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    private static DsnBuilder.Report report(Ret ret, DsnBuilder.Recipient... rs) {
        return new DsnBuilder.Report("alice@example.org", "QQ123", Instant.parse("2024-05-06T07:00:00Z"), ret,
                "<orig@example.org>", "quarterly", null, List.of(rs));
    }

    @Test
    void failedFaxWithHeadersReturned() throws Exception {
        DsnBuilder.Recipient failed = new DsnBuilder.Recipient(
                new OriginalRecipient("rfc822", "FAX=555-0100@gw.example.com"), "FAX=555-0100@gw.example.com",
                Action.FAILED, "5.4.0", "X-T30; T30_ERR_RX_NOCARRIER: no carrier after DCS", "5550100",
                Instant.parse("2024-05-06T07:05:00Z"), null);
        DsnBuilder.Recipient delayed = new DsnBuilder.Recipient(null, "FAX=555-0101@gw.example.com",
                Action.DELAYED, "4.4.1", "X-T30; busy", "5550101", Instant.parse("2024-05-06T07:06:00Z"),
                Instant.parse("2024-05-07T07:00:00Z"));
        byte[] bytes = new DsnBuilder("gw.example.com", CLOCK).build(report(Ret.HDRS, failed, delayed), ORIGINAL);
        MimeMessage m = parse(bytes);
        ContentType ct = new ContentType(m.getContentType());
        assertTrue(ct.match("multipart/report"));
        assertEquals("delivery-status", ct.getParameter("report-type"));
        assertEquals("alice@example.org", m.getHeader("To")[0]);
        assertTrue(m.getFrom()[0].toString().contains("MAILER-DAEMON@gw.example.com"));
        assertEquals("Fax delivery failed: quarterly", m.getSubject());
        assertEquals("auto-replied", m.getHeader("Auto-Submitted")[0]);
        assertEquals("<orig@example.org>", m.getHeader("In-Reply-To")[0]);
        MimeMultipart mp = assertInstanceOf(MimeMultipart.class, m.getContent());
        assertEquals(3, mp.getCount());
        assertTrue(mp.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(((String) mp.getBodyPart(0).getContent()).contains("could not be faxed to FAX=555-0100@gw.example.com"));
        assertTrue(mp.getBodyPart(1).isMimeType("message/delivery-status"));
        List<InternetHeaders> g = groups(mp.getBodyPart(1));
        assertEquals(3, g.size());
        assertEquals("dns; gw.example.com", g.get(0).getHeader("Reporting-MTA", null));
        assertEquals("QQ123", g.get(0).getHeader("Original-Envelope-Id", null));
        assertEquals("Mon, 6 May 2024 07:00:00 +0000", g.get(0).getHeader("Arrival-Date", null));
        assertEquals("rfc822;FAX=555-0100@gw.example.com", g.get(1).getHeader("Original-Recipient", null));
        assertEquals("rfc822; FAX=555-0100@gw.example.com", g.get(1).getHeader("Final-Recipient", null));
        assertEquals("failed", g.get(1).getHeader("Action", null));
        assertEquals("5.4.0", g.get(1).getHeader("Status", null));
        assertEquals("X-Fax; 5550100", g.get(1).getHeader("Remote-MTA", null));
        assertEquals("X-T30; T30_ERR_RX_NOCARRIER: no carrier after DCS", g.get(1).getHeader("Diagnostic-Code", null));
        assertEquals("Mon, 6 May 2024 07:05:00 +0000", g.get(1).getHeader("Last-Attempt-Date", null));
        assertNull(g.get(1).getHeader("Will-Retry-Until", null));
        assertEquals("delayed", g.get(2).getHeader("Action", null));
        assertEquals("Tue, 7 May 2024 07:00:00 +0000", g.get(2).getHeader("Will-Retry-Until", null));
        assertNull(g.get(2).getHeader("Original-Recipient", null));
        BodyPart third = mp.getBodyPart(2);
        assertTrue(third.isMimeType("text/rfc822-headers"), third.getContentType());
        String h = new String(third.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(h.contains("Subject: quarterly") && !h.contains("body line"), h);
    }

    @Test
    void deliveredWithFullMessage() throws Exception {
        DsnBuilder.Recipient ok = new DsnBuilder.Recipient(null, "FAX=5550100@gw", Action.DELIVERED, "2.0.0", null,
                "5550100", Instant.parse("2024-05-06T07:05:00Z"), null);
        MimeMessage m = parse(new DsnBuilder("gw", CLOCK).build(report(Ret.FULL, ok), ORIGINAL));
        assertEquals("Fax delivered: quarterly", m.getSubject());
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertTrue(mp.getBodyPart(2).isMimeType("message/rfc822"));
        MimeMessage returned = assertInstanceOf(MimeMessage.class, mp.getBodyPart(2).getContent());
        assertEquals("quarterly", returned.getSubject());
        assertTrue(returned.getContent().toString().contains("body line"));
    }

    @Test
    void statusMustFitAction() {
        assertThrows(IllegalArgumentException.class, () -> new DsnBuilder.Recipient(null, "x@y", Action.FAILED,
                "4.4.1", null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new DsnBuilder.Recipient(null, "x@y", Action.DELIVERED,
                "2.0.0", "no type", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new DsnBuilder.Recipient(null, "x@y", Action.FAILED,
                "5.0.0", null, null, null, Instant.EPOCH));
    }

    @Test
    void notifyDecisions() {
        NotifyRequest success = NotifyRequest.parse("success").orElseThrow();
        assertEquals(new DsnDecision.Send(Action.DELIVERED),
                NotifyPolicy.decide(NotifyPolicy.Event.DELIVERED, success, "a@b", false));
        assertInstanceOf(DsnDecision.Suppress.class, NotifyPolicy.decide(NotifyPolicy.Event.FAILED, success, "a@b", false));
        assertEquals(new DsnDecision.Send(Action.FAILED),
                NotifyPolicy.decide(NotifyPolicy.Event.FAILED, NotifyRequest.DEFAULT, "a@b", false));
        assertEquals(new DsnDecision.Send(Action.DELAYED),
                NotifyPolicy.decide(NotifyPolicy.Event.DELAYED, NotifyRequest.DEFAULT, "a@b", false));
        assertInstanceOf(DsnDecision.Suppress.class,
                NotifyPolicy.decide(NotifyPolicy.Event.DELIVERED, NotifyRequest.DEFAULT, "a@b", false));
        assertInstanceOf(DsnDecision.Suppress.class,
                NotifyPolicy.decide(NotifyPolicy.Event.FAILED, NotifyRequest.NEVER, "a@b", false));
        assertInstanceOf(DsnDecision.Suppress.class,
                NotifyPolicy.decide(NotifyPolicy.Event.FAILED, NotifyRequest.DEFAULT, "", false));
        assertInstanceOf(DsnDecision.Suppress.class,
                NotifyPolicy.decide(NotifyPolicy.Event.FAILED, NotifyRequest.DEFAULT, "a@b", true));
        assertEquals(new DsnDecision.Send(Action.RELAYED),
                NotifyPolicy.decide(NotifyPolicy.Event.RELAYED, success, "a@b", false));
    }

    @Test
    void parameters() {
        assertEquals(Set.of(Notify.SUCCESS, Notify.DELAY), NotifyRequest.parse("DELAY,success").orElseThrow().conditions());
        assertEquals("SUCCESS,DELAY", NotifyRequest.parse("DELAY,success").orElseThrow().toParameter());
        assertTrue(NotifyRequest.parse("NEVER,SUCCESS").isEmpty());
        assertTrue(NotifyRequest.parse("SUCCESS,SUCCESS").isEmpty());
        assertTrue(NotifyRequest.parse("").isEmpty());
        assertEquals("a+b=c d", Xtext.decode(Xtext.encode("a+b=c d")));
        assertEquals("a+2Bb+3Dc+20d", Xtext.encode("a+b=c d"));
        assertThrows(IllegalArgumentException.class, () -> Xtext.decode("a+2"));
        assertThrows(IllegalArgumentException.class, () -> Xtext.decode("a+zz"));
        assertEquals(new OriginalRecipient("rfc822", "FAX=5550100@gw"), OriginalRecipient.parse("rfc822;FAX+3D5550100@gw").orElseThrow());
        assertTrue(OriginalRecipient.parse("rfc822").isEmpty());
        assertEquals(Ret.HDRS, Ret.parse("hdrs").orElseThrow());
    }
}
