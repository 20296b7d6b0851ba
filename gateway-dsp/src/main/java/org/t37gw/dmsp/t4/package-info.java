/**
 * The fax page codec: ITU-T T.4 one-dimensional (MH, §4.1) and two-dimensional (MR, §4.2) coding and
 * T.6 (MMR), on packed rows ({@code byte[]}, 1 = black, most significant bit first).
 *
 * <h2>How it works</h2>
 * A row is handled as its list of changing elements (positions where the colour changes; T.4 §4.2.1.3.1),
 * found from packed bytes 64 bits at a time ({@link org.t37gw.dmsp.t4.Rows#changes}) and drawn back with
 * byte fills ({@link org.t37gw.dmsp.t4.Rows#render}). The encoder turns the lists into codes: runs
 * (terminating codes 0–63, make-up codes up to 2560 and chains of them for longer runs, Tables 2 and 3)
 * for 1-D rows, and pass / horizontal / vertical modes against the previous row (Table 4) for 2-D rows.
 * The decoder looks codes up in tables indexed by the next 12 (white), 13 (black) or 7 (mode) bits,
 * built once from the code lists in {@code T4Codes}, reading from a 64-bit bit buffer refilled eight
 * bytes at a time; a white and a black terminating code that fit in 12 bits together (most runs of text)
 * take one lookup. Two kinds of row skip the general path: an all-white 1-D row, compared with its whole
 * code sequence at once, and a 2-D row equal to its reference row (one V0 code per reference change and
 * one more: that many 1 bits). {@link org.t37gw.dmsp.t4.T4Decoder#nextRows} decodes into a raster and
 * clears runs of white rows with one fill. Nothing is allocated per row.
 *
 * <h2>Line format</h2>
 * {@link org.t37gw.dmsp.t4.T4Params} says how rows are framed: EOL (§4.1.2) before each row, MR's tag
 * bit, fill bits for the minimum scan line time (T.30 DIS bits 21–23, {@link
 * org.t37gw.dmsp.t4.T4Params#minRowBits}), byte-aligned EOLs (TIFF T4Options bit 2), byte-aligned rows
 * (TIFF Compression 2), RTC (six EOLs, §4.1.4) or EOFB (T.6 §2.4), and the bit order within bytes
 * (TIFF FillOrder 1 or 2).
 *
 * <h2>Streaming and errors</h2>
 * {@link org.t37gw.dmsp.t4.T4Encoder} takes a row at a time and buffers coded bytes for the caller to
 * drain; {@link org.t37gw.dmsp.t4.T4Decoder} takes coded bytes as they arrive and gives rows when complete,
 * rolling back to the row start when a row's data is not all there yet. The decoder never throws on bad
 * data: a bad row is replaced by the previous one and counted (BadFaxLines, ConsecutiveBadFaxLines,
 * CleanFaxData), the decoder resynchronises on the next EOL, and it stops at the limits given to it
 * ({@link org.t37gw.dmsp.t4.DecodeLimits}).
 *
 * <p>This package imports nothing outside {@code java.base}: no I/O, no network.
 */
package org.t37gw.dmsp.t4;
