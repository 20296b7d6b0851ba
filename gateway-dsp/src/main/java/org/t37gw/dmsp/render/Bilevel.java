package org.t37gw.dmsp.render;

/**
 * Grey to bilevel: a fixed threshold for text and line art, Floyd-Steinberg error diffusion (serpentine scan) for
 * photographs, and the automatic choice between them.
 */
public final class Bilevel {

    /** Grey levels in [{@value #MID_LOW}, {@value #MID_HIGH}] count as mid-tones. */
    static final int MID_LOW = 48;
    static final int MID_HIGH = 207;
    /** Share of mid-tone pixels from which {@link BilevelMode#AUTO} dithers. */
    static final double DITHER_MIDTONE_SHARE = 0.15;

    private Bilevel() {
    }

    /**
     * The method {@link BilevelMode#AUTO} resolves to: {@link BilevelMode#DITHER} when at least 15 % of the pixels
     * are mid-tones (grey levels 48-207), which photographs and shaded drawings have and text or line art (even
     * resampled, whose greys are only at stroke edges) does not; otherwise {@link BilevelMode#THRESHOLD}.
     */
    public static BilevelMode choose(int[] histogram) {
        long total = 0;
        long mid = 0;
        for (int v = 0; v < 256; v++) {
            total += histogram[v];
            if (v >= MID_LOW && v <= MID_HIGH) {
                mid += histogram[v];
            }
        }
        return total > 0 && mid >= DITHER_MIDTONE_SHARE * total ? BilevelMode.DITHER : BilevelMode.THRESHOLD;
    }

    static BilevelMode resolve(BilevelMode mode, GreyImage grey) {
        return mode == BilevelMode.AUTO ? choose(grey.histogram()) : mode;
    }

    /** Packed rows (1 = black) of {@code grey}: black where the level is below {@code threshold}. */
    static byte[] threshold(GreyImage grey, int threshold) {
        int w = grey.width;
        int rb = (w + 7) >>> 3;
        byte[] out = new byte[rb * grey.height];
        for (int y = 0; y < grey.height; y++) {
            int src = y * w;
            int dst = y * rb;
            for (int x = 0; x < w; x++) {
                if ((grey.px[src + x] & 0xFF) < threshold) {
                    out[dst + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return out;
    }

    /**
     * Packed rows of {@code grey} by Floyd-Steinberg error diffusion (7/16 ahead, 3/16 behind-below, 5/16 below,
     * 1/16 ahead-below), scanning alternate rows in opposite directions to avoid drift patterns.
     */
    static byte[] dither(GreyImage grey) {
        int w = grey.width;
        int rb = (w + 7) >>> 3;
        byte[] out = new byte[rb * grey.height];
        // error in 1/16 units, with a guard cell at each end
        int[] cur = new int[w + 2];
        int[] next = new int[w + 2];
        for (int y = 0; y < grey.height; y++) {
            boolean ltr = (y & 1) == 0;
            int dir = ltr ? 1 : -1;
            int src = y * w;
            int dst = y * rb;
            for (int i = 0; i < w; i++) {
                int x = ltr ? i : w - 1 - i;
                int v = (grey.px[src + x] & 0xFF) * 16 + cur[x + 1];
                int q;
                if (v < 128 * 16) {
                    out[dst + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
                    q = 0;
                } else {
                    q = 255 * 16;
                }
                int err = v - q;
                cur[x + 1 + dir] += err * 7 / 16;
                next[x + 1 - dir] += err * 3 / 16;
                next[x + 1] += err * 5 / 16;
                next[x + 1 + dir] += err / 16;
            }
            int[] t = cur;
            cur = next;
            next = t;
            java.util.Arrays.fill(next, 0);
        }
        return out;
    }

    /** Packed rows for {@code grey} by the given mode (AUTO resolved here). */
    static byte[] convert(GreyImage grey, BilevelMode mode, int threshold) {
        return resolve(mode, grey) == BilevelMode.DITHER ? dither(grey) : threshold(grey, threshold);
    }
}
