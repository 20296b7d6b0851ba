package org.t37gw.fmsp.t30;

/**
 * The time-outs of T.30 clause 5.4.3 "Time-outs" (T5: Annex A), with their nominal values; a
 * {@link T30Config} may shorten or lengthen them.
 */
public enum T30Timer {
    /**
     * T1, 35 s &plusmn; 5 s (T.30 5.4.3): the time to wait for a valid phase B signal, the calling
     * station for DIS, the called station for a command after its DIS.
     */
    T1(35_000),
    /**
     * T2, 6 s &plusmn; 1 s (T.30 5.4.3): the receiver's wait for a command, for the page carrier
     * after CFR or MCF, and for DCN after the final MCF.
     */
    T2(6_000),
    /** T3, 10 s &plusmn; 5 s (T.30 5.4.3): procedure interrupt (operator) response. */
    T3(10_000),
    /**
     * T4, 3.0 s &plusmn; 15% (T.30 5.4.3): the time to wait for a response to a command before it
     * is repeated; three tries of a command in all.
     */
    T4(3_000),
    /** T5, 60 s &plusmn; 5 s (T.30 Annex A, flow control with RR/RNR): how long RR may be repeated while the receiver says RNR. */
    T5(60_000);

    private final long nominalMillis;

    T30Timer(long nominalMillis) {
        this.nominalMillis = nominalMillis;
    }

    public long nominalMillis() {
        return nominalMillis;
    }
}
