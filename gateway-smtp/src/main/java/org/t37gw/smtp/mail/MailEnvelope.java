package org.t37gw.smtp.mail;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.t37gw.dialpeer.DialPeer.DsnNotify;

/**
 * The SMTP envelope of a message (RFC 5321 §2.3.1) with its DSN parameters (RFC 3461 §4).
 *
 * @param sender     the reverse-path ({@code MAIL FROM}); {@code ""} is the null reverse-path {@code <>}
 * @param recipients the forward-paths ({@code RCPT TO}), at least one
 * @param dsnNotify  {@code NOTIFY} for every recipient; empty means {@code NOTIFY=NEVER}
 * @param ret        {@code RET}, or {@code null} to leave it to the MTA
 */
public record MailEnvelope(String sender, List<String> recipients, Set<DsnNotify> dsnNotify, Ret ret) {

    public MailEnvelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        dsnNotify = dsnNotify.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dsnNotify));
    }

    /** {@code RET} of RFC 3461 §4.3: what a failure DSN carries back of the message. */
    public enum Ret {
        /** The whole message. */
        FULL,
        /** Only its headers. */
        HDRS
    }

    /**
     * The value of the {@code NOTIFY} parameter (RFC 3461 §4.1), in the order SUCCESS, FAILURE, DELAY,
     * or {@code NEVER}.
     */
    public static String notifyParameter(Set<DsnNotify> notify) {
        if (notify.isEmpty()) {
            return "NEVER";
        }
        StringBuilder sb = new StringBuilder();
        for (DsnNotify n : List.of(DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY)) {
            if (notify.contains(n)) {
                sb.append(sb.length() == 0 ? "" : ",").append(n.name());
            }
        }
        return sb.toString();
    }

    /** Parses what {@link #notifyParameter} gives. */
    public static Set<DsnNotify> parseNotify(String value) {
        if (value.equalsIgnoreCase("NEVER")) {
            return Set.of();
        }
        Set<DsnNotify> s = EnumSet.noneOf(DsnNotify.class);
        for (String p : value.split(",")) {
            s.add(DsnNotify.valueOf(p.strip().toUpperCase(java.util.Locale.ROOT)));
        }
        return s;
    }
}
