package org.t37gw.fmsp.t30;

/**
 * What the driver's high-speed receiver saw of a TCF (T.30 5.3.6.1.4: 1.5 s &plusmn; 10% of zeros).
 *
 * @param durationMillis how long the carrier lasted
 * @param longestZeroRunMillis the longest run of consecutive zero bits, in ms at the negotiated rate
 * @param nonZeroBits how many one bits arrived in all
 */
public record TcfStats(long durationMillis, long longestZeroRunMillis, long nonZeroBits) {
    /** A clean TCF. */
    public static TcfStats clean(long durationMillis) {
        return new TcfStats(durationMillis, durationMillis, 0);
    }

    /** A TCF with errors all over. */
    public static TcfStats noisy(long durationMillis) {
        return new TcfStats(durationMillis, 120, 900);
    }
}
