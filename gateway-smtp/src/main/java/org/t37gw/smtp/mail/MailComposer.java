package org.t37gw.smtp.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.t37gw.config.GatewayConfig;
import org.t37gw.config.MtaSend;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.smtp.mail.SessionTarget.UnresolvedTargetException;
import org.t37gw.util.Version;

/**
 * Composes the on-ramp mail of a received fax (RFC 3965 simple mode): an RFC 5322 / MIME message with
 * a short text part and the pages as a TIFF-F attachment ({@code image/tiff; application=faxbw},
 * RFC 3302), addressed by the dial-peer's {@code session target} and shaped by the {@code mta send}
 * commands. See docs/mail-delivery.md for every header and where it comes from.
 *
 * <p>Pure: time comes from the injected clock (and its zone), the unique part of {@code Message-ID} and
 * of the MIME boundaries from the injected id source; the same inputs give the same bytes.
 */
public final class MailComposer {

    /** Content type of the fax attachment (RFC 3302 {@code application} parameter for Profile S/F/J). */
    public static final String TIFF_TYPE = "image/tiff; application=faxbw";

    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter MACRO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter MACRO_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TEXT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);

    private final String hostname;
    private final MtaSend send;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Session session;

    /**
     * @param hostname the gateway's {@code hostname}: domain of {@code Message-ID}, default domain of addresses
     * @param send     the {@code mta send} settings
     * @param clock    gives {@code Date:} and the zone of every date shown
     * @param ids      unique tokens of {@code [A-Za-z0-9.-]}, one per message (see {@link #randomIds()})
     */
    public MailComposer(String hostname, MtaSend send, Clock clock, Supplier<String> ids) {
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.send = Objects.requireNonNull(send, "send");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.session = Session.getInstance(new Properties());
    }

    /** A composer for a gateway config. */
    public static MailComposer of(GatewayConfig config, Clock clock, Supplier<String> ids) {
        return new MailComposer(config.hostname(), config.mtaSend(), clock, ids);
    }

    /** Unique tokens: milliseconds since the epoch and 64 random bits. */
    public static Supplier<String> randomIds() {
        SecureRandom random = new SecureRandom();
        return () -> System.currentTimeMillis() + "." + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** Whether this fax is mailed at all: {@code mta send success-fax-only} drops partial and failed ones. */
    public boolean shouldMail(FaxMailRequest request) {
        return !send.successFaxOnly() || request.outcome() == FaxMailRequest.Outcome.COMPLETE;
    }

    // ------------------------------------------------------------------ addresses

    /** The {@code From:} address: {@code mta send mail-from username|$s$} at {@code mail-from hostname}. */
    public String fromAddress(FaxMailRequest request) {
        String user = send.mailFromUsername() == null ? "fax" : expandUser(send.mailFromUsername(), request);
        String host = send.mailFromHostname() == null ? hostname : send.mailFromHostname();
        return user + "@" + host;
    }

    /**
     * The envelope sender: the {@code mail-from} address when {@code mta send mail-from} is set, else
     * {@code mta send postmaster}, else {@code fax@hostname}. DSNs come back to it.
     */
    public String envelopeSender(FaxMailRequest request) {
        if (send.mailFromUsername() != null || send.mailFromHostname() != null || send.postmaster() == null) {
            return fromAddress(request);
        }
        return send.postmaster();
    }

    /**
     * The {@code Disposition-Notification-To:} address (RFC 8098 §2.1): {@code mta send return-receipt-to}
     * username and hostname, each defaulting to the envelope sender's; the envelope sender when neither is set.
     */
    public String returnReceiptTo(FaxMailRequest request) {
        String sender = envelopeSender(request);
        if (send.returnReceiptToUsername() == null && send.returnReceiptToHostname() == null) {
            return sender;
        }
        int at = sender.lastIndexOf('@');
        String user = send.returnReceiptToUsername() == null ? sender.substring(0, at)
                : expandUser(send.returnReceiptToUsername(), request);
        String host = send.returnReceiptToHostname() == null ? sender.substring(at + 1) : send.returnReceiptToHostname();
        return user + "@" + host;
    }

    private static String expandUser(String user, FaxMailRequest request) {
        if (!user.equals("$s$")) {
            return user;
        }
        String s = request.callingNumber().strip();
        return s.isEmpty() ? "unknown" : s;
    }

    // ------------------------------------------------------------------ subject and names

    /**
     * The Subject: {@code mta send subject} with {@code $s$ $d$ $p$ $a$ $t$} expanded, then the numbers
     * {@code mta send with-subject} asks for appended; {@code Fax from $s$} when neither is configured.
     */
    public String subject(FaxMailRequest request) {
        ZonedDateTime at = request.callStart().atZone(clock.getZone());
        String base = send.subject();
        if (base == null && send.withSubject() == MtaSend.WithSubject.NONE) {
            base = "Fax from $s$";
        }
        StringBuilder sb = new StringBuilder();
        if (base != null) {
            sb.append(base.replace("$s$", number(request.callingNumber()))
                    .replace("$d$", number(request.calledNumber()))
                    .replace("$p$", Integer.toString(request.pages()))
                    .replace("$a$", MACRO_DATE.format(at))
                    .replace("$t$", MACRO_TIME.format(at)));
        }
        switch (send.withSubject()) {
            case CALLED -> append(sb, number(request.calledNumber()));
            case CALLING -> append(sb, number(request.callingNumber()));
            case BOTH -> {
                append(sb, number(request.callingNumber()));
                append(sb, number(request.calledNumber()));
            }
            case NONE -> { }
        }
        return sb.toString().strip();
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(s);
    }

    private static String number(String n) {
        return n == null || n.isBlank() ? "unknown" : n.strip();
    }

    /** The attachment name: {@code mta send filename} [{@code _yyyymmdd}] {@code .tif}. */
    public String attachmentName(FaxMailRequest request) {
        String name = send.filename();
        if (send.filenameDate()) {
            name += "_" + FILE_DATE.format(request.callStart().atZone(clock.getZone()));
        }
        return name + ".tif";
    }

    // ------------------------------------------------------------------ composing

    /**
     * Composes the mail of {@code request} for the on-ramp mmoip dial-peer {@code peer}.
     *
     * @throws UnresolvedTargetException when the peer's session target cannot be resolved for this call
     * @throws IOException               when the message cannot be built (e.g. an attachment is unreadable)
     */
    public ComposedMail compose(FaxMailRequest request, DialPeer peer) throws UnresolvedTargetException,
            IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(peer, "peer");
        if (peer.sessionTarget() == null) {
            throw new UnresolvedTargetException("(none)", "dial-peer " + peer.tag() + " has no session target");
        }
        String to = new SessionTarget(peer.sessionTarget()).resolve(new SessionTarget.Values(
                request.calledNumber(), request.callingNumber(), request.redirectingNumber(),
                request.mailtoAddress()), hostname);
        String token = ids.get();
        if (!token.matches("[A-Za-z0-9.-]{1,64}")) {
            throw new IllegalArgumentException("id source gave an unusable token: " + token);
        }
        String messageId = "<t37gw." + token + "@" + hostname + ">";
        Instant now = clock.instant();
        String sender = envelopeSender(request);
        try {
            FixedIdMessage m = new FixedIdMessage(session, messageId);
            m.addHeader("Received", MimeUtility.fold(10, received(request, token, now)));
            m.setHeader("Date", RFC5322_DATE.format(now.atZone(clock.getZone())));
            String calling = request.callingNumber().isBlank() ? null : "Fax " + request.callingNumber().strip();
            m.setFrom(new InternetAddress(fromAddress(request), calling, "UTF-8"));
            m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            m.setSubject(subject(request), "UTF-8");
            if (peer.mdn()) {
                m.setHeader("Disposition-Notification-To", new InternetAddress(returnReceiptTo(request), true).toString());
            }
            m.setHeader("User-Agent", "t37gw/" + Version.get());
            faxHeaders(m, request);

            MimeMultipart mixed = new FixedBoundaryMultipart("mixed", "=_t37gw_mixed_" + token);
            MimeBodyPart text = new MimeBodyPart();
            text.setText(bodyText(request), "UTF-8");
            mixed.addBodyPart(text);

            MimeBodyPart tiff = new MimeBodyPart();
            tiff.attachFile(request.tiff().toFile(), TIFF_TYPE, "base64");
            tiff.setFileName(attachmentName(request));
            tiff.setDescription(request.pages() + " page fax from " + number(request.callingNumber()));
            mixed.addBodyPart(tiff);

            for (FaxMailRequest.Attachment a : request.extraAttachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.attachFile(a.file().toFile(), a.contentType(), "base64");
                part.setFileName(a.fileName());
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
            m.saveChanges();
            MailEnvelope envelope = new MailEnvelope(sender, List.of(to), peer.dsn(), MailEnvelope.Ret.HDRS);
            return new ComposedMail(envelope, messageId, m);
        } catch (AddressException e) {
            throw new UnresolvedTargetException(peer.sessionTarget(), "not an address: " + e.getMessage());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IOException("cannot compose the mail of the fax from " + request.callingNumber() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code Received:} (RFC 5321 §4.4) of the hop from the fax line into mail:
     * {@code from PREFIX (port P; calling S; TSI "x") by HOST (t37gw) with FAX id ID; DATE}.
     */
    private String received(FaxMailRequest r, String token, Instant now) {
        StringBuilder c = new StringBuilder();
        if (send.originPrefix() != null) {
            c.append(send.originPrefix()).append(' ');
        }
        c.append("port ").append(r.port() == null ? "unknown" : r.port());
        c.append("; calling ").append(number(r.callingNumber()));
        c.append("; called ").append(number(r.calledNumber()));
        if (r.remoteIdentity() != null && !r.remoteIdentity().isBlank()) {
            c.append("; TSI \"").append(printable(r.remoteIdentity()).replace("\"", "'")).append('"');
        }
        return "from fax (" + comment(c.toString()) + ") by " + hostname + " (t37gw) with FAX id "
                + (r.callId() == null ? token : atom(r.callId())) + "; "
                + RFC5322_DATE.format(now.atZone(clock.getZone()));
    }

    private static void faxHeaders(MimeMessage m, FaxMailRequest r) throws MessagingException {
        m.setHeader("X-Fax-Pages", Integer.toString(r.pages()));
        if (r.remoteIdentity() != null && !r.remoteIdentity().isBlank()) {
            m.setHeader("X-Fax-Remote-Id", printable(r.remoteIdentity()));
        }
        m.setHeader("X-Fax-Calling-Number", number(r.callingNumber()));
        m.setHeader("X-Fax-Called-Number", number(r.calledNumber()));
        if (r.bitRate() > 0) {
            m.setHeader("X-Fax-Bit-Rate", Integer.toString(r.bitRate()));
        }
        m.setHeader("X-Fax-ECM", r.ecm() ? "yes" : "no");
        if (r.resolution() != null) {
            m.setHeader("X-Fax-Resolution", r.resolution().name().toLowerCase(Locale.ROOT));
        }
        if (r.coding() != null) {
            m.setHeader("X-Fax-Coding", r.coding().name());
        }
        m.setHeader("X-Fax-Duration", Long.toString(r.duration().toSeconds()));
        String result = r.outcome().label();
        if (r.reason() != null && !r.reason().isBlank()) {
            result += " (" + comment(printable(r.reason())) + ")";
        }
        m.setHeader("X-Fax-Result", result);
        m.setHeader("X-Fax-Partial", r.outcome() == FaxMailRequest.Outcome.COMPLETE ? "no" : "yes");
    }

    private String bodyText(FaxMailRequest r) {
        String tsi = r.remoteIdentity() == null || r.remoteIdentity().isBlank() ? ""
                : " (\"" + r.remoteIdentity().strip() + "\")";
        StringBuilder t = new StringBuilder();
        t.append("A fax of ").append(r.pages()).append(r.pages() == 1 ? " page" : " pages")
                .append(" arrived for ").append(number(r.calledNumber()))
                .append(" from ").append(number(r.callingNumber())).append(tsi).append(".\r\n\r\n");
        line(t, "Received", TEXT_TIME.format(r.callStart().atZone(clock.getZone())));
        line(t, "Duration", r.duration().toSeconds() + " s");
        if (r.bitRate() > 0) {
            line(t, "Speed", r.bitRate() + " bit/s, ECM " + (r.ecm() ? "on" : "off"));
        }
        if (r.resolution() != null) {
            line(t, "Resolution", r.resolution().name().toLowerCase(Locale.ROOT));
        }
        if (r.coding() != null) {
            line(t, "Coding", r.coding().name());
        }
        line(t, "Result", r.outcome().label() + (r.reason() == null || r.reason().isBlank() ? "" : ": " + r.reason()));
        t.append("\r\n");
        switch (r.outcome()) {
            case COMPLETE -> t.append("The pages are attached as ");
            case PARTIAL -> t.append("The call did not complete; the pages received are attached as ");
            case FAILED -> t.append("The call failed; what was received is attached as ");
        }
        t.append(attachmentName(r)).append(" (TIFF-F).\r\n");
        return t.toString();
    }

    private static void line(StringBuilder t, String name, String value) {
        t.append("  ").append(name).append(':').append(" ".repeat(Math.max(1, 12 - name.length())))
                .append(value).append("\r\n");
    }

    /** Printable ASCII only (TSI is T.30 Table 3 characters; anything else shows as '?'). */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.strip().codePoints().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return sb.toString();
    }

    /** Text safe inside an RFC 5322 comment. */
    private static String comment(String s) {
        return printable(s).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    }

    private static String atom(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A MimeMessage whose Message-ID is the composer's, not one Jakarta Mail makes up. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** A multipart with a boundary from the id source, so the bytes are reproducible. */
    private static final class FixedBoundaryMultipart extends MimeMultipart {
        FixedBoundaryMultipart(String subtype, String boundary) {
            super(subtype);
            ContentType ct = new ContentType("multipart", subtype, null);
            ct.setParameter("boundary", boundary);
            contentType = ct.toString();
        }
    }
}
