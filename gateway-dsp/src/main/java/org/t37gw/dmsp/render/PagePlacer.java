package org.t37gw.dmsp.render;

/** Fits grey content onto a fax page and makes it bilevel; shared by images and PDF pages. */
final class PagePlacer {

    private PagePlacer() {
    }

    /**
     * Target size of content measured {@code wInches x hInches}: at 204 dpi across and the page's lines per inch
     * down, shrunk (keeping proportions) to fit the page if larger.
     */
    static int[] fit(double wInches, double hInches, PageFormat format) {
        double w = wInches * FaxResolution.HORIZONTAL_DPI;
        double h = hInches * format.resolution().linesPerInch();
        double f = Math.min(1.0, Math.min(format.width() / w, format.lines() / h));
        return new int[] {clamp((int) Math.round(w * f), format.width()), clamp((int) Math.round(h * f), format.lines())};
    }

    private static int clamp(int v, int max) {
        return Math.max(1, Math.min(max, v));
    }

    /**
     * Content already at page scale, made bilevel and placed centred across, at the top, of a full-length page.
     */
    static FaxPageImage place(GreyImage content, PageFormat format, BilevelMode mode, int threshold) {
        int w = format.width();
        int h = format.lines();
        if (content.width > w || content.height > h) {
            throw new IllegalArgumentException("content " + content.width + "x" + content.height + " > page");
        }
        byte[] bits = Bilevel.convert(content, mode, threshold);
        int rb = (w + 7) >>> 3;
        int crb = (content.width + 7) >>> 3;
        byte[] page = new byte[rb * h];
        int x0 = (w - content.width) / 2;
        for (int y = 0; y < content.height; y++) {
            int src = y * crb;
            int dst = y * rb;
            for (int x = 0; x < content.width; x++) {
                if ((bits[src + (x >>> 3)] & (0x80 >>> (x & 7))) != 0) {
                    int px = x0 + x;
                    page[dst + (px >>> 3)] |= (byte) (0x80 >>> (px & 7));
                }
            }
        }
        return FaxPageImage.wrap(w, h, format.resolution(), page);
    }
}
