package org.t37gw.dmsp.t4;

/**
 * How a page is coded: the line format both the encoder and the decoder follow.
 *
 * @param coding     MH, MR or MMR
 * @param width      pixels per row (1728, 2048, 2432; 864 and 1216 allowed)
 * @param k          MR only: a 1-D row every {@code k} rows (2 standard, 4 fine), 0 for unlimited
 *                   (first row 1-D, all others 2-D, as TIFF allows)
 * @param eol        MH/MR: an EOL code before every row (T.4 §4.1.2, TIFF Compression 3); false for
 *                   rows without EOLs (TIFF Compression 2, or MH data some writers store without EOLs).
 *                   The decoder also accepts EOLs when this is false, and rows without them when true.
 * @param eolAligned MH/MR: fill bits so that every EOL ends on a byte boundary (TIFF T4Options bit 2)
 * @param rowAligned every row starts on a byte boundary (TIFF Compression 2)
 * @param fillOrder  bit order within bytes of coded data
 * @param minRowBits fill bits for the minimum scan line time: a row with its EOL is padded with 0 bits
 *                   to at least this many bits (see {@link #minRowBits(int, int)}); 0 for none
 * @param endOfPage  write (and expect) RTC for MH/MR or EOFB for MMR after the last row
 */
public record T4Params(Coding coding, int width, int k, boolean eol, boolean eolAligned, boolean rowAligned,
                       FillOrder fillOrder, int minRowBits, boolean endOfPage) {

    /** Largest width accepted: A3 at 400 dpi (T.4 Annex), with room. */
    public static final int MAX_WIDTH = 1 << 14;

    public T4Params {
        if (coding == null || fillOrder == null) {
            throw new IllegalArgumentException("coding and fill order are required");
        }
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("width out of range: " + width);
        }
        if (k < 0 || minRowBits < 0) {
            throw new IllegalArgumentException("k and minRowBits must not be negative");
        }
    }

    /** MH with an EOL before every row, MSB first, no fill, RTC at the end. */
    public static T4Params mh(int width) {
        return new T4Params(Coding.MH, width, 0, true, false, false, FillOrder.MSB_FIRST, 0, true);
    }

    /** MR with K = {@code k} (0 unlimited), EOLs, MSB first, RTC at the end. */
    public static T4Params mr(int width, int k) {
        return new T4Params(Coding.MR, width, k, true, false, false, FillOrder.MSB_FIRST, 0, true);
    }

    /** MMR, MSB first, EOFB at the end. */
    public static T4Params mmr(int width) {
        return new T4Params(Coding.MMR, width, 0, false, false, false, FillOrder.MSB_FIRST, 0, true);
    }

    /** TIFF Compression 2 (CCITT RLE): MH rows without EOLs, each starting on a byte boundary. */
    public static T4Params rle(int width) {
        return new T4Params(Coding.MH, width, 0, false, false, true, FillOrder.MSB_FIRST, 0, false);
    }

    public T4Params withFillOrder(FillOrder f) {
        return new T4Params(coding, width, k, eol, eolAligned, rowAligned, f, minRowBits, endOfPage);
    }

    public T4Params withEolAligned(boolean a) {
        return new T4Params(coding, width, k, eol, a, rowAligned, fillOrder, minRowBits, endOfPage);
    }

    public T4Params withEol(boolean e) {
        return new T4Params(coding, width, k, e, eolAligned, rowAligned, fillOrder, minRowBits, endOfPage);
    }

    public T4Params withMinRowBits(int bits) {
        return new T4Params(coding, width, k, eol, eolAligned, rowAligned, fillOrder, bits, endOfPage);
    }

    public T4Params withEndOfPage(boolean e) {
        return new T4Params(coding, width, k, eol, eolAligned, rowAligned, fillOrder, minRowBits, e);
    }

    public T4Params withWidth(int w) {
        return new T4Params(coding, w, k, eol, eolAligned, rowAligned, fillOrder, minRowBits, endOfPage);
    }

    /** Bytes of one packed row. */
    public int rowBytes() {
        return (width + 7) >>> 3;
    }

    /**
     * Fill for the minimum scan line time (T.30 DIS/DCS bits 21–23): the bits a row must take at
     * {@code bitRate} bit/s to last {@code millis} ms (0, 5, 10, 20 or 40).
     */
    public static int minRowBits(int bitRate, int millis) {
        if (millis != 0 && millis != 5 && millis != 10 && millis != 20 && millis != 40) {
            throw new IllegalArgumentException("minimum scan line time must be 0/5/10/20/40 ms: " + millis);
        }
        return (int) ((long) bitRate * millis / 1000);
    }
}
