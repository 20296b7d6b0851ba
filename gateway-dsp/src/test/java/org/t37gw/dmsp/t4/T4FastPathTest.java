package org.t37gw.dmsp.t4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.t37gw.dmsp.page.Bilevel;

/**
 * The decoder's fast paths (all-white 1-D rows, 2-D rows equal to their reference) against its general
 * path: the same rows, counts and page end with the fast paths on and off, on valid pages made of blank
 * and repeated rows (also fed a byte at a time, when the fast paths never have the 8 bytes they need
 * buffered) and on seeded corruptions of them; and {@link T4Decoder#nextRows} against
 * {@link T4Decoder#nextRow}.
 */
class T4FastPathTest {

    /** Blank stretches, rows repeated 1..6 times, few and many changes, black at both edges. */
    static Bilevel repetitive(int width, int height, long seed) {
        Random rnd = new Random(seed);
        Bilevel b = Bilevel.white(width, height, 204, 196);
        int rb = b.rowBytes();
        byte[] d = b.data();
        int y = 0;
        while (y < height) {
            int kind = rnd.nextInt(6);
            int times = 1 + rnd.nextInt(6);
            int from = y * rb;
            if (kind >= 2) {
                int changes = kind == 5 ? 40 + rnd.nextInt(200) : 1 + rnd.nextInt(kind == 2 ? 3 : 24);
                boolean black = kind == 4;
                int x = 0;
                for (int i = 0; i <= changes && x < width; i++) {
                    int run = 1 + rnd.nextInt(Math.max(1, 2 * width / (changes + 1)));
                    if (black) {
                        for (int k = x; k < Math.min(width, x + run); k++) {
                            b.set(k, y, true);
                        }
                    }
                    x += run;
                    black = !black;
                }
            } else if (kind == 1) {
                for (int k = 0; k < width; k++) {
                    b.set(k, y, true);
                }
            }
            for (int t = 1; t < times && y + t < height; t++) {
                System.arraycopy(d, from, d, from + t * rb, rb);
            }
            y += times;
        }
        return b;
    }

    @Test
    void fastAndGeneralPathsAgreeOnValidPages() {
        for (int width : new int[] {1728, 2432, 4864, 13, 64, 2623, 2624}) {
            Bilevel page = repetitive(width, 110, width);
            for (T4Params p : T4RoundTripTest.allParams(width)) {
                byte[] data = T4RoundTripTest.encode(page, p);
                Bilevel whole = T4RoundTripTest.decode(data, p, page.height(), 1 << 20, null);
                assertNull(page.firstDifference(whole), p + " width " + width);
                Bilevel bytewise = T4RoundTripTest.decode(data, p, page.height(), 1, null);
                assertNull(page.firstDifference(bytewise), p + " width " + width + " byte by byte");
                assertEquals(run(data, p, 1 << 20, false), run(data, p, 1 << 20, true), p + " width " + width);
                for (int maxRows : new int[] {1, 3, 40, 1000}) {
                    assertEquals(run(data, p, 1 << 20, false), runBulk(data, p, 1 << 20, maxRows),
                        p + " width " + width + " nextRows " + maxRows);
                }
            }
        }
    }

    @Test
    void fastAndGeneralPathsAgreeOnCorruptedPages() {
        Random rnd = new Random(0xFA57);
        Bilevel page = repetitive(1728, 80, 5);
        var params = T4RoundTripTest.allParams(1728);
        for (int c = 0; c < 4000; c++) {
            T4Params p = params.get(rnd.nextInt(params.size()));
            byte[] data = T4RoundTripTest.encode(page, p);
            int flips = 1 + rnd.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int bit = rnd.nextInt(data.length * 8);
                data[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
            }
            String a = run(data, p, 1 << 20, true);
            String b = run(data, p, 1 << 20, false);
            assertEquals(b, a, "case " + c + " " + p);
            int maxRows = 1 + rnd.nextInt(100);
            int chunk = rnd.nextBoolean() ? 1 << 20 : 1 + rnd.nextInt(40);
            assertEquals(run(data, p, chunk, true), runBulk(data, p, chunk, maxRows), "case " + c + " " + p + " bulk");
        }
    }

    /** Decodes and summarises: every row's hash, bad-line counts, page end. */
    private static String run(byte[] data, T4Params p, int chunk, boolean fast) {
        T4Decoder dec = new T4Decoder(p, new DecodeLimits(120, 50));
        if (!fast) {
            dec.disableFastPaths();
        }
        byte[] row = new byte[p.rowBytes()];
        StringBuilder sb = new StringBuilder();
        int fed = 0;
        while (true) {
            Arrays.fill(row, (byte) 0x5A); // the decoder must write every byte of the row
            int st = dec.nextRow(row, 0);
            if (st == T4Decoder.ROW) {
                sb.append(Arrays.hashCode(row)).append(',');
            } else if (st == T4Decoder.NEED_INPUT) {
                if (fed >= data.length) {
                    dec.endOfInput();
                } else {
                    int n = Math.min(chunk, data.length - fed);
                    dec.feed(data, fed, n);
                    fed += n;
                }
            } else {
                break;
            }
        }
        return sb + " bad " + dec.badLines() + "/" + dec.consecutiveBadLines() + " end " + dec.pageEnd();
    }

    /** As {@link #run}, with {@link T4Decoder#nextRows} into a dirty page buffer. */
    private static String runBulk(byte[] data, T4Params p, int chunk, int maxRows) {
        T4Decoder dec = new T4Decoder(p, new DecodeLimits(120, 50));
        int rb = p.rowBytes();
        byte[] pageBuf = new byte[rb * 130];
        Arrays.fill(pageBuf, (byte) 0x5A);
        StringBuilder sb = new StringBuilder();
        int fed = 0;
        int y = 0;
        while (true) {
            int n = dec.nextRows(pageBuf, y * rb, Math.min(maxRows, 130 - y));
            y += n;
            if (dec.pageEnd() != PageEnd.NONE || y == 130) {
                break;
            }
            if (n == 0 || n < maxRows) {
                if (fed >= data.length) {
                    dec.endOfInput();
                } else {
                    int k = Math.min(chunk, data.length - fed);
                    dec.feed(data, fed, k);
                    fed += k;
                }
            }
        }
        for (int i = 0; i < y; i++) {
            sb.append(Arrays.hashCode(Arrays.copyOfRange(pageBuf, i * rb, i * rb + rb))).append(',');
        }
        return sb + " bad " + dec.badLines() + "/" + dec.consecutiveBadLines() + " end " + dec.pageEnd();
    }

    @Test
    void whiteRowsDecodeIntoDirtyBuffers() {
        Bilevel page = Bilevel.white(1728, 30, 204, 196);
        for (T4Params p : T4RoundTripTest.allParams(1728)) {
            byte[] data = T4RoundTripTest.encode(page, p);
            T4Decoder dec = new T4Decoder(p, DecodeLimits.DEFAULT);
            dec.feed(data, 0, data.length);
            dec.endOfInput();
            byte[] row = new byte[216];
            for (int y = 0; y < 30; y++) {
                Arrays.fill(row, (byte) -1);
                assertEquals(T4Decoder.ROW, dec.nextRow(row, 0), p.toString());
                assertArrayEquals(new byte[216], row, p + " row " + y);
            }
        }
    }
}
