package org.t37gw.dmsp.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.t37gw.dmsp.page.Bilevel;

/** Page rasters for codec tests, and an uncompressed TIFF writer to hand them to libtiff. */
public final class TestPages {

    private TestPages() {
    }

    /**
     * A page mixing every row kind the codec must get right: random pixels at several densities, random
     * runs (short and long), all-white and all-black rows, single pixels at both edges, rows repeating
     * the previous one and rows shifted by 1..4 pixels (vertical modes), and the longest runs the width
     * allows.
     */
    public static Bilevel mixed(int width, int height, long seed) {
        Random rnd = new Random(seed);
        Bilevel b = Bilevel.white(width, height, 204, 196);
        int rb = b.rowBytes();
        byte[] d = b.data();
        for (int y = 0; y < height; y++) {
            int kind = rnd.nextInt(10);
            switch (kind) {
                case 0 -> {
                    // all white: leave
                }
                case 1 -> fill(b, y, 0, width);
                case 2 -> {
                    double p = new double[] {0.02, 0.5, 0.98}[rnd.nextInt(3)];
                    for (int x = 0; x < width; x++) {
                        if (rnd.nextDouble() < p) {
                            b.set(x, y, true);
                        }
                    }
                }
                case 3, 4 -> {
                    int x = 0;
                    boolean black = rnd.nextBoolean();
                    int mean = rnd.nextBoolean() ? 6 : 300;
                    while (x < width) {
                        int run = 1 + (int) (-Math.log(1 - rnd.nextDouble()) * mean);
                        if (black) {
                            fill(b, y, x, Math.min(width, x + run));
                        }
                        x += run;
                        black = !black;
                    }
                }
                case 5 -> {
                    b.set(0, y, true);
                    b.set(width - 1, y, true);
                }
                case 6, 7 -> {
                    if (y > 0) {
                        int shift = rnd.nextInt(9) - 4;
                        for (int x = 0; x < width; x++) {
                            int sx = x - shift;
                            if (sx >= 0 && sx < width && b.get(sx, y - 1)) {
                                b.set(x, y, true);
                            }
                        }
                    }
                }
                case 8 -> {
                    int split = rnd.nextInt(width + 1);
                    fill(b, y, split, width);
                }
                default -> {
                    int split = rnd.nextInt(width + 1);
                    fill(b, y, 0, split);
                }
            }
        }
        // make sure the padding bits past the width are zero, as a reader would give them
        int pad = rb * 8 - width;
        if (pad > 0) {
            for (int y = 0; y < height; y++) {
                d[y * rb + rb - 1] &= (byte) (0xFF << pad);
            }
        }
        return b;
    }

    /** Text-like page: rows of small glyph-like blobs and white space. */
    public static Bilevel textLike(int width, int height, long seed) {
        Random rnd = new Random(seed);
        Bilevel b = Bilevel.white(width, height, 204, 196);
        for (int line = 40; line + 30 < height - 40; line += 34) {
            int x = 60;
            while (x < width - 80) {
                int glyphW = 8 + rnd.nextInt(10);
                if (rnd.nextInt(7) == 0) {
                    x += glyphW; // space
                    continue;
                }
                long shape = rnd.nextLong();
                for (int gy = 0; gy < 24; gy++) {
                    for (int gx = 0; gx < glyphW; gx++) {
                        if ((shape >>> ((gx * 3 + gy / 3) & 63) & 1) != 0 && (gx + gy) % 5 != 0) {
                            b.set(x + gx, line + gy, true);
                        }
                    }
                }
                x += glyphW + 3;
            }
        }
        return b;
    }

    public static void fill(Bilevel b, int y, int from, int to) {
        for (int x = from; x < to; x++) {
            b.set(x, y, true);
        }
    }

    /** Writes an uncompressed, MSB-first, min-is-white, single-strip little-endian TIFF. */
    public static void writeUncompressedTiff(Bilevel b, Path file) throws IOException {
        int rb = b.rowBytes();
        int dataLen = rb * b.height();
        int nEntries = 9;
        int ifdPos = 8 + dataLen + (dataLen & 1);
        ByteBuffer buf = ByteBuffer.allocate(ifdPos + 2 + nEntries * 12 + 4 + 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdPos);
        buf.put(b.data(), 0, dataLen);
        buf.position(ifdPos);
        buf.putShort((short) nEntries);
        int ratPos = ifdPos + 2 + nEntries * 12 + 4;
        entry(buf, 256, 4, 1, b.width());
        entry(buf, 257, 4, 1, b.height());
        entry(buf, 258, 3, 1, 1);
        entry(buf, 259, 3, 1, 1);
        entry(buf, 262, 3, 1, 0);
        entry(buf, 273, 4, 1, 8);
        entry(buf, 278, 4, 1, b.height());
        entry(buf, 279, 4, 1, dataLen);
        entry(buf, 282, 5, 1, ratPos);
        buf.putInt(0);
        buf.putInt(204).putInt(1).putInt(196).putInt(1);
        Files.write(file, buf.array());
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
