package org.t37gw.dmsp.render;

/**
 * Paper sizes a fax page is laid out for. The scan width in pixels is that of T.4 clause 2.2 at 8 pels/mm
 * (1728 for A4, Letter and Legal; 2048 for B4; 2432 for A3); the length is the paper's.
 */
public enum PaperSize {
    A4(210.0, 297.0, 1728),
    LETTER(215.9, 279.4, 1728),
    LEGAL(215.9, 355.6, 1728),
    B4(250.0, 353.0, 2048),
    A3(297.0, 420.0, 2432);

    private final double widthMm;
    private final double lengthMm;
    private final int widthPixels;

    PaperSize(double widthMm, double lengthMm, int widthPixels) {
        this.widthMm = widthMm;
        this.lengthMm = lengthMm;
        this.widthPixels = widthPixels;
    }

    public double widthMm() {
        return widthMm;
    }

    public double lengthMm() {
        return lengthMm;
    }

    /** Fax scan line width in pixels: 1728, 2048 or 2432. */
    public int widthPixels() {
        return widthPixels;
    }

    /** Page length in scan lines at the given resolution (e.g. A4 fine: 2287). */
    public int lines(FaxResolution resolution) {
        return resolution.linesFor(lengthMm);
    }
}
