package org.t37gw.fmsp.t30;

/**
 * Vertical x horizontal resolutions T.30 Table 2 negotiates (metric names of T.4 2.2).
 * {@link #STANDARD} needs no bit; the others are the DIS capability / DCS selection bit given.
 */
public enum Resolution {
    /** R8 x 3.85 lines/mm (204 x 98 dpi). */
    STANDARD(0, 8, 385),
    /** R8 x 7.7 lines/mm (204 x 196 dpi), Table 2 bit 15. */
    FINE(15, 8, 770),
    /** R8 x 15.4 lines/mm (204 x 391 dpi), Table 2 bit 41. */
    SUPERFINE(41, 8, 1540),
    /** R16 x 15.4 lines/mm (408 x 391 dpi), Table 2 bit 43. */
    R16_SUPERFINE(43, 16, 1540);

    private final int bit;
    private final int pelsPerMm;
    private final int linesPer100Mm;

    Resolution(int bit, int pelsPerMm, int linesPer100Mm) {
        this.bit = bit;
        this.pelsPerMm = pelsPerMm;
        this.linesPer100Mm = linesPer100Mm;
    }

    /** The Table 2 bit number, 0 for standard (no bit). */
    public int bit() {
        return bit;
    }

    public int pelsPerMm() {
        return pelsPerMm;
    }

    /** Lines per 100 mm (385, 770, 1540). */
    public int linesPer100Mm() {
        return linesPer100Mm;
    }
}
