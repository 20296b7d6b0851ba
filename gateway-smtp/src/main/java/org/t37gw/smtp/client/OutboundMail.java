package org.t37gw.smtp.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.t37gw.dialpeer.DialPeer.DsnNotify;
import org.t37gw.smtp.mail.ComposedMail;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolFormatException;

/**
 * A mail to deliver: the record of a spool job of kind {@link JobKind#MAIL}, whose payload is the
 * message itself ({@value #MESSAGE}, RFC 5322 bytes with CRLF line ends). The ENVID (RFC 3461 §4.4) of a
 * job's mail is its job id, so DSNs coming back can be matched to it ({@link DsnMatcher}).
 *
 * <p>Record fields (see docs/mail-delivery.md): {@code mail.from} (empty = {@code <>}), {@code mail.ret},
 * {@code mail.origin}, {@code mail.message-id}, {@code mail.bounce-of}, {@code mail.rcpt.count}, and per
 * recipient i {@code mail.rcpt.i}, {@code mail.rcpt.i.notify}, {@code mail.rcpt.i.state},
 * {@code mail.rcpt.i.reply}.
 *
 * @param sender     envelope sender; {@code ""} is the null reverse-path
 * @param recipients the recipients and how far each has got
 * @param ret        {@code RET=}, or {@code null}
 * @param origin     what the mail is, for logs and {@code show queue}: {@code onramp}, {@code dsn},
 *                   {@code mdn}, {@code postmaster} ...
 * @param messageId  the message's {@code Message-ID}, or {@code null}
 * @param bounceOf   for a mail to the postmaster wrapping a rejected one: the rejected mail's job; else {@code null}
 */
