package org.t37gw.dmsp.tiff;

/** Fax vertical resolutions (T.30 standard, fine, superfine) at 204 dpi across. */
public enum Resolution {
    STANDARD(98),
    FINE(196),
    SUPERFINE(391);

    private final int ydpi;

    Resolution(int ydpi) {
        this.ydpi = ydpi;
    }

    /** Lines per inch as TIFF YResolution gives it. */
    public int ydpi() {
        return ydpi;
    }

    /** Horizontal resolution, dots per inch. */
    public int xdpi() {
        return 204;
    }

    /** The resolution nearest to {@code ydpi} lines per inch. */
    public static Resolution nearest(double ydpi) {
        if (ydpi < 147) {
            return STANDARD;
        }
        return ydpi < 290 ? FINE : SUPERFINE;
    }
}
