package org.t37gw.fmsp.t30;

/** Data compression of the page (T.4 / T.6), with its T.30 Table 2 bit; MH needs none. */
public enum Coding {
    /** T.4 one-dimensional (modified Huffman). */
    MH(0),
    /** T.4 two-dimensional (modified READ), bit 16. */
    MR(16),
    /** T.6 (modified modified READ), bit 31; only with ECM. */
    MMR(31);

    private final int bit;

    Coding(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}
