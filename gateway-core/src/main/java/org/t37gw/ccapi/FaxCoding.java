package org.t37gw.ccapi;

/** Two-dimensional coding of fax page data negotiated in T.30 DCS (T.4 / T.6). */
public enum FaxCoding {
    /** T.4 one-dimensional Modified Huffman. */
    MH,
    /** T.4 two-dimensional Modified READ. */
    MR,
    /** T.6 Modified Modified READ (needs ECM). */
    MMR
}
