package org.t37gw.smtp.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.t37gw.smtp.dsn.DsnBuilderTest.CLOCK;
import static org.t37gw.smtp.dsn.DsnBuilderTest.ORIGINAL;
import static org.t37gw.smtp.dsn.DsnBuilderTest.groups;
import static org.t37gw.smtp.dsn.DsnBuilderTest.parse;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import org.junit.jupiter.api.Test;

class MdnBuilderTest {

    @Test
    void processedMdnParsesBack() throws Exception {
        MdnBuilder.Report r = new MdnBuilder.Report("alice@example.org", "FAX=555-0100@gw.example.com",
                "FAX=555-0100@gw.example.com", "<orig@example.org>", "quarterly",
                MdnBuilder.Disposition.PROCESSED, null);
        byte[] bytes = new MdnBuilder("gw.example.com", "t37gw 0.1.0", CLOCK).build(r, ORIGINAL);
        MimeMessage m = parse(bytes);
        ContentType ct = new ContentType(m.getContentType());
        assertTrue(ct.match("multipart/report"));
        assertEquals("disposition-notification", ct.getParameter("report-type"));
        assertTrue(MdnBuilder.isMdn(m.getContentType()));
        assertEquals("Fax sent: quarterly", m.getSubject());
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertEquals(3, mp.getCount());
        assertTrue(mp.getBodyPart(1).isMimeType("message/disposition-notification"));
        List<InternetHeaders> g = groups(mp.getBodyPart(1));
        assertEquals(1, g.size());
        InternetHeaders h = g.get(0);
        assertEquals("gw.example.com; t37gw 0.1.0", h.getHeader("Reporting-UA", null));
        assertEquals("rfc822; FAX=555-0100@gw.example.com", h.getHeader("Original-Recipient", null));
        assertEquals("rfc822; FAX=555-0100@gw.example.com", h.getHeader("Final-Recipient", null));
        assertEquals("<orig@example.org>", h.getHeader("Original-Message-ID", null));
        assertEquals("automatic-action/MDN-sent-automatically; processed", h.getHeader("Disposition", null));
        assertTrue(mp.getBodyPart(2).isMimeType("text/rfc822-headers"));
    }

    @Test
    void errorDisposition() throws Exception {
        assertEquals("automatic-action/MDN-sent-automatically; processed/error",
                MdnBuilder.Disposition.PROCESSED_ERROR.field());
        MdnBuilder.Report r = new MdnBuilder.Report("alice@example.org", null, "FAX=5550100@gw", null, null,
                MdnBuilder.Disposition.PROCESSED_ERROR, "could not fax it");
        MimeMessage m = parse(new MdnBuilder("gw", "t37gw", CLOCK).build(r, null));
        assertEquals("Fax not sent", m.getSubject());
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertEquals(2, mp.getCount());
        assertEquals("could not fax it", mp.getBodyPart(0).getContent());
        assertFalse(MdnBuilder.isMdn("text/plain"));
    }
}
