package org.t37gw.smtp.server;

import java.util.List;
import java.util.Optional;

/**
 * Number prefixes the off-ramp never dials, whatever the dial-peers allow: the toll-fraud guard of
 * {@link RecipientPolicy}. A number is checked as written (digits, without {@code +}) and as it would be
 * dialled on the POTS peer (after digit-strip and prefix).
 *
 * @param prefixes digit prefixes
 */
public record DenyList(List<String> prefixes) {

    /**
     * Premium-rate and international prefixes: NANP 1-900 and 1-976, international access 00 (ITU) and
     * 011 (NANP), 0900 (premium rate in much of Europe).
     */
    public static final DenyList DEFAULT = new DenyList(List.of("1900", "1976", "00", "011", "0900"));
    /** Denies nothing. */
    public static final DenyList NONE = new DenyList(List.of());

    public DenyList {
        prefixes = List.copyOf(prefixes);
        for (String p : prefixes) {
            if (!p.matches("[0-9]+")) {
                throw new IllegalArgumentException("deny prefix must be digits: " + p);
            }
        }
    }

    /** The first prefix {@code number} starts with (a leading {@code +} is ignored). */
    public Optional<String> match(String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        for (String p : prefixes) {
            if (digits.startsWith(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
