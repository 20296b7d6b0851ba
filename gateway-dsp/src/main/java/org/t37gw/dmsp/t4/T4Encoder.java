package org.t37gw.dmsp.t4;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Encodes packed rows to MH, MR or MMR, one row at a time (T.4 §4.1–4.2, T.6 §2).
 *
 * <p>Rows go in with {@link #encodeRow(byte[], int)}; coded bytes collect in an internal buffer that
 * the caller takes with {@link #drainTo(OutputStream)} or {@link #buffer()}/{@link #size()}/
 * {@link #clear()} whenever it likes, e.g. after every row for a fax line or once per page for TIFF.
 * {@link #endPage()} writes RTC (MH, MR) or EOFB (MMR) if the parameters ask for it, pads to a byte
 * boundary and makes the encoder ready for the next page. After the buffer has grown to a page's size,
 * encoding allocates nothing.
 *
 * <p>Line format (MH/MR with EOLs): an EOL before every row (so the page starts with EOL and every
 * row is followed by one, as §4.1.2 asks), MR's tag bit after it, fill bits before each EOL so a row
 * with its EOL lasts {@link T4Params#minRowBits()} bits, and, with {@link T4Params#eolAligned()}, so
 * that each EOL ends on a byte boundary (TIFF T4Options bit 2).
 */
public final class T4Encoder {

    private static final VarHandle INT_BE =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final T4Params params;
    private final int width;
    private final boolean lsbFirst;
    private int[] cur;
    private int[] ref;
    private int curN;

    private byte[] out = new byte[16384];
    private int outLen;
    private long drained;
    private long acc;
    private int accBits;

    private int rowInPage;
    private long rowStartBit;

    public T4Encoder(T4Params params) {
        this.params = params;
        this.width = params.width();
        this.lsbFirst = params.fillOrder() == FillOrder.LSB_FIRST;
        this.cur = new int[Rows.changesCapacity(width)];
        this.ref = new int[Rows.changesCapacity(width)];
        whiteReference();
    }

    public T4Params params() {
        return params;
    }

    /** Rows encoded in the current page. */
    public int rowsInPage() {
        return rowInPage;
    }

    /** Encodes one packed row of {@code width} pixels starting at {@code row[off]}. */
    public void encodeRow(byte[] row, int off) {
        ensureRoom();
        curN = Rows.changes(row, off, width, cur);
        switch (params.coding()) {
            case MH -> {
                if (params.eol()) {
                    putEol(-1);
                } else if (params.rowAligned()) {
                    padToByte();
                }
                encode1D();
            }
            case MR -> {
                int k = params.k();
                boolean oneD = k == 0 ? rowInPage == 0 : rowInPage % k == 0;
                putEol(oneD ? 1 : 0); // MR needs EOLs: the tag bit after each says 1-D or 2-D
                if (oneD) {
                    encode1D();
                } else {
                    encode2D();
                }
            }
            case MMR -> encode2D();
            default -> throw new IllegalStateException();
        }
        int[] t = ref;
        ref = cur;
        cur = t;
        rowInPage++;
    }

    /**
     * Ends the page: RTC (six EOLs, each with tag bit 1 in MR) or EOFB when {@link T4Params#endOfPage()},
     * then 0 bits to the next byte boundary. The next row starts a new page.
     */
    public void endPage() {
        ensureRoom();
        if (params.endOfPage()) {
            if (params.coding() == Coding.MMR) {
                put(T4Codes.EOL, 12);
                put(T4Codes.EOL, 12);
            } else {
                int tag = params.coding() == Coding.MR ? 1 : -1;
                putEol(tag);
                for (int i = 1; i < 6; i++) {
                    put(T4Codes.EOL, 12);
                    if (tag >= 0) {
                        put(1, 1);
                    }
                }
            }
        } else if (params.coding() != Coding.MMR && rowInPage > 0) {
            padRow();
        }
        padToByte();
        flushBytes();
        rowInPage = 0;
        whiteReference();
    }

    /** Bytes of coded data waiting in the buffer (whole bytes only; a partial byte stays inside). */
    public int size() {
        flushBytes();
        return outLen;
    }

    /** The internal buffer; its first {@link #size()} bytes are the coded data not yet cleared. */
    public byte[] buffer() {
        flushBytes();
        return out;
    }

    /** Forgets the buffered bytes (after the caller has taken them). */
    public void clear() {
        flushBytes();
        drained += outLen;
        outLen = 0;
    }

    /** Writes the buffered bytes to {@code os} and clears the buffer. */
    public void drainTo(OutputStream os) throws IOException {
        flushBytes();
        os.write(out, 0, outLen);
        clear();
    }

    /** The buffered bytes as a new array, and clears the buffer. */
    public byte[] takeBytes() {
        flushBytes();
        byte[] r = Arrays.copyOf(out, outLen);
        clear();
        return r;
    }

    // ---------------------------------------------------------------------------------------------

    private void whiteReference() {
        for (int i = 0; i < Rows.SENTINELS; i++) {
            ref[i] = width;
        }
    }

    private long bitCount() {
        return (drained + outLen) * 8 + accBits;
    }

    /** Fill for the minimum scan line time of the row just coded. */
    private void padRow() {
        int min = params.minRowBits();
        if (min > 0 && rowInPage > 0) {
            long used = bitCount() - rowStartBit;
            if (used < min) {
                putZeros((int) (min - used));
            }
        }
    }

    /** EOL (tag < 0: none; else MR tag bit) preceded by the fill the parameters ask for. */
    private void putEol(int tag) {
        padRow();
        if (params.eolAligned()) {
            int bitInByte = (int) (bitCount() & 7);
            int fill = (4 - bitInByte + 8) & 7; // EOL's 12 bits then end on a byte boundary
            putZeros(fill);
        }
        rowStartBit = bitCount();
        put(T4Codes.EOL, 12);
        if (tag >= 0) {
            put(tag, 1);
        }
    }

    private void encode1D() {
        int[] c = cur;
        int n = curN;
        int a0 = 0;
        boolean black = false;
        for (int i = 0; ; i++) {
            int a1 = i < n ? c[i] : width;
            putRun(black, a1 - a0);
            a0 = a1;
            if (a0 >= width) {
                break;
            }
            black = !black;
        }
    }

    private void encode2D() {
        int[] c = cur;
        int[] r = ref;
        int a0 = -1;
        boolean black = false;
        int ai = 0;
        int pb = 0;
        while (true) {
            while (r[pb] <= a0) {
                pb += 2;
            }
            int b1 = r[pb];
            int b2 = r[pb + 1];
            while (c[ai] <= a0) {
                ai++;
            }
            int a1 = c[ai];
            if (b2 < a1) {
                put(T4Codes.PASS_CODE, T4Codes.PASS_BITS);
                a0 = b2;
                pb += 2;
                continue;
            }
            int d = a1 - b1;
            if (d >= -3 && d <= 3) {
                int code = T4Codes.VERT_ENC[d + 3];
                put(code & 0xFFFFFF, code >>> 24);
                a0 = a1;
                if (a0 >= width) {
                    break;
                }
                black = !black;
                ai++;
                pb = pb > 0 ? pb - 1 : pb + 1;
                continue;
            }
            int a2 = c[ai + 1];
            put(T4Codes.HORIZ_CODE, T4Codes.HORIZ_BITS);
            putRun(black, a1 - Math.max(a0, 0));
            putRun(!black, a2 - a1);
            a0 = a2;
            if (a0 >= width) {
                break;
            }
            ai += 2;
        }
    }

    private void putRun(boolean black, int run) {
        int[] t = black ? T4Codes.BLACK_ENC : T4Codes.WHITE_ENC;
        while (run >= T4Codes.MAX_MAKEUP + 64) {
            int code = t[64 + T4Codes.MAX_MAKEUP / 64];
            put(code & 0xFFFFFF, code >>> 24);
            run -= T4Codes.MAX_MAKEUP;
        }
        if (run >= 64) {
            int code = t[64 + (run >>> 6)];
            put(code & 0xFFFFFF, code >>> 24);
            run &= 63;
        }
        int code = t[run];
        put(code & 0xFFFFFF, code >>> 24);
    }

    private void putZeros(int n) {
        while (n > 32) {
            put(0, 32);
            n -= 32;
        }
        if (n > 0) {
            put(0, n);
        }
    }

    private void padToByte() {
        int r = accBits & 7;
        if (r != 0) {
            put(0, 8 - r);
        }
    }

    /** Appends the low {@code len} bits of {@code code} (1..32); room was ensured per row. */
    private void put(int code, int len) {
        acc |= ((code & 0xFFFFFFFFL) << (64 - len)) >>> accBits;
        accBits += len;
        if (accBits >= 32) {
            int word = (int) (acc >>> 32);
            if (lsbFirst) {
                word = Integer.reverseBytes(Integer.reverse(word));
            }
            INT_BE.set(out, outLen, word);
            outLen += 4;
            acc <<= 32;
            accBits -= 32;
        }
    }

    /** Room for one row at worst: a 13-bit code per pixel, fill, EOL and RTC. */
    private void ensureRoom() {
        int need = outLen + 2 * width + (params.minRowBits() >>> 3) + 64;
        if (need > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, need));
        }
    }

    private void flushBytes() {
        int bytes = accBits >>> 3;
        if (bytes == 0) {
            return;
        }
        if (outLen + bytes > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + bytes));
        }
        byte[] o = out;
        int p = outLen;
        long a = acc;
        if (lsbFirst) {
            for (int i = 0; i < bytes; i++) {
                o[p++] = T4Codes.REVERSE[(int) (a >>> 56)];
                a <<= 8;
            }
        } else {
            for (int i = 0; i < bytes; i++) {
                o[p++] = (byte) (a >>> 56);
                a <<= 8;
            }
        }
        outLen = p;
        acc = a;
        accBits -= bytes << 3;
    }
}
