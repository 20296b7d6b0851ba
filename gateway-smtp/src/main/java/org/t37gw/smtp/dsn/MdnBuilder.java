package org.t37gw.smtp.dsn;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds message disposition notifications, RFC 8098 (STD 85): {@code multipart/report;
 * report-type=disposition-notification} with a human-readable part, the
 * {@code message/disposition-notification} part and the original's header ({@code text/rfc822-headers}).
 * For the off-ramp: "processed" once the fax went out, "processed/error" when it could not be
 * (RFC 8098 §3.2.6.3: failures are the {@code error} modifier, not the RFC 2298 {@code failed} type).
 *
 * <p>An MDN is never sent for an MDN (RFC 8098 §3.1); callers check {@link #isMdn(String)} on the
 * original's Content-Type.
 */
public final class MdnBuilder {

    /** RFC 8098 §3.2.6.1 action mode. */
    public enum ActionMode { MANUAL_ACTION, AUTOMATIC_ACTION }

    /** RFC 8098 §3.2.6.1 sending mode. */
    public enum SendingMode { MDN_SENT_MANUALLY, MDN_SENT_AUTOMATICALLY }

    /** RFC 8098 §3.2.6.2 disposition type. */
    public enum Type { DISPLAYED, DELETED, DISPATCHED, PROCESSED }

    /**
     * A {@code Disposition} field value.
     *
     * @param actionMode  manual or automatic action
     * @param sendingMode how the MDN was sent
     * @param type        the disposition type
     * @param modifiers   e.g. {@code error}; may be empty
     */
    public record Disposition(ActionMode actionMode, SendingMode sendingMode, Type type, List<String> modifiers) {
        public Disposition {
            Objects.requireNonNull(actionMode, "actionMode");
            Objects.requireNonNull(sendingMode, "sendingMode");
            Objects.requireNonNull(type, "type");
            modifiers = List.copyOf(modifiers);
            for (String m : modifiers) {
                if (!m.matches("[A-Za-z0-9-]+")) {
                    throw new IllegalArgumentException("bad disposition modifier: " + m);
                }
            }
        }

        /** The automatic "processed" of a sent fax. */
        public static final Disposition PROCESSED = new Disposition(ActionMode.AUTOMATIC_ACTION,
                SendingMode.MDN_SENT_AUTOMATICALLY, Type.PROCESSED, List.of());
        /** The automatic "processed/error" of a fax that could not be sent. */
        public static final Disposition PROCESSED_ERROR = new Disposition(ActionMode.AUTOMATIC_ACTION,
                SendingMode.MDN_SENT_AUTOMATICALLY, Type.PROCESSED, List.of("error"));

        /** The field value, e.g. {@code automatic-action/MDN-sent-automatically; processed/error}. */
        public String field() {
            String s = actionMode.name().toLowerCase(Locale.ROOT).replace('_', '-') + "/"
                    + (sendingMode == SendingMode.MDN_SENT_MANUALLY ? "MDN-sent-manually" : "MDN-sent-automatically")
                    + "; " + type.name().toLowerCase(Locale.ROOT);
            return modifiers.isEmpty() ? s : s + "/" + String.join(",", modifiers);
        }
    }

    /**
     * A whole MDN.
     *
     * @param to                the {@code Disposition-Notification-To} address
     * @param originalRecipient the ORCPT (or original To) address, or {@code null}
     * @param finalRecipient    the recipient address as we received it
     * @param originalMessageId the original's Message-ID, or {@code null}
     * @param subject           the original's subject, or {@code null}
     * @param disposition       the disposition
     * @param humanText         the first part's text, or {@code null} for a generated one
     */
    public record Report(String to, String originalRecipient, String finalRecipient, String originalMessageId,
                         String subject, Disposition disposition, String humanText) {
        public Report {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(finalRecipient, "finalRecipient");
            Objects.requireNonNull(disposition, "disposition");
        }
    }

    private final String hostname;
    private final String product;
    private final Clock clock;

    /**
     * @param hostname our host name ({@code Reporting-UA: NAME; PRODUCT}, From {@code MAILER-DAEMON@NAME})
     * @param product  e.g. {@code t37gw 0.1.0}
     */
    public MdnBuilder(String hostname, String product, Clock clock) {
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.product = Objects.requireNonNull(product, "product");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a Content-Type is an MDN (never answer one with another). */
    public static boolean isMdn(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).replace(" ", "")
                .matches("(?s)multipart/report;.*report-type=\"?disposition-notification.*");
    }

    /**
     * @param report           the report
     * @param originalHeaders  the original's header block, or {@code null}
     */
    public byte[] build(Report report, byte[] originalHeaders) throws MessagingException {
        MimeMessage m = new DsnBuilder.IdMessage(Reports.session(), "<mdn-" + UUID.randomUUID() + "@" + hostname + ">");
        m.setFrom(new InternetAddress("\"Fax Gateway\" <MAILER-DAEMON@" + hostname + ">"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(report.to(), false));
        String what = report.disposition().modifiers().contains("error") ? "Fax not sent" : "Fax sent";
        m.setSubject(report.subject() == null ? what : what + ": " + report.subject(), "UTF-8");
        m.setHeader("Date", Reports.date(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-replied");
        if (report.originalMessageId() != null) {
            m.setHeader("In-Reply-To", report.originalMessageId());
            m.setHeader("References", report.originalMessageId());
        }
        ReportMultipart mp = new ReportMultipart("disposition-notification");
        mp.addBodyPart(Reports.textPart(report.humanText() != null ? report.humanText()
                : "The message to " + report.finalRecipient() + " was " + (what.equals("Fax sent")
                ? "sent as a fax." : "not sent as a fax.") + "\n"));
        mp.addBodyPart(Reports.bytesPart(Reports.ascii(notification(report)), "message/disposition-notification"));
        if (originalHeaders != null) {
            mp.addBodyPart(Reports.bytesPart(Reports.headers(originalHeaders), "text/rfc822-headers"));
        }
        m.setContent(mp);
        return Reports.bytes(m);
    }

    /** The {@code message/disposition-notification} body, RFC 8098 §3.1. */
    public String notification(Report r) {
        StringBuilder sb = new StringBuilder();
        Reports.field(sb, "Reporting-UA", hostname + "; " + product);
        if (r.originalRecipient() != null) {
            Reports.field(sb, "Original-Recipient", "rfc822; " + r.originalRecipient());
        }
        Reports.field(sb, "Final-Recipient", "rfc822; " + r.finalRecipient());
        if (r.originalMessageId() != null) {
            Reports.field(sb, "Original-Message-ID", r.originalMessageId());
        }
        Reports.field(sb, "Disposition", r.disposition().field());
        return sb.toString();
    }
}
