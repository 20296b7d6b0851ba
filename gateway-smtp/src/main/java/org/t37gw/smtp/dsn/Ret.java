package org.t37gw.smtp.dsn;

import java.util.Locale;
import java.util.Optional;

/** RFC 3461 §4.3 {@code MAIL FROM ... RET=}: what of the message a DSN returns. */
public enum Ret {
    /** The whole message. */
    FULL,
    /** Its header only. */
    HDRS;

    /** Parses the parameter value, case-insensitively; empty when it is neither. */
    public static Optional<Ret> parse(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "FULL" -> Optional.of(FULL);
            case "HDRS" -> Optional.of(HDRS);
            default -> Optional.empty();
        };
    }
}
