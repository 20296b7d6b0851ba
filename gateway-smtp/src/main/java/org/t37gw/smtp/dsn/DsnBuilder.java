package org.t37gw.smtp.dsn;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds delivery status notifications, RFC 3464 (format) in RFC 6522 {@code multipart/report;
 * report-type=delivery-status}: a human-readable part, the {@code message/delivery-status} part, and the
 * returned message ({@code message/rfc822} for {@code RET=FULL}, else its header as
 * {@code text/rfc822-headers}, RFC 3461 §4.3). Output is RFC 5322 bytes written by Jakarta Mail.
 *
 * <p>Fax specifics: {@code Remote-MTA: X-Fax; NUMBER} names the number dialled; {@code Diagnostic-Code:
 * X-T30; ...} carries the T.30 result. A DSN is sent with the null reverse-path (RFC 3461 §6.2); that is
 * the sender's job, not this builder's.
 */
public final class DsnBuilder {

    /** Where a returned message is cut to headers only, to bound a DSN's size. */
    public static final int MAX_RETURNED_BYTES = 1 << 20;

    /**
     * One recipient's report, RFC 3464 §2.3.
     *
     * @param originalRecipient ORCPT, or {@code null}
     * @param finalRecipient    the recipient address as we received it ({@code rfc822;} is added)
     * @param action            what happened
     * @param status            RFC 3463 {@code class.subject.detail}; class must fit the action
     * @param diagnosticCode    {@code type; text}, e.g. {@code X-T30; T30_ERR_RX_NOCARRIER ...}, or {@code null}
     * @param remoteNumber      the fax number dialled, or {@code null}
     * @param lastAttempt       {@code Last-Attempt-Date}, or {@code null}
     * @param willRetryUntil    {@code Will-Retry-Until} (delayed only), or {@code null}
     */
    public record Recipient(OriginalRecipient originalRecipient, String finalRecipient, Action action, String status,
                            String diagnosticCode, String remoteNumber, Instant lastAttempt, Instant willRetryUntil) {
        public Recipient {
            Objects.requireNonNull(finalRecipient, "finalRecipient");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            if (!status.matches("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}") || status.charAt(0) != action.statusClass()) {
                throw new IllegalArgumentException("status " + status + " does not fit action " + action.field());
            }
            if (willRetryUntil != null && action != Action.DELAYED) {
                throw new IllegalArgumentException("Will-Retry-Until is for delayed only");
            }
            if (diagnosticCode != null && !diagnosticCode.matches("[A-Za-z0-9-]+;.*")) {
                throw new IllegalArgumentException("Diagnostic-Code must be TYPE; text");
            }
        }
    }

