package org.t37gw.dmsp.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Netpbm bitmaps: P4 (raw) and P1 (plain) read, P4 written; several images may be concatenated, one
 * per page. P4's row format (1 = black, MSB first, rows padded to a byte) is ours.
 */
public final class Pbm {

    /** Largest image accepted, in pixels. */
    public static final long MAX_PIXELS = 1L << 28;

    private Pbm() {
    }

    /** True if the data starts like a PBM image. */
    public static boolean looksLikePbm(byte[] d) {
        return d.length >= 3 && d[0] == 'P' && (d[1] == '4' || d[1] == '1') && isSpace(d[2]);
    }

    /** Every image in the data, with the resolution given (PBM carries none). */
    public static List<Bilevel> read(byte[] d, double xdpi, double ydpi) throws IOException {
        List<Bilevel> pages = new ArrayList<>();
        int[] p = {0};
        while (true) {
            skipSpaceAndComments(d, p);
            if (p[0] >= d.length) {
                break;
            }
            if (p[0] + 2 > d.length || d[p[0]] != 'P' || (d[p[0] + 1] != '4' && d[p[0] + 1] != '1')) {
                throw new IOException("not a PBM image at byte " + p[0]);
            }
            boolean plain = d[p[0] + 1] == '1';
            p[0] += 2;
            int w = number(d, p);
            int h = number(d, p);
            if (w < 1 || h < 1 || (long) w * h > MAX_PIXELS) {
                throw new IOException("PBM size out of range: " + w + "x" + h);
            }
            Bilevel page = Bilevel.white(w, h, xdpi, ydpi);
            int rb = page.rowBytes();
            if (plain) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        skipSpaceAndComments(d, p);
                        if (p[0] >= d.length) {
                            throw new IOException("PBM data truncated");
                        }
                        byte c = d[p[0]++];
                        if (c == '1') {
                            page.set(x, y, true);
                        } else if (c != '0') {
                            throw new IOException("bad plain PBM pixel at byte " + (p[0] - 1));
                        }
                    }
                }
            } else {
                p[0]++; // the single whitespace after the height
                long need = (long) rb * h;
                if (p[0] + need > d.length) {
                    throw new IOException("PBM data truncated");
                }
                System.arraycopy(d, p[0], page.data(), 0, (int) need);
                p[0] += (int) need;
            }
            pages.add(page);
        }
        if (pages.isEmpty()) {
            throw new IOException("no PBM image");
        }
        return pages;
    }

    /** Writes one P4 image. */
    public static void write(Bilevel page, OutputStream os) throws IOException {
        os.write(("P4\n" + page.width() + " " + page.height() + "\n").getBytes(StandardCharsets.US_ASCII));
        os.write(page.data(), 0, page.rowBytes() * page.height());
    }

    /** One P4 image as bytes. */
    public static byte[] toBytes(Bilevel page) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            write(page, bos);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bos.toByteArray();
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0x0B || b == 0x0C;
    }

    private static void skipSpaceAndComments(byte[] d, int[] p) {
        while (p[0] < d.length) {
            if (isSpace(d[p[0]])) {
                p[0]++;
            } else if (d[p[0]] == '#') {
                while (p[0] < d.length && d[p[0]] != '\n') {
                    p[0]++;
                }
            } else {
                return;
            }
        }
    }

    private static int number(byte[] d, int[] p) throws IOException {
        skipSpaceAndComments(d, p);
        long v = 0;
        int start = p[0];
        while (p[0] < d.length && d[p[0]] >= '0' && d[p[0]] <= '9') {
            v = v * 10 + (d[p[0]++] - '0');
            if (v > Integer.MAX_VALUE) {
                throw new IOException("PBM number too large");
            }
        }
        if (p[0] == start) {
            throw new IOException("PBM header: number expected at byte " + start);
        }
        return (int) v;
    }
}