public record OutboundMail(String sender, List<Recipient> recipients, MailEnvelope.Ret ret, String origin,
                           String messageId, String bounceOf) {

    /** The payload file holding the message. */
    public static final String MESSAGE = "message.eml";

    static final String F_FROM = "mail.from";
    static final String F_RET = "mail.ret";
    static final String F_ORIGIN = "mail.origin";
    static final String F_MESSAGE_ID = "mail.message-id";
    static final String F_BOUNCE_OF = "mail.bounce-of";
    static final String F_COUNT = "mail.rcpt.count";
    static final String F_RCPT = "mail.rcpt.";

    public OutboundMail {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        origin = origin == null ? "mail" : origin;
    }

    /** A new mail for {@code envelope}, every recipient PENDING. */
    public static OutboundMail of(MailEnvelope envelope, String origin, String messageId) {
        List<Recipient> rs = new ArrayList<>();
        for (String r : envelope.recipients()) {
            rs.add(new Recipient(r, envelope.dsnNotify(), RecipientState.PENDING, null));
        }
        return new OutboundMail(envelope.sender(), rs, envelope.ret(), origin, messageId, null);
    }

    /** The mail of a composed on-ramp message. */
    public static OutboundMail of(ComposedMail mail) {
        return of(mail.envelope(), "onramp", mail.messageId());
    }

    /** Where a recipient stands. */
    public enum RecipientState {
        /** Not delivered yet (never tried, or a transient failure). */
        PENDING,
        /** An MTA said 250 after the data, or the message is in the Maildir. */
        DELIVERED,
        /** Refused with 5xx; the postmaster got the message instead (or the log says where it is). */
        REJECTED
    }

    /**
     * One recipient.
     *
     * @param address   the forward-path
     * @param dsnNotify {@code NOTIFY}: empty = NEVER
     * @param state     how far it got
     * @param reply     the last reply about it (e.g. {@code 250 2.0.0 Ok}), or {@code null}
     */
    public record Recipient(String address, Set<DsnNotify> dsnNotify, RecipientState state, String reply) {
        public Recipient {
            Objects.requireNonNull(address, "address");
            dsnNotify = Set.copyOf(dsnNotify);
            Objects.requireNonNull(state, "state");
        }

        Recipient with(RecipientState s, String r) {
            return new Recipient(address, dsnNotify, s, r);
        }
    }

    /** The recipients still to deliver to. */
    public List<Recipient> pending() {
        return recipients.stream().filter(r -> r.state() == RecipientState.PENDING).toList();
    }

    /** The index of {@code address} in {@link #recipients()}, or -1. */
    public int indexOf(String address) {
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i).address().equalsIgnoreCase(address)) {
                return i;
            }
        }
        return -1;
    }

    /** A copy with recipient {@code i} changed. */
    public OutboundMail with(int i, RecipientState state, String reply) {
        List<Recipient> rs = new ArrayList<>(recipients);
        rs.set(i, rs.get(i).with(state, reply));
        return new OutboundMail(sender, rs, ret, origin, messageId, bounceOf);
    }

    /** A copy that is the postmaster copy of job {@code original}. */
    public OutboundMail bouncing(String original) {
        return new OutboundMail(sender, recipients, ret, origin, messageId, original);
    }

    /** The spool record fields. */
    public Map<String, String> toFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(F_FROM, sender);
        if (ret != null) {
            f.put(F_RET, ret.name());
        }
        f.put(F_ORIGIN, origin);
        if (messageId != null) {
            f.put(F_MESSAGE_ID, messageId);
        }
        if (bounceOf != null) {
            f.put(F_BOUNCE_OF, bounceOf);
        }
        f.put(F_COUNT, Integer.toString(recipients.size()));
        for (int i = 0; i < recipients.size(); i++) {
            recipientFields(i).forEach((k, v) -> {
                if (v != null) {
                    f.put(k, v);
                }
            });
        }
        return f;
    }

    /** The fields of recipient {@code i} (for {@link Spool#update}); a {@code null} reply removes it. */
    Map<String, String> recipientFields(int i) {
        Recipient r = recipients.get(i);
        Map<String, String> f = new LinkedHashMap<>();
        f.put(F_RCPT + i, r.address());
        f.put(F_RCPT + i + ".notify", MailEnvelope.notifyParameter(r.dsnNotify()));
        f.put(F_RCPT + i + ".state", r.state().name());
        f.put(F_RCPT + i + ".reply", r.reply());
        return f;
    }

    /** Reads the record fields of a MAIL job. */
    public static OutboundMail fromFields(Map<String, String> f) throws SpoolFormatException {
        try {
            String sender = required(f, F_FROM);
            String ret = f.get(F_RET);
            int n = Integer.parseInt(required(f, F_COUNT));
            List<Recipient> rs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rs.add(new Recipient(required(f, F_RCPT + i),
                        MailEnvelope.parseNotify(required(f, F_RCPT + i + ".notify")),
                        RecipientState.valueOf(required(f, F_RCPT + i + ".state").toUpperCase(Locale.ROOT)),
                        f.get(F_RCPT + i + ".reply")));
            }
            return new OutboundMail(sender, rs, ret == null ? null : MailEnvelope.Ret.valueOf(ret),
                    f.get(F_ORIGIN), f.get(F_MESSAGE_ID), f.get(F_BOUNCE_OF));
        } catch (IllegalArgumentException e) {
            throw new SpoolFormatException("bad MAIL record: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> f, String key) throws SpoolFormatException {
        String v = f.get(key);
        if (v == null) {
            throw new SpoolFormatException("MAIL record without " + key);
        }
        return v;
    }

    /** Writes a message's bytes. */
    @FunctionalInterface
    public interface MessageWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Spools this mail durably as a new {@link JobKind#MAIL} job, due now. Whoever delivers MAIL jobs
     * picks it up ({@link MailDeliveryService#submit} also wakes the service).
     */
    public JobId enqueue(Spool spool, MessageWriter message) throws IOException {
        Objects.requireNonNull(message, "message");
        return spool.enqueue(JobKind.MAIL, toFields(), sink -> {
            try (OutputStream out = sink.create(MESSAGE)) {
                message.writeTo(out);
            }
        });
    }
}
