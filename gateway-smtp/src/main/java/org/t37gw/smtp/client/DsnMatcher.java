package org.t37gw.smtp.client;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.JobState;
import org.t37gw.spool.Spool;

/**
 * Matches a delivery status notification coming back for one of our mails to its spool job.
 *
 * <p>A DSN is a {@code multipart/report; report-type=delivery-status} (RFC 6522) whose
 * {@code message/delivery-status} part (RFC 3464 §2) holds one block of per-message fields, then one
 * block per recipient. Our ENVID is the job id, so {@code Original-Envelope-Id} names the job;
 * recipients are matched by {@code Final-Recipient} (and {@code Original-Recipient}).
 *
 * <p>{@link #parse} is pure; {@link #match} also records each recipient's action and status in the job
 * ({@code mail.rcpt.N.dsn}) and logs one line per recipient.
 */
public final class DsnMatcher {

    private static final Logger log = LoggerFactory.getLogger(DsnMatcher.class);

    /** Largest delivery-status part read. */
    static final int MAX_STATUS_BYTES = 256 * 1024;

    private DsnMatcher() {
    }

    /**
     * One per-recipient block.
     *
     * @param finalRecipient    the address of {@code Final-Recipient} (without its {@code rfc822;} type)
     * @param originalRecipient the address of {@code Original-Recipient}, or {@code null}
     * @param action            {@code failed}, {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}
     * @param status            the RFC 3463 code, e.g. {@code 5.1.1}
     * @param diagnostic        {@code Diagnostic-Code}, or {@code null}
     */
    public record RecipientStatus(String finalRecipient, String originalRecipient, String action, String status,
                                  String diagnostic) {
    }

    /**
     * A parsed delivery status notification.
     *
     * @param envelopeId   {@code Original-Envelope-Id}, xtext decoded, or {@code null}
     * @param reportingMta {@code Reporting-MTA}, or {@code null}
     * @param recipients   the per-recipient blocks
     */
    public record DsnReport(String envelopeId, String reportingMta, List<RecipientStatus> recipients) {
        public DsnReport {
            recipients = List.copyOf(recipients);
        }

        /** The job the report is about, when the envelope id is a job id. */
        public Optional<JobId> jobId() {
            return envelopeId != null && JobId.isValid(envelopeId) ? Optional.of(new JobId(envelopeId)) : Optional.empty();
        }
    }

    /** A report matched to a job, with the index in the job's recipients of each block (-1: unknown). */
    public record Match(JobId job, DsnReport report, List<Integer> recipientIndexes) {
    }

    /** Parses a message; empty when it is not a delivery status notification. */
    public static Optional<DsnReport> parse(InputStream message) throws IOException {
        try {
            return parse(new MimeMessage(Session.getInstance(new Properties()), message));
        } catch (MessagingException e) {
            throw new IOException("unparsable message: " + e.getMessage(), e);
        }
    }

    /** Parses a message; empty when it is not a delivery status notification. */
    public static Optional<DsnReport> parse(MimeMessage message) throws IOException {
        try {
            Part status = findStatus(message, 0);
            if (status == null) {
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = status.getInputStream()) {
                bytes = in.readNBytes(MAX_STATUS_BYTES);
            }
            return Optional.of(parseStatus(bytes));
        } catch (MessagingException e) {
            throw new IOException("unparsable delivery status notification: " + e.getMessage(), e);
        }
    }