    /**
     * A whole DSN.
     *
     * @param to          the envelope sender of the original mail (the DSN goes there)
     * @param envid       ENVID of the original, or {@code null}
     * @param arrival     when we received the original
     * @param ret         RET of the original, or {@code null}
     * @param messageId   the original's Message-ID (for In-Reply-To/References), or {@code null}
     * @param subject     the original's subject, for ours, or {@code null}
     * @param humanText   the first part's text; {@code null} for a generated one
     * @param recipients  one or more recipients' reports
     */
    public record Report(String to, String envid, Instant arrival, Ret ret, String messageId, String subject,
                         String humanText, List<Recipient> recipients) {
        public Report {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(arrival, "arrival");
            recipients = List.copyOf(recipients);
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("a DSN reports on at least one recipient");
            }
        }
    }

    private final String reportingMta;
    private final Clock clock;

    /**
     * @param reportingMta our host name ({@code Reporting-MTA: dns; NAME}, sender {@code MAILER-DAEMON@NAME})
     * @param clock        for Date
     */
    public DsnBuilder(String reportingMta, Clock clock) {
        this.reportingMta = Objects.requireNonNull(reportingMta, "reportingMta");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param report   the report
     * @param original the original message bytes (RFC 5322), or {@code null} when not available
     */
    public byte[] build(Report report, byte[] original) throws MessagingException {
        MimeMessage m = new IdMessage(Reports.session(), "<dsn-" + UUID.randomUUID() + "@" + reportingMta + ">");
        m.setFrom(new InternetAddress("\"Mail Delivery System\" <MAILER-DAEMON@" + reportingMta + ">"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(report.to(), false));
        m.setSubject(subject(report), "UTF-8");
        m.setHeader("Date", Reports.date(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-replied");
        if (report.messageId() != null) {
            m.setHeader("In-Reply-To", report.messageId());
            m.setHeader("References", report.messageId());
        }
        ReportMultipart mp = new ReportMultipart("delivery-status");
        mp.addBodyPart(Reports.textPart(report.humanText() != null ? report.humanText() : humanText(report)));
        mp.addBodyPart(Reports.bytesPart(Reports.ascii(deliveryStatus(report)), "message/delivery-status"));
        if (original != null) {
            boolean full = report.ret() == Ret.FULL && original.length <= MAX_RETURNED_BYTES;
            mp.addBodyPart(full ? Reports.bytesPart(original, "message/rfc822")
                    : Reports.bytesPart(Reports.headers(original), "text/rfc822-headers"));
        }
        m.setContent(mp);
        return Reports.bytes(m);
    }

    /** The {@code message/delivery-status} body, RFC 3464 §2.1: per-message fields, then per recipient. */
    public String deliveryStatus(Report r) {
        StringBuilder sb = new StringBuilder();
        Reports.field(sb, "Reporting-MTA", "dns; " + reportingMta);
        if (r.envid() != null) {
            Reports.field(sb, "Original-Envelope-Id", r.envid());
        }
        Reports.field(sb, "Arrival-Date", Reports.date(r.arrival()));
        for (Recipient p : r.recipients()) {
            sb.append("\r\n");
            if (p.originalRecipient() != null) {
                Reports.field(sb, "Original-Recipient", p.originalRecipient().toField());
            }
            Reports.field(sb, "Final-Recipient", "rfc822; " + p.finalRecipient());
            Reports.field(sb, "Action", p.action().field());
            Reports.field(sb, "Status", p.status());
            if (p.remoteNumber() != null) {
                Reports.field(sb, "Remote-MTA", "X-Fax; " + p.remoteNumber());
            }
            if (p.diagnosticCode() != null) {
                Reports.field(sb, "Diagnostic-Code", p.diagnosticCode());
            }
            if (p.lastAttempt() != null) {
                Reports.field(sb, "Last-Attempt-Date", Reports.date(p.lastAttempt()));
            }
            if (p.willRetryUntil() != null) {
                Reports.field(sb, "Will-Retry-Until", Reports.date(p.willRetryUntil()));
            }
        }
        return sb.toString();
    }

    private static String subject(Report r) {
        Action a = r.recipients().get(0).action();
        String what = switch (a) {
            case FAILED -> "Fax delivery failed";
            case DELAYED -> "Fax delivery delayed";
            case DELIVERED -> "Fax delivered";
            case RELAYED, EXPANDED -> "Fax relayed";
        };
        return r.subject() == null ? what : what + ": " + r.subject();
    }

    private String humanText(Report r) {
        StringBuilder sb = new StringBuilder("This is the fax gateway " + reportingMta + ".\n\n");
        for (Recipient p : r.recipients()) {
            sb.append(switch (p.action()) {
                case FAILED -> "Your message could not be faxed to ";
                case DELAYED -> "Your message has not yet been faxed to ";
                case DELIVERED -> "Your message was faxed to ";
                case RELAYED, EXPANDED -> "Your message was passed on for ";
            }).append(p.finalRecipient());
            if (p.remoteNumber() != null) {
                sb.append(" (number ").append(p.remoteNumber()).append(')');
            }
            sb.append(".\n");
            if (p.diagnosticCode() != null) {
                sb.append("  Reason: ").append(p.diagnosticCode().substring(p.diagnosticCode().indexOf(';') + 1).strip())
                        .append('\n');
            }
            if (p.willRetryUntil() != null) {
                sb.append("  We keep trying until ").append(Reports.date(p.willRetryUntil())).append(".\n");
            }
        }
        return sb.toString();
    }

    /** A message that keeps the Message-ID it was given. */
    static final class IdMessage extends MimeMessage {
        private final String id;

        IdMessage(jakarta.mail.Session s, String id) {
            super(s);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
