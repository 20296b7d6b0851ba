package org.t37gw.dmsp.t4;

/**
 * Bounds a decoder keeps to whatever the input says (STYLE: every decoder takes explicit limits).
 *
 * @param maxLines               rows after which a page ends (A4 at 400 lpi has 4,680; a long page more)
 * @param maxConsecutiveBadLines bad rows in a row after which the page is abandoned
 */
public record DecodeLimits(int maxLines, int maxConsecutiveBadLines) {

    /** Rows of a 1 m page at 15.4 lines/mm, and a generous run of bad rows. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(16_000, 2_000);

    public DecodeLimits {
        if (maxLines < 1 || maxConsecutiveBadLines < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
