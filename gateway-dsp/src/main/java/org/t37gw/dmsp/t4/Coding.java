package org.t37gw.dmsp.t4;

/** The three fax codings: T.4 one-dimensional, T.4 two-dimensional and T.6. */
public enum Coding {
    /** Modified Huffman, T.4 §4.1 (TIFF Compression 3 without 2-D, or 2 without EOLs). */
    MH,
    /** Modified READ, T.4 §4.2: a 1-D row every K rows, 2-D rows between (TIFF Compression 3). */
    MR,
    /** Modified Modified READ, T.6: 2-D rows only, no EOLs, EOFB at the end (TIFF Compression 4). */
    MMR
}
