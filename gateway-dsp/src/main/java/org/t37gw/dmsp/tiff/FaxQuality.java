package org.t37gw.dmsp.tiff;

/**
 * What a receiver knows about a page's damage, stored as TIFF BadFaxLines (326), CleanFaxData (327)
 * and ConsecutiveBadFaxLines (328).
 *
 * @param badFaxLines            rows that were bad
 * @param cleanFaxData           0 clean, 1 regenerated (bad rows replaced), 2 unclean (bad rows present)
 * @param consecutiveBadFaxLines longest run of bad rows
 */
public record FaxQuality(int badFaxLines, int cleanFaxData, int consecutiveBadFaxLines) {
    public static final FaxQuality CLEAN = new FaxQuality(0, 0, 0);
}
