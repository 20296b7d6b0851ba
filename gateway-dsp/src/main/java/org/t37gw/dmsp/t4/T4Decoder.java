package org.t37gw.dmsp.t4;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes MH, MR or MMR page data to packed rows, streaming: feed coded bytes as they arrive with
 * {@link #feed(byte[], int, int)}, pull rows with {@link #nextRow(byte[], int)}, and say
 * {@link #endOfInput()} when the page's data is complete.
 *
 * <p>It never throws on bad data. A row that does not decode, or is not followed by an EOL when the
 * page has EOLs, is a bad row: the decoder delivers the previous row again in its place (T.4 Appendix I
 * practice), counts it, and looks for the next EOL. In MR, the 2-D rows after a bad row are bad too
 * until the next 1-D row, since their reference is lost. Where no EOL allows resynchronising (MMR, rows
 * without EOLs), the page ends with {@link PageEnd#CODING_ERROR}; the caller knows how many rows the page
 * should have and may fill them. The decoder stops at {@link DecodeLimits#maxLines()} rows.
 *
 * <p>Whether the page has EOLs is taken from the data: the first row starting with an EOL (after any fill)
 * means yes. Fill bits of any length, byte-aligned EOLs and {@link T4Params#rowAligned() byte-aligned
 * rows} are accepted. RTC (an EOL right after an EOL) and EOFB end the page.
 *
 * <p>Per row nothing is allocated; the input buffer grows only to the largest amount fed between rows.
 */
public final class T4Decoder {

    /** {@link #nextRow} wrote a row. */
    public static final int ROW = 1;
    /** {@link #nextRow} needs more input (or {@link #endOfInput()}). */
    public static final int NEED_INPUT = 0;
    /** {@link #nextRow}: the page has ended; see {@link #pageEnd()}. */
    public static final int END = -1;

    private static final int OK = 0;
    private static final int BAD = 1;
    private static final int NEED = 2;
    private static final int EOP_RTC = 3;
    private static final int EOP_EOFB = 4;
    private static final int END_DATA = 5;

    private static final VarHandle LONG_BE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final T4Params params;
    private final DecodeLimits limits;
    private final int width;
    private final int rowBytes;
    private final int maxRowBits;
    private final Coding coding;
    /** Code of an all-white 1-D row (make-up and terminating codes), left-aligned; 0 bits: none. */
    private final long whiteRowCode;
    private final long whiteRowMask;
    private final int whiteRowBits;

    private byte[] buf = new byte[0];
    private int limit;
    private int pos;
    private long acc;
    private int nbits;
    private boolean inputEnded;

    private int markPos;
    private long markAcc;
    private int markNbits;

    private int[] cur;
    private int[] ref;
    private int curN;
    private int refN;

    private boolean firstRow = true;
    private boolean eolMode;
    private boolean resync;
    private boolean refBroken;
    private boolean zerosHitEnd;

    private boolean fastPaths = true;

    private PageEnd end = PageEnd.NONE;
    private int rows;
    private int badLines;
    private int consecutiveBad;
    private int maxConsecutiveBad;

    public T4Decoder(T4Params params, DecodeLimits limits) {
        this.params = params;
        this.limits = limits;
        this.width = params.width();
        this.rowBytes = params.rowBytes();
        this.maxRowBits = 16 * width + 4096;
        this.coding = params.coding();
        long code = 0;
        int bits = 0;
        int run = width;
        while (run >= T4Codes.MAX_MAKEUP + 64 && bits <= 40) { // as T4Encoder chains make-up codes
            int c = T4Codes.code(false, T4Codes.MAX_MAKEUP);
            code = code << (c >>> 24) | (c & 0xFFFFFF);
            bits += c >>> 24;
            run -= T4Codes.MAX_MAKEUP;
        }
        if (run >= 64) {
            int c = T4Codes.code(false, run & ~63);
            code = code << (c >>> 24) | (c & 0xFFFFFF);
            bits += c >>> 24;
            run &= 63;
        }
        int c = T4Codes.code(false, run);
        code = code << (c >>> 24) | (c & 0xFFFFFF);
        bits += c >>> 24;
        this.whiteRowBits = bits <= 40 ? bits : 0;
        this.whiteRowCode = whiteRowBits == 0 ? 0 : code << (64 - bits);
        this.whiteRowMask = whiteRowBits == 0 ? 0 : -1L << (64 - bits);
        this.cur = new int[Rows.changesCapacity(width)];
        this.ref = new int[Rows.changesCapacity(width)];
        whiteReference();
    }

    public T4Params params() {
        return params;
    }

    /** Appends coded bytes (in the parameters' fill order). */
    public void feed(byte[] data, int off, int len) {
        if (len <= 0 || inputEnded) {
            return;
        }
        if (pos > 0) {
            int keep = limit - pos;
            System.arraycopy(buf, pos, buf, 0, keep);
            limit = keep;
            pos = 0;
        }
        if (limit + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, 8192), limit + len));
        }
        if (params.fillOrder() == FillOrder.LSB_FIRST) {
            byte[] rev = T4Codes.REVERSE;
            for (int i = 0; i < len; i++) {
                buf[limit + i] = rev[data[off + i] & 0xFF];
            }
        } else {
            System.arraycopy(data, off, buf, limit, len);
        }
        limit += len;
    }

    /** No more data for this page (or strip): trailing partial rows are decoded as far as they go. */
    public void endOfInput() {
        inputEnded = true;
    }

    /**
     * Starts a new strip of the same page (TIFF): the input is cleared, the reference row is white and
     * the next row may start with an EOL again; row and bad-line counts go on.
     */
    public void startStrip() {
        clearInput();
        whiteReference();
        firstRow = true;
        resync = false;
        refBroken = false;
        end = PageEnd.NONE;
    }

    /** Starts a new page: as {@link #startStrip()}, and all counts back to zero. */
    public void startPage() {
        startStrip();
        rows = 0;
        badLines = 0;
        consecutiveBad = 0;
        maxConsecutiveBad = 0;
    }

    /**
     * Decodes the next row into {@code out[off .. off + rowBytes)}.
     *
     * @return {@link #ROW}, {@link #NEED_INPUT} or {@link #END}
     */
    public int nextRow(byte[] out, int off) {
        if (end != PageEnd.NONE) {
            return END;
        }
        if (rows >= limits.maxLines()) {
            end = PageEnd.LINE_LIMIT;
            return END;
        }
        if (fastPaths && !resync && !firstRow && fastRow()) {
            if (refN == 0) {
                Rows.clear(out, off, rowBytes);
            } else {
                Rows.render(ref, refN, width, out, off);
            }
            return ROW;
        }
        mark();
        if (resync) {
            int r = findEol();
            if (r == NEED) {
                restore();
                if (inputEnded) {
                    end = PageEnd.END_OF_DATA;
                    return END;
                }
                return NEED_INPUT;
            }
            if (r == END_DATA) {
                end = PageEnd.END_OF_DATA;
                return END;
            }
            resync = false;
            mark();
        }
        int st = decodeRow();
        switch (st) {
            case OK -> {
                Rows.render(cur, curN, width, out, off);
                int[] t = ref;
                ref = cur;
                cur = t;
                refN = curN;
                rows++;
                consecutiveBad = 0;
                firstRow = false;
                return ROW;
            }
            case BAD -> {
                firstRow = false;
                if (!eolMode || params.coding() == Coding.MMR) {
                    end = PageEnd.CODING_ERROR;
                    return END;
                }
                Rows.render(ref, refN, width, out, off);
                rows++;
                badLines++;
                consecutiveBad++;
                maxConsecutiveBad = Math.max(maxConsecutiveBad, consecutiveBad);
                resync = true;
                if (params.coding() == Coding.MR) {
                    refBroken = true;
                }
                if (consecutiveBad > limits.maxConsecutiveBadLines()) {
                    end = PageEnd.TOO_MANY_BAD_LINES;
                }
                return ROW;
            }
            case NEED -> {
                restore();
                if (inputEnded) {
                    end = PageEnd.END_OF_DATA;
                    return END;
                }
                return NEED_INPUT;
            }
            case EOP_RTC -> {
                end = PageEnd.RTC;
                return END;
            }
            case EOP_EOFB -> {
                end = PageEnd.EOFB;
                return END;
            }
            default -> {
                end = PageEnd.END_OF_DATA;
                return END;
            }
        }
    }

    /**
     * Decodes up to {@code maxRows} rows into consecutive rows of {@code out} from {@code off}, as
     * {@link #nextRow} would one by one, but cheaper for runs of repeated rows: white rows in a row are
     * cleared with one fill, a row equal to the one above is copied from it.
     *
     * @return rows written; fewer than {@code maxRows} when the decoder needs input
     *     ({@link #pageEnd()} is {@link PageEnd#NONE}) or the page has ended
     */
    public int nextRows(byte[] out, int off, int maxRows) {
        int done = 0;
        int whiteFrom = -1; // first row of a run of white rows not written yet
        int maxLines = limits.maxLines();
        while (done < maxRows) {
            int at = off + done * rowBytes;
            if (fastPaths && !resync && !firstRow && end == PageEnd.NONE && rows < maxLines && fastRow()) {
                if (refN == 0) {
                    if (whiteFrom < 0) {
                        whiteFrom = done;
                    }
                } else {
                    if (whiteFrom >= 0) {
                        Arrays.fill(out, off + whiteFrom * rowBytes, at, (byte) 0);
                        whiteFrom = -1;
                    }
                    if (done > 0) {
                        // the row above is this reference row: written from it, or repeated for a bad row
                        System.arraycopy(out, at - rowBytes, out, at, rowBytes);
                    } else {
                        Rows.render(ref, refN, width, out, at);
                    }
                }
                done++;
                continue;
            }
            if (whiteFrom >= 0) {
                Arrays.fill(out, off + whiteFrom * rowBytes, at, (byte) 0);
                whiteFrom = -1;
            }
            if (nextRow(out, at) != ROW) {
                break;
            }
            done++;
        }
        if (whiteFrom >= 0) {
            Arrays.fill(out, off + whiteFrom * rowBytes, off + done * rowBytes, (byte) 0);
        }
        return done;
    }

    /**
     * Counts one row the caller adds because the page ended early (e.g. TIFF ImageLength after a coding
     * error), repeating the last row into {@code out}.
     */
    public void repeatLastRow(byte[] out, int off) {
        Rows.render(ref, refN, width, out, off);
        rows++;
        badLines++;
        consecutiveBad++;
        maxConsecutiveBad = Math.max(maxConsecutiveBad, consecutiveBad);
    }

    /** Why the page ended; {@link PageEnd#NONE} while it goes on. */
    public PageEnd pageEnd() {
        return end;
    }

    /** Rows delivered in this page, bad ones included. */
    public int rows() {
        return rows;
    }

    /** TIFF BadFaxLines: rows that were repaired. */
    public int badLines() {
        return badLines;
    }

    /** TIFF ConsecutiveBadFaxLines: the longest run of repaired rows. */
    public int consecutiveBadLines() {
        return maxConsecutiveBad;
    }

    /** TIFF CleanFaxData: 0 clean, 1 regenerated (bad rows were replaced). */
    public int cleanFaxData() {
        return badLines == 0 ? 0 : 1;
    }

    /** Tests: turns the fast paths off, so that their rows can be compared with the general path's. */
    void disableFastPaths() {
        fastPaths = false;
    }

    /** Bytes per packed row. */
    public int rowBytes() {
        return rowBytes;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The rows most of a page is made of, decoded without the general machinery: an all-white 1-D row
     * (its whole code sequence compared at once) and a 2-D row equal to its reference row (a V0 code per
     * reference change and one more: that many 1 bits). In EOL mode the row must start with an EOL and the
     * next EOL must follow it. Anything else, or too little input buffered, leaves the state untouched
     * and returns false for the general path. On true the row is the reference row (white when
     * {@code refN == 0}), which the caller writes.
     */
    private boolean fastRow() {
        if (limit - pos < 8 || nbits < 0 || params.rowAligned()) {
            return false;
        }
        refill();
        long a = acc;
        int nb = nbits;
        int used = 0;
        boolean oneD = coding == Coding.MH;
        if (coding != Coding.MMR && eolMode) {
            int z = Long.numberOfLeadingZeros(a);
            if (z < 11 || z > 20) {
                return false;
            }
            used = z + 1;
            if (coding == Coding.MR) {
                oneD = a << used < 0;
                used++;
            }
        }
        long b = a << used;
        if (oneD) {
            if (whiteRowBits == 0 || (b & whiteRowMask) != whiteRowCode) {
                return false;
            }
            used += whiteRowBits;
            if (used > nb) {
                return false;
            }
        } else {
            int k = refN + 1;
            if (refBroken || k > 24 || (~b) >>> (64 - k) != 0) {
                return false;
            }
            used += k;
        }
        if (eolMode) {
            int z = Long.numberOfLeadingZeros(a << used);
            if (z < 11 || used + z >= nb) {
                return false;
            }
        }
        acc = a << used;
        nbits = nb - used;
        if (oneD) {
            whiteReference();
            refBroken = false;
        }
        rows++;
        consecutiveBad = 0;
        return true;
    }

    private void clearInput() {
        limit = 0;
        pos = 0;
        acc = 0;
        nbits = 0;
        inputEnded = false;
    }

    private void whiteReference() {
        refN = 0;
        for (int i = 0; i < Rows.SENTINELS; i++) {
            ref[i] = width;
        }
    }

    private void mark() {
        markPos = pos;
        markAcc = acc;
        markNbits = nbits;
    }

    private void restore() {
        pos = markPos;
        acc = markAcc;
        nbits = markNbits;
    }

    private long bitPos() {
        return (long) pos * 8 - nbits;
    }

    private void refill() {
        if (nbits <= 56 && nbits >= 0 && pos + 8 <= limit) {
            long word = (long) LONG_BE.get(buf, pos);
            int take = (64 - nbits) >>> 3;
            acc |= word >>> nbits;
            nbits += take << 3;
            pos += take;
            acc &= -1L << (64 - nbits);
            return;
        }
        while (nbits <= 56 && pos < limit) {
            acc |= (buf[pos++] & 0xFFL) << (56 - nbits);
            nbits += 8;
        }
    }

    private void skip(int n) {
        while (n > 0) {
            refill();
            if (nbits <= 0) {
                nbits -= n;
                return;
            }
            int t = Math.min(n, nbits);
            acc = t == 64 ? 0 : acc << t;
            nbits -= t;
            n -= t;
        }
    }

    /**
     * Zero bits ahead, without consuming them, looking past the bit buffer into the input up to 2^20
     * bits. {@link #zerosHitEnd} tells whether the input ran out before a 1 bit.
     */
    private int zerosAhead() {
        refill();
        if (nbits > 0 && acc != 0) {
            int z = Long.numberOfLeadingZeros(acc);
            if (z < nbits) {
                zerosHitEnd = false;
                return z;
            }
        }
        int z = Math.max(nbits, 0);
        int p = pos;
        while (p < limit && z < (1 << 20)) {
            int b = buf[p++] & 0xFF;
            if (b != 0) {
                zerosHitEnd = false;
                return z + Integer.numberOfLeadingZeros(b) - 24;
            }
            z += 8;
        }
        zerosHitEnd = p >= limit;
        return z;
    }

    /** After a bad row: skip to the start of the next EOL (not consuming it), committing as it goes. */
    private int findEol() {
        while (true) {
            refill();
            if (nbits <= 0) {
                return inputEnded ? END_DATA : NEED;
            }
            int z = acc == 0 ? nbits : Math.min(Long.numberOfLeadingZeros(acc), nbits);
            if (z < nbits) {
                if (z >= 11) {
                    return OK;
                }
                skip(z + 1);
                mark();
                continue;
            }
            if (z > 11) {
                skip(z - 11);
                mark();
            }
            if (pos >= limit) {
                return inputEnded ? END_DATA : NEED;
            }
        }
    }

    private int decodeRow() {
        long rowStart = bitPos();
        int st;
        if (params.coding() == Coding.MMR) {
            int z = zerosAhead();
            if (zerosHitEnd && (inputEnded || z < 11)) {
                return inputEnded ? END_DATA : NEED;
            }
            if (z >= 11) {
                if (!zerosHitEnd) {
                    return EOP_EOFB;
                }
                if (inputEnded) {
                    return END_DATA;
                }
                if (z > 64) {
                    skip(z - 12);
                    mark();
                }
                return NEED;
            }
            if (nbits <= 0) {
                return inputEnded ? END_DATA : NEED;
            }
            st = decode2D();
        } else {
            if (params.rowAligned()) {
                skip(nbits & 7);
            }
            boolean oneD = params.coding() == Coding.MH || firstRow;
            int z = zerosAhead();
            if (zerosHitEnd && (inputEnded || z < 11)) {
                return inputEnded ? END_DATA : NEED;
            }
            if (z >= 11) {
                if (zerosHitEnd) {
                    if (inputEnded) {
                        return END_DATA;
                    }
                    if (z > 64) {
                        skip(z - 12);
                        mark();
                    }
                    return NEED;
                }
                skip(z + 1);
                if (firstRow) {
                    eolMode = true;
                }
                if (params.coding() == Coding.MR) {
                    refill();
                    if (nbits < 1) {
                        return inputEnded ? END_DATA : NEED;
                    }
                    oneD = acc < 0;
                    skip(1);
                }
                int z2 = zerosAhead();
                if (z2 >= 11) {
                    if (!zerosHitEnd) {
                        return EOP_RTC;
                    }
                    return inputEnded ? END_DATA : NEED;
                }
                if (nbits <= 0) {
                    return inputEnded ? END_DATA : NEED;
                }
            } else {
                if (firstRow) {
                    eolMode = false;
                }
                if (nbits <= 0) {
                    return inputEnded ? END_DATA : NEED;
                }
            }
            if (!oneD && refBroken) {
                return BAD;
            }
            st = oneD ? decode1D() : decode2D();
            if (st == OK && oneD) {
                refBroken = false;
            }
            if (st == OK && eolMode) {
                int z3 = zerosAhead();
                if (zerosHitEnd) {
                    if (!inputEnded) {
                        return NEED;
                    }
                } else if (z3 < 11) {
                    st = BAD;
                }
            }
        }
        if (st == OK && bitPos() - rowStart > maxRowBits) {
            st = BAD;
        }
        return st;
    }

    private int decode1D() {
        final int[] c = cur;
        final int w = width;
        final byte[] in = buf;
        final int lim = limit;
        final char[] white = T4Codes.WHITE_DEC;
        final char[] blackT = T4Codes.BLACK_DEC;
        long a = acc;
        int nb = nbits;
        int p = pos;
        int n = 0;
        int a0 = 0;
        boolean black = false;
        int st = OK;
        int runBudget = 2 * w + 64; // empty runs do not advance a0; bound them per row
        final int[] pairs = T4Codes.PAIR_WB;
        rows:
        while (a0 < w) {
            if (!black) {
                if (nb < 16) {
                    if (p + 8 <= lim) {
                        long word = (long) LONG_BE.get(in, p);
                        int take = (64 - nb) >>> 3;
                        a |= word >>> nb;
                        nb += take << 3;
                        p += take;
                        a &= -1L << (64 - nb);
                    } else {
                        while (nb <= 56 && p < lim) {
                            a |= (in[p++] & 0xFFL) << (56 - nb);
                            nb += 8;
                        }
                    }
                }
                int pe = pairs[(int) (a >>> 52)];
                if (pe != 0 && a0 + (pe & 63) < w) {
                    // a white and a black terminating code; the white run does not end the row
                    int len = pe >>> 16;
                    a <<= len;
                    nb -= len;
                    a0 += pe & 63;
                    if (n > 0 && c[n - 1] == a0) {
                        n--;
                    } else {
                        c[n++] = a0;
                    }
                    a0 += (pe >>> 6) & 63;
                    if (a0 > w) {
                        st = BAD;
                        break;
                    }
                    if (a0 < w) {
                        c[n++] = a0;
                    }
                    continue;
                }
            }
            if (--runBudget < 0) {
                st = BAD;
                break;
            }
            int run = 0;
            while (true) {
                if (nb < 16) {
                    if (p + 8 <= lim) {
                        long word = (long) LONG_BE.get(in, p);
                        int take = (64 - nb) >>> 3;
                        a |= word >>> nb;
                        nb += take << 3;
                        p += take;
                        a &= -1L << (64 - nb);
                    } else {
                        while (nb <= 56 && p < lim) {
                            a |= (in[p++] & 0xFFL) << (56 - nb);
                            nb += 8;
                        }
                    }
                }
                int e = black ? blackT[(int) (a >>> 51)] : white[(int) (a >>> 52)];
                int r = e >>> 4;
                int len = e & 15;
                if (r < 64) {
                    a <<= len;
                    nb -= len;
                    run += r;
                    break;
                }
                if (r > T4Codes.MAX_MAKEUP) {
                    st = BAD; // EOL or no code: left unread, for resynchronisation
                    break rows;
                }
                a <<= len;
                nb -= len;
                run += r;
                if (run > w) {
                    st = BAD;
                    break rows;
                }
            }
            a0 += run;
            if (a0 > w) {
                st = BAD;
                break;
            }
            if (a0 < w) {
                if (n > 0 && c[n - 1] == a0) {
                    n--;
                } else {
                    c[n++] = a0;
                }
            }
            black = !black;
        }
        acc = a;
        nbits = nb;
        pos = p;
        if (nb < 0 || st == BAD && nb < 16 && !inputEnded) {
            return NEED; // ran out of input inside the row (refill keeps 57+ bits while there is input)
        }
        finishRow(n);
        return st;
    }

    private int decode2D() {
        final int[] c = cur;
        final int[] r = ref;
        final int w = width;
        final byte[] in = buf;
        final int lim = limit;
        final int[] modes = T4Codes.MODE_DEC;
        final boolean fast = fastPaths;
        final int[] pairsWb = T4Codes.PAIR_WB;
        final int[] pairsBw = T4Codes.PAIR_BW;
        final char[] white = T4Codes.WHITE_DEC;
        final char[] blackT = T4Codes.BLACK_DEC;
        long a = acc;
        int nb = nbits;
        int p = pos;
        int n = 0;
        int a0 = -1;
        boolean black = false;
        int pb = 0;
        int st = OK;
        int hBudget = w + 64; // horizontal modes may code empty runs; bound them per row
        rows:
        while (a0 < w) {
            if (nb < 32) {
                if (p + 8 <= lim) {
                    long word = (long) LONG_BE.get(in, p);
                    int take = (64 - nb) >>> 3;
                    a |= word >>> nb;
                    nb += take << 3;
                    p += take;
                    a &= -1L << (64 - nb);
                } else {
                    while (nb <= 56 && p < lim) {
                        a |= (in[p++] & 0xFFL) << (56 - nb);
                        nb += 8;
                    }
                }
            }
            int e = modes[(int) (a >>> 57)];
            int mode = e >>> 4;
            int len = e & 15;
            while (r[pb] <= a0) {
                pb += 2;
            }
            if (a < 0 && (a << 1) < 0 && fast) {
                // two or more V0 codes (1 bits): each a1 is the next reference change, b1 after it
                int k = Math.min(Math.min(Long.numberOfLeadingZeros(~a), nb), 63); // a shift by 64 is none
                int q = pb;
                int j = 0;
                while (j < k) {
                    int a1 = r[q++];
                    j++;
                    if (a1 >= w) {
                        if (a1 > w) {
                            a <<= j;
                            nb -= j;
                            st = BAD;
                            break rows;
                        }
                        a0 = a1;
                        break;
                    }
                    c[n++] = a1;
                    a0 = a1;
                }
                a <<= j;
                nb -= j;
                if ((j & 1) != 0) {
                    black = !black;
                }
                q--;
                pb = q > 0 ? q - 1 : q + 1;
                continue;
            }
            if (mode >= T4Codes.MODE_V0 - 3 && mode <= T4Codes.MODE_V0 + 3) {
                a <<= len;
                nb -= len;
                int a1 = r[pb] + mode - T4Codes.MODE_V0;
                if (a1 <= a0 || a1 < 0 || a1 > w) {
                    st = BAD;
                    break;
                }
                if (a1 < w) {
                    c[n++] = a1;
                }
                a0 = a1;
                black = !black;
                pb = pb > 0 ? pb - 1 : pb + 1;
            } else if (mode == T4Codes.MODE_HORIZONTAL) {
                a <<= len;
                nb -= len;
                if (--hBudget < 0) {
                    st = BAD;
                    break;
                }
                int pos0 = Math.max(a0, 0);
                if (nb < 16) {
                    if (p + 8 <= lim) {
                        long word = (long) LONG_BE.get(in, p);
                        int take = (64 - nb) >>> 3;
                        a |= word >>> nb;
                        nb += take << 3;
                        p += take;
                        a &= -1L << (64 - nb);
                    } else {
                        while (nb <= 56 && p < lim) {
                            a |= (in[p++] & 0xFFL) << (56 - nb);
                            nb += 8;
                        }
                    }
                }
                int pe = (black ? pairsBw : pairsWb)[(int) (a >>> 52)];
                if (pe != 0) {
                    // both runs in one lookup: two terminating codes, the second run not empty
                    pos0 += pe & 63;
                    if (pos0 > w) {
                        int l1 = (pe >>> 12) & 15; // stop after the first code, as run by run
                        a <<= l1;
                        nb -= l1;
                        st = BAD;
                        break;
                    }
                    int pl = pe >>> 16;
                    a <<= pl;
                    nb -= pl;
                    if (pos0 < w) {
                        if (n > 0 && c[n - 1] == pos0) {
                            n--;
                        } else {
                            c[n++] = pos0;
                        }
                    }
                    pos0 += (pe >>> 6) & 63;
                    if (pos0 > w) {
                        st = BAD;
                        break;
                    }
                    if (pos0 < w) {
                        c[n++] = pos0;
                    }
                    a0 = pos0;
                    continue;
                }
                boolean colour = black;
                for (int k = 0; k < 2; k++) {
                    int run = 0;
                    while (true) {
                        if (nb < 16) {
                            if (p + 8 <= lim) {
                                long word = (long) LONG_BE.get(in, p);
                                int take = (64 - nb) >>> 3;
                                a |= word >>> nb;
                                nb += take << 3;
                                p += take;
                                a &= -1L << (64 - nb);
                            } else {
                                while (nb <= 56 && p < lim) {
                                    a |= (in[p++] & 0xFFL) << (56 - nb);
                                    nb += 8;
                                }
                            }
                        }
                        int re = colour ? blackT[(int) (a >>> 51)] : white[(int) (a >>> 52)];
                        int rr = re >>> 4;
                        int rl = re & 15;
                        if (rr < 64) {
                            a <<= rl;
                            nb -= rl;
                            run += rr;
                            break;
                        }
                        if (rr > T4Codes.MAX_MAKEUP) {
                            st = BAD;
                            break rows;
                        }
                        a <<= rl;
                        nb -= rl;
                        run += rr;
                        if (run > w) {
                            st = BAD;
                            break rows;
                        }
                    }
                    pos0 += run;
                    if (pos0 > w) {
                        st = BAD;
                        break rows;
                    }
                    if (pos0 < w) {
                        if (n > 0 && c[n - 1] == pos0) {
                            n--;
                        } else {
                            c[n++] = pos0;
                        }
                    }
                    colour = !colour;
                }
                a0 = pos0;
            } else if (mode == T4Codes.MODE_PASS) {
                a <<= len;
                nb -= len;
                int b2 = r[pb + 1];
                if (b2 > w) {
                    st = BAD;
                    break;
                }
                a0 = b2;
                pb += 2;
            } else {
                st = BAD;
                break;
            }
        }
        acc = a;
        nbits = nb;
        pos = p;
        if (nb < 0 || st == BAD && nb < 16 && !inputEnded) {
            return NEED; // ran out of input inside the row
        }
        finishRow(n);
        return st;
    }

    private void finishRow(int n) {
        int[] c = cur;
        for (int i = 0; i < Rows.SENTINELS; i++) {
            c[n + i] = width;
        }
        curN = n;
    }
}