    private static Part findStatus(Part p, int depth) throws MessagingException, IOException {
        if (depth > 8) {
            return null;
        }
        ContentType ct = new ContentType(p.getContentType());
        if (ct.match("message/delivery-status") || ct.match("message/global-delivery-status")) {
            return p;
        }
        if (ct.match("multipart/*")) {
            boolean report = ct.match("multipart/report");
            if (report && !"delivery-status".equalsIgnoreCase(ct.getParameter("report-type"))) {
                return null;
            }
            Object content = p.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    Part found = report || depth == 0 ? findStatus(b, depth + 1) : null;
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** Parses the body of a {@code message/delivery-status} part (RFC 3464 §2.1). */
    static DsnReport parseStatus(byte[] body) throws MessagingException {
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<InternetHeaders> blocks = new ArrayList<>();
        for (String block : text.strip().split("\n(?:[ \t]*\n)+")) {
            if (!block.isBlank()) {
                blocks.add(new InternetHeaders(new ByteArrayInputStream((block + "\n\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        if (blocks.isEmpty()) {
            return new DsnReport(null, null, List.of());
        }
        InternetHeaders msg = blocks.get(0);
        String envid = field(msg, "Original-Envelope-Id");
        List<RecipientStatus> rs = new ArrayList<>();
        for (InternetHeaders b : blocks.subList(1, blocks.size())) {
            String fin = field(b, "Final-Recipient");
            if (fin == null) {
                continue;
            }
            String action = field(b, "Action");
            rs.add(new RecipientStatus(address(fin), address(field(b, "Original-Recipient")),
                    action == null ? null : action.toLowerCase(Locale.ROOT), status(field(b, "Status")),
                    field(b, "Diagnostic-Code")));
        }
        return new DsnReport(envid == null ? null : unxtext(envid), field(msg, "Reporting-MTA"), rs);
    }

    private static String field(InternetHeaders h, String name) {
        String v = h.getHeader(name, " ");
        return v == null ? null : v.replaceAll("\\s+", " ").strip();
    }

    /** {@code rfc822; a@b} → {@code a@b} (RFC 3464 §2.3.2). */
    private static String address(String typed) {
        if (typed == null) {
            return null;
        }
        int semi = typed.indexOf(';');
        String a = (semi < 0 ? typed : typed.substring(semi + 1)).strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return unxtext(a);
    }

    /** {@code 5.1.1 (user unknown)} → {@code 5.1.1}. */
    private static String status(String s) {
        if (s == null) {
            return null;
        }
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    static String unxtext(String s) {
        if (s.indexOf('+') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Parses {@code message}, finds the MAIL job it reports on, records each recipient's
     * {@code action status} in the job ({@code mail.rcpt.N.dsn}) and logs it.
     *
     * @return the match; empty when the message is no DSN or names no MAIL job of this spool
     */
    public static Optional<Match> match(InputStream message, Spool spool) throws IOException {
        Optional<DsnReport> parsed = parse(message);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        DsnReport report = parsed.get();
        Optional<Job> job = report.jobId().flatMap(spool::get).filter(j -> j.kind().equals(JobKind.MAIL));
        if (job.isEmpty()) {
            log.info("DSN from {} for envelope id {}: no such MAIL job here", report.reportingMta(), report.envelopeId());
            return Optional.empty();
        }
        Job j = job.get();
        OutboundMail mail = OutboundMail.fromFields(j.fields());
        List<Integer> indexes = new ArrayList<>();
        Map<String, String> changes = new LinkedHashMap<>();
        for (RecipientStatus r : report.recipients()) {
            int i = mail.indexOf(r.finalRecipient());
            if (i < 0 && r.originalRecipient() != null) {
                i = mail.indexOf(r.originalRecipient());
            }
            indexes.add(i);
            log.info("job {}: DSN from {}: {} {} {}{}", j.id(), report.reportingMta(), r.finalRecipient(), r.action(),
                    r.status(), r.diagnostic() == null ? "" : " (" + r.diagnostic() + ")");
            if (i >= 0) {
                changes.put(OutboundMail.F_RCPT + i + ".dsn", r.action() + " " + r.status());
            }
        }
        if (!changes.isEmpty() && j.state() != JobState.ACTIVE) {
            spool.update(j, changes);
        }
        return Optional.of(new Match(j.id(), report, indexes));
    }
}
