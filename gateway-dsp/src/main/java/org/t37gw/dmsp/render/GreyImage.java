package org.t37gw.dmsp.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/** An 8-bit grey raster, 0 = black, 255 = white, row-major; the intermediate between sources and bilevel pages. */
final class GreyImage {

    final int width;
    final int height;
    final byte[] px;

    GreyImage(int width, int height, byte[] px) {
        if (width <= 0 || height <= 0 || px.length != (long) width * height) {
            throw new IllegalArgumentException("bad grey image " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.px = px;
    }

    static GreyImage white(int width, int height) {
        byte[] p = new byte[Math.multiplyExact(width, height)];
        java.util.Arrays.fill(p, (byte) 255);
        return new GreyImage(width, height, p);
    }

    int get(int x, int y) {
        return px[y * width + x] & 0xFF;
    }

    /**
     * Luminance of any image (ITU-R BT.601 weights on its sRGB values), transparent pixels composited on white.
     */
    static GreyImage from(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && img.getRaster().getDataBuffer() instanceof DataBufferByte
                && img.getRaster().getNumBands() == 1) {
            Raster r = img.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) row[x];
                }
            }
            return new GreyImage(w, h, out);
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int c = argb[x];
                int a = c >>> 24;
                int r = (c >> 16) & 0xFF;
                int g = (c >> 8) & 0xFF;
                int b = c & 0xFF;
                int lum = (299 * r + 587 * g + 114 * b + 500) / 1000;
                if (a != 255) {
                    lum = (lum * a + 255 * (255 - a) + 127) / 255;
                }
                out[y * w + x] = (byte) lum;
            }
        }
        return new GreyImage(w, h, out);
    }

    /** Rotated 90 degrees counter-clockwise: the top edge of a landscape page becomes the left edge. */
    GreyImage rotateCounterClockwise() {
        byte[] out = new byte[px.length];
        int nw = height;
        int nh = width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // (x, y) -> (y, width - 1 - x)
                out[(width - 1 - x) * nw + y] = px[y * width + x];
            }
        }
        return new GreyImage(nw, nh, out);
    }

    /**
     * Resampled to {@code w x h} by area averaging (a box filter with exact fractional coverage), separable:
     * each target pixel is the mean of the source area it covers. Works for reduction and enlargement.
     */
    GreyImage scale(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        Taps tx = Taps.of(width, w);
        Taps ty = Taps.of(height, h);
        // horizontal pass: height x w, value * 256 in a char
        char[] mid = new char[Math.multiplyExact(height, w)];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < w; x++) {
                long acc = 0;
                for (int t = tx.start[x]; t < tx.start[x + 1]; t++) {
                    acc += (long) (px[base + tx.index[t]] & 0xFF) * tx.weight[t];
                }
                mid[y * w + x] = (char) ((acc + (1 << 7)) >> 8); // weights sum to 65536: value*256
            }
        }
        byte[] out = new byte[Math.multiplyExact(w, h)];
        long[] acc = new long[w];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0);
            for (int t = ty.start[y]; t < ty.start[y + 1]; t++) {
                int base = ty.index[t] * w;
                int wt = ty.weight[t];
                for (int x = 0; x < w; x++) {
                    acc[x] += (long) mid[base + x] * wt;
                }
            }
            for (int x = 0; x < w; x++) {
                long v = (acc[x] + (1L << 23)) >> 24; // 256 * 65536
                out[y * w + x] = (byte) Math.min(255, v);
            }
        }
        return new GreyImage(w, h, out);
    }

    /** Counts of each grey level. */
    int[] histogram() {
        int[] hist = new int[256];
        for (byte b : px) {
            hist[b & 0xFF]++;
        }
        return hist;
    }

    /** For each target pixel, the source pixels it covers and their weights (fixed point, summing to 65536). */
    private record Taps(int[] start, int[] index, int[] weight) {

        static Taps of(int src, int dst) {
            int[] start = new int[dst + 1];
            int cap = Math.multiplyExact(dst, (src + dst - 1) / dst + 2);
            int[] index = new int[cap];
            int[] weight = new int[cap];
            int n = 0;
            for (int d = 0; d < dst; d++) {
                start[d] = n;
                // target pixel d covers source interval [d*src/dst, (d+1)*src/dst), in units of 1/dst
                long lo = (long) d * src;
                long hi = (long) (d + 1) * src;
                int first = (int) (lo / dst);
                int last = (int) ((hi - 1) / dst);
                int sum = 0;
                int from = n;
                for (int s = first; s <= last; s++) {
                    long a = Math.max(lo, (long) s * dst);
                    long b = Math.min(hi, (long) (s + 1) * dst);
                    int wgt = (int) ((b - a) * 65536 / src);
                    index[n] = s;
                    weight[n] = wgt;
                    sum += wgt;
                    n++;
                }
                // give the rounding remainder to the largest tap so every row of weights sums to exactly 65536
                int best = from;
                for (int i = from; i < n; i++) {
                    if (weight[i] > weight[best]) {
                        best = i;
                    }
                }
                weight[best] += 65536 - sum;
            }
            start[dst] = n;
            return new Taps(start, index, weight);
        }
    }
}
