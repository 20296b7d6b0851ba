package org.t37gw.dmsp.page;

/**
 * Fits rasters to fax pages (T.4 §2): 204 dpi across, 1728 pixels for A4 and Letter (2048 B4, 2432 A3
 * kept as they are), 98/196/391 lines per inch, at most the paper's length. Resampling is nearest
 * neighbour, for now.
 */
public final class FaxFormat {

    /** Paper sizes: length in millimetres. */
    public enum Paper {
        A4(297.0),
        LETTER(279.4);

        private final double lengthMm;

        Paper(double lengthMm) {
            this.lengthMm = lengthMm;
        }

        public double lengthMm() {
            return lengthMm;
        }
    }

    private FaxFormat() {
    }

    /** True if {@code width} is a fax row width at 204 dpi. */
    public static boolean isFaxWidth(int width) {
        return width == 1728 || width == 2048 || width == 2432 || width == 864 || width == 1216;
    }

    /**
     * The page at 204 × {@code ydpi}: rescaled if its resolution differs (a resolution of 0 counts as
     * already right), centred on 1728 pixels unless it already has a fax width, and cut to the paper's
     * length if longer.
     */
    public static Bilevel fit(Bilevel src, int ydpi, Paper paper) {
        double sx = src.xdpi() > 0 ? 204.0 / src.xdpi() : 1;
        double sy = src.ydpi() > 0 ? ydpi / src.ydpi() : 1;
        if (Math.abs(sx - 1) < 0.02) {
            sx = 1;
        }
        if (Math.abs(sy - 1) < 0.02) {
            sy = 1;
        }
        int scaledW = (int) Math.round(src.width() * sx);
        int scaledH = Math.max(1, (int) Math.round(src.height() * sy));
        int outW = isFaxWidth(scaledW) ? scaledW : 1728;
        int maxH = (int) Math.round(paper.lengthMm() / 25.4 * ydpi);
        int outH = Math.min(scaledH, maxH);
        Bilevel out = Bilevel.white(outW, outH, 204, ydpi);
        int dx = (outW - scaledW) / 2; // negative: crop both sides
        int srb = src.rowBytes();
        int orb = out.rowBytes();
        byte[] s = src.data();
        byte[] o = out.data();
        boolean identityX = sx == 1 && dx == 0 && outW == src.width();
        for (int y = 0; y < outH; y++) {
            int syRow = Math.min(src.height() - 1, (int) (y / sy));
            if (identityX) {
                System.arraycopy(s, syRow * srb, o, y * orb, orb);
                continue;
            }
            for (int x = 0; x < outW; x++) {
                int xs = (int) ((x - dx) / sx);
                if (x - dx < 0 || xs >= src.width()) {
                    continue;
                }
                if ((s[syRow * srb + (xs >>> 3)] & (0x80 >>> (xs & 7))) != 0) {
                    o[y * orb + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return out;
    }
}
