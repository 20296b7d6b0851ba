package org.t37gw.dmsp.page;

import java.util.Arrays;

/**
 * A bilevel page raster: packed rows, 1 = black, most significant bit first, each row starting on a
 * byte boundary.
 *
 * @param width  pixels per row
 * @param height rows
 * @param xdpi   horizontal resolution, dots per inch (204 for fax)
 * @param ydpi   vertical resolution, lines per inch (98, 196 or 391 for fax)
 * @param data   {@code height * rowBytes()} bytes
 */
public record Bilevel(int width, int height, double xdpi, double ydpi, byte[] data) {

    public Bilevel {
        if (width < 1 || height < 0 || data.length < (long) height * ((width + 7) / 8)) {
            throw new IllegalArgumentException("bad raster " + width + "x" + height + " with " + data.length + " bytes");
        }
    }

    /** A white page. */
    public static Bilevel white(int width, int height, double xdpi, double ydpi) {
        return new Bilevel(width, height, xdpi, ydpi, new byte[height * ((width + 7) / 8)]);
    }

    public int rowBytes() {
        return (width + 7) >>> 3;
    }

    public boolean get(int x, int y) {
        return (data[y * rowBytes() + (x >>> 3)] & (0x80 >>> (x & 7))) != 0;
    }

    public void set(int x, int y, boolean black) {
        int i = y * rowBytes() + (x >>> 3);
        if (black) {
            data[i] |= (byte) (0x80 >>> (x & 7));
        } else {
            data[i] &= (byte) ~(0x80 >>> (x & 7));
        }
    }

    /** True if both rasters have the same size and pixels (padding bits past the width ignored). */
    public boolean samePixels(Bilevel o) {
        return firstDifference(o) == null;
    }

    /** "x,y" of the first pixel that differs, "size" if sizes differ, null if none. */
    public String firstDifference(Bilevel o) {
        if (o.width != width || o.height != height) {
            return "size " + width + "x" + height + " vs " + o.width + "x" + o.height;
        }
        int rb = rowBytes();
        int lastMask = 0xFF << (rb * 8 - width) & 0xFF;
        for (int y = 0; y < height; y++) {
            int p = y * rb;
            if (Arrays.equals(data, p, p + rb - 1, o.data, p, p + rb - 1)
                && ((data[p + rb - 1] ^ o.data[p + rb - 1]) & lastMask) == 0) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                if (get(x, y) != o.get(x, y)) {
                    return x + "," + y;
                }
            }
        }
        return null;
    }
}
