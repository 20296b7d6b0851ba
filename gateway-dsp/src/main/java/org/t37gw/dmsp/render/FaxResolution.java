package org.t37gw.dmsp.render;

/**
 * Vertical resolution of a fax page (ITU-T T.4 clause 2.2 and Annex A; T.30 DIS/DCS bits 15, 41-44).
 * The horizontal resolution is always 8 pels/mm, written 204 dpi in TIFF-F.
 */
public enum FaxResolution {
    /** 3.85 lines/mm, TIFF YResolution 98. */
    STANDARD(98, 3.85),
    /** 7.7 lines/mm, TIFF YResolution 196. */
    FINE(196, 7.7),
    /** 15.4 lines/mm, TIFF YResolution 391. */
    SUPERFINE(391, 15.4);

    /** Nominal horizontal resolution, pels per inch, as TIFF-F writes it. */
    public static final int HORIZONTAL_DPI = 204;

    private final int linesPerInch;
    private final double linesPerMm;

    FaxResolution(int linesPerInch, double linesPerMm) {
        this.linesPerInch = linesPerInch;
        this.linesPerMm = linesPerMm;
    }

    /** Nominal lines per inch (TIFF YResolution): 98, 196 or 391. Used for scaling content. */
    public int linesPerInch() {
        return linesPerInch;
    }

    /** Lines per millimetre as T.4 defines it: 3.85, 7.7 or 15.4. Used for page lengths. */
    public double linesPerMm() {
        return linesPerMm;
    }

    /** Number of scan lines for a page {@code mm} millimetres long. */
    public int linesFor(double mm) {
        return (int) Math.round(mm * linesPerMm);
    }

    /**
     * The resolution whose nominal lines per inch (98, 196, 391) or T.4 lines per mm (97.79, 195.58, 391.16 lpi)
     * is within 1.5 % of {@code linesPerInch}; null if none (e.g. 200 or 300 dpi scans).
     */
    public static FaxResolution nearest(double linesPerInch) {
        for (FaxResolution r : values()) {
            if (Math.abs(linesPerInch - r.linesPerInch) <= 0.015 * r.linesPerInch
                    || Math.abs(linesPerInch - r.linesPerMm * 25.4) <= 0.015 * r.linesPerInch) {
                return r;
            }
        }
        return null;
    }

    /** How many lines of this resolution make one line of {@link #STANDARD}: 1, 2 or 4. */
    int factor() {
        return switch (this) {
            case STANDARD -> 1;
            case FINE -> 2;
            case SUPERFINE -> 4;
        };
    }
}
