package org.t37gw.spool;

import java.util.regex.Pattern;

/**
 * Job kinds. A kind is an open string (so a newer module may add one without a core change); these
 * are the ones the gateway's applications use. {@link Spool#claim} hands out jobs of one kind.
 */
public final class JobKind {

    /** A fax received on a line, to be sent as mail (the onramp application). */
    public static final String ONRAMP = "ONRAMP";
    /** A mail received by SMTP, to be sent as fax (the offramp application). */
    public static final String OFFRAMP = "OFFRAMP";
    /** A mail to deliver as it is, e.g. a DSN or MDN back to a sender. */
    public static final String MAIL = "MAIL";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private JobKind() {
    }

    /** Whether {@code kind} is a legal kind name: 1..64 of {@code [A-Za-z0-9_.-]}, not starting with a punctuation. */
    public static boolean isValid(String kind) {
        return kind != null && VALID.matcher(kind).matches();
    }

    static String check(String kind) {
        if (!isValid(kind)) {
            throw new IllegalArgumentException("invalid job kind: " + kind);
        }
        return kind;
    }
}
