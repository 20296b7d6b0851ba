package org.t37gw.dialpeer;

/**
 * An IOS dial-peer digit pattern: digits, {@code * #}, {@code .} (any one digit), {@code T}
 * (any number of further digits, up to the inter-digit timeout), {@code [0-9]} / {@code [^..]}
 * ranges, an optional leading {@code +}.
 *
 * <p>Placeholder API fixed by the foundation skeleton; the dial-peer work fills in the body.
 */
public final class DialPattern {
    private final String text;

    private DialPattern(String text) {
        this.text = text;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException with a message fit for {@code FILE:LINE: message} when the
     *                                  pattern is malformed
     */
    public static DialPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty dial pattern");
        }
        return new DialPattern(text);
    }

    /** The pattern as written in the config. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DialPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
