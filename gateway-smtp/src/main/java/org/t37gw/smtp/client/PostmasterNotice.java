package org.t37gw.smtp.client;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The mail that hands a rejected message to {@code mta send postmaster}: a {@code multipart/mixed}
 * with the reason (job, recipients, the server's replies) and the message itself as
 * {@code message/rfc822}, sent from {@code MAILER-DAEMON} with the null reverse-path and
 * {@code Auto-Submitted: auto-replied} (RFC 3834), so that it cannot loop.
 */
final class PostmasterNotice {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private PostmasterNotice() {
    }

    /**
     * Writes the notice.
     *
     * @param rejected one line per rejected recipient: address and reply
     */
    static void write(OutputStream out, String hostname, String postmaster, String jobId, OutboundMail mail,
                      List<String> rejected, Path original, Instant now, ZoneId zone, String uniqueToken)
            throws IOException {
        Session session = Session.getInstance(new Properties());
        try (SharedFileInputStream in = new SharedFileInputStream(original.toFile())) {
            MimeMessage orig = new MimeMessage(session, in);
            String origSubject = orig.getSubject();
            String id = "<t37gw.pm." + uniqueToken + "@" + hostname + ">";
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", id);
                }
            };
            m.setFrom(new InternetAddress("MAILER-DAEMON@" + hostname, "Mail Delivery Subsystem", "UTF-8"));
            m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(postmaster, true));
            m.setSubject("Undeliverable mail" + (origSubject == null ? "" : ": " + origSubject), "UTF-8");
            m.setHeader("Date", DATE.format(now.atZone(zone)));
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setHeader("X-T37gw-Job", jobId);

            StringBuilder t = new StringBuilder();
            t.append("The gateway ").append(hostname).append(" could not deliver the attached ")
                    .append(mail.origin()).append(" mail (spool job ").append(jobId).append(")\r\n")
                    .append("from <").append(mail.sender()).append(">: these recipients were refused for good.\r\n\r\n");
            for (String r : rejected) {
                t.append("  ").append(r).append("\r\n");
            }
            t.append("\r\nThe message is attached. A copy stays in the spool (job ").append(jobId)
                    .append(") until it is purged.\r\n");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(t.toString(), "UTF-8");
            MimeBodyPart wrapped = new MimeBodyPart();
            wrapped.setContent(orig, "message/rfc822");
            wrapped.setDisposition(MimeBodyPart.INLINE);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(text);
            mixed.addBodyPart(wrapped);
            m.setContent(mixed);
            m.saveChanges();
            m.writeTo(out);
        } catch (UnsupportedEncodingException e) {
            throw new IOException(e);
        } catch (MessagingException e) {
            throw new IOException("cannot wrap job " + jobId + " for the postmaster: " + e.getMessage(), e);
        }
    }
}
