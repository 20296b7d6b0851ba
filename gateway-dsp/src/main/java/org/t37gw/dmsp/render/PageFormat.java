package org.t37gw.dmsp.render;

import java.util.Objects;

/** Paper and vertical resolution of the pages to produce. */
public record PageFormat(PaperSize paper, FaxResolution resolution) {

    public static final PageFormat A4_FINE = new PageFormat(PaperSize.A4, FaxResolution.FINE);
    public static final PageFormat LETTER_FINE = new PageFormat(PaperSize.LETTER, FaxResolution.FINE);

    public PageFormat {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** Scan line width in pixels. */
    public int width() {
        return paper.widthPixels();
    }

    /** Page length in scan lines. */
    public int lines() {
        return paper.lines(resolution);
    }

    public PageFormat withResolution(FaxResolution r) {
        return new PageFormat(paper, r);
    }
}
