package org.t37gw.dmsp.t4;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Packed rows (1 = black, most significant bit first) and their changing elements: the positions where
 * the colour changes, white to black at even indexes, black to white at odd ones, strictly increasing.
 * A list is followed by sentinels equal to the width so that b1/b2 searches of T.4 §4.2.1.3 stop.
 */
public final class Rows {

    private static final VarHandle LONG_BE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Rows of white and of black to copy from: System.arraycopy of a row's worth of bytes costs about
     * half of what Arrays.fill does for the 200-odd bytes of a fax row (JDK 17, x86-64). Never written.
     */
    private static final byte[] WHITE = new byte[T4Params.MAX_WIDTH / 8 + 1];
    private static final byte[] BLACK = new byte[T4Params.MAX_WIDTH / 8 + 1];

    static {
        Arrays.fill(BLACK, (byte) 0xFF);
    }

    /** Sentinels written after the last changing element. */
    static final int SENTINELS = 4;

    private Rows() {
    }

    /** Capacity a changes array needs for rows of {@code width} pixels. */
    public static int changesCapacity(int width) {
        return width + 1 + SENTINELS;
    }

    /**
     * Finds the changing elements of a packed row.
     *
     * @param row    packed row
     * @param off    offset of its first byte
     * @param width  pixels in the row; bits past it are ignored
     * @param out    receives the positions followed by sentinels; {@link #changesCapacity(int)} long
     * @return number of changing elements (sentinels not counted)
     */
    public static int changes(byte[] row, int off, int width, int[] out) {
        int n = 0;
        long carry = 0; // last pixel of the previous word, in bit 63
        int fullWords = width >>> 6;
        int base = 0;
        for (int w = 0; w < fullWords; w++, base += 64) {
            long v = (long) LONG_BE.get(row, off + (w << 3));
            long t = v ^ ((v >>> 1) | carry);
            carry = v << 63;
            while (t != 0) {
                int z = Long.numberOfLeadingZeros(t);
                out[n++] = base + z;
                t ^= Long.MIN_VALUE >>> z;
            }
        }
        int rest = width - base;
        if (rest > 0) {
            long v = 0;
            int bytes = (rest + 7) >>> 3;
            int p = off + (fullWords << 3);
            for (int i = 0; i < bytes; i++) {
                v |= (row[p + i] & 0xFFL) << (56 - 8 * i);
            }
            v &= -1L << (64 - rest); // drop bits past the width
            long t = v ^ ((v >>> 1) | carry);
            while (t != 0) {
                int z = Long.numberOfLeadingZeros(t);
                if (z >= rest) {
                    break;
                }
                out[n++] = base + z;
                t ^= Long.MIN_VALUE >>> z;
            }
        }
        for (int i = 0; i < SENTINELS; i++) {
            out[n + i] = width;
        }
        return n;
    }

    /**
     * Writes a row from its changing elements: clears {@code (width + 7) / 8} bytes at {@code off} and
     * sets the black runs. Positions past the width are clipped. Rows with more than one change per 16
     * pixels on average (halftones, dithered photos: runs of 1–5 pixels) are written 64 pixels at a time
     * by {@link #renderParity}, a fixed ~27 word operations per 1728-pixel row against ~5 ns per black
     * run; below that, run by run is cheaper (measured on text rows with 24–120 changes).
     */
    public static void render(int[] changes, int n, int width, byte[] row, int off) {
        if (n > width >>> 4) {
            renderParity(changes, n, width, row, off);
            return;
        }
        clear(row, off, (width + 7) >>> 3);
        for (int i = 0; i < n; i += 2) {
            int from = changes[i];
            int to = i + 1 < n ? Math.min(changes[i + 1], width) : width;
            if (from >= to) {
                continue;
            }
            fillBlack(row, off, from, to);
        }
    }

    /**
     * {@link #render} word by word: each changing element toggles one bit of a 64-pixel word, and a
     * prefix XOR within the word (carrying the colour from the word before) turns the toggles into
     * pixels. Same result as run by run for strictly increasing changes; positions past the width ignored.
     */
    static void renderParity(int[] changes, int n, int width, byte[] row, int off) {
        int full = width >>> 6;
        int i = 0;
        long carry = 0; // all ones when the previous word ended black
        int base = 0;
        for (int wi = 0; wi < full; wi++, base += 64) {
            long t = 0;
            int end = base + 64;
            int c;
            while (i < n && (c = changes[i]) < end) {
                t ^= Long.MIN_VALUE >>> (c - base);
                i++;
            }
            t ^= t >>> 1;
            t ^= t >>> 2;
            t ^= t >>> 4;
            t ^= t >>> 8;
            t ^= t >>> 16;
            t ^= t >>> 32;
            t ^= carry;
            carry = -(t & 1);
            LONG_BE.set(row, off + (wi << 3), t);
        }
        int rest = width - base;
        if (rest > 0) {
            long t = 0;
            int c;
            while (i < n && (c = changes[i]) < width) {
                t ^= Long.MIN_VALUE >>> (c - base);
                i++;
            }
            t ^= t >>> 1;
            t ^= t >>> 2;
            t ^= t >>> 4;
            t ^= t >>> 8;
            t ^= t >>> 16;
            t ^= t >>> 32;
            t = (t ^ carry) & (-1L << (64 - rest));
            int p = off + (full << 3);
            for (int k = 0, bytes = (rest + 7) >>> 3; k < bytes; k++) {
                row[p + k] = (byte) (t >>> (56 - 8 * k));
            }
        }
    }

    /** Sets {@code n} bytes of a packed row to white. */
    static void clear(byte[] row, int off, int n) {
        System.arraycopy(WHITE, 0, row, off, n);
    }

    /** Sets pixels [from, to) of a packed row to black. */
    static void fillBlack(byte[] row, int off, int from, int to) {
        int fb = from >>> 3;
        int lb = (to - 1) >>> 3;
        int headMask = 0xFF >>> (from & 7);
        int tailMask = 0xFF << (7 - ((to - 1) & 7)) & 0xFF;
        if (fb == lb) {
            row[off + fb] |= (byte) (headMask & tailMask);
            return;
        }
        row[off + fb] |= (byte) headMask;
        int mid = lb - fb - 1;
        if (mid > 8) {
            System.arraycopy(BLACK, 0, row, off + fb + 1, mid);
        } else {
            for (int i = fb + 1; i < lb; i++) {
                row[off + i] = (byte) 0xFF;
            }
        }
        row[off + lb] |= (byte) tailMask;
    }
}
