package org.t37gw.smtp.dsn;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;

/** {@code multipart/report; report-type=...} (RFC 6522, which obsoletes RFC 3462). */
final class ReportMultipart extends MimeMultipart {

    ReportMultipart(String reportType) {
        super("report");
        try {
            ContentType ct = new ContentType(contentType);
            ct.setParameter("report-type", reportType);
            contentType = ct.toString();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
