package org.t37gw.fmsp.t30;

/**
 * How a received page came through.
 *
 * @param lines decoded rows (non-ECM, as the driver's decoder counted; -1 if unknown)
 * @param badLines rows that failed to decode (non-ECM)
 * @param missingEcmFrames ECM frames never received correctly (only after EOR)
 * @param verdict the response the page got
 */
public record PageQuality(int lines, int badLines, int missingEcmFrames, Verdict verdict) {
    /** The receiver's judgement of a page (T.30 5.3.6.1.7: MCF, RTP, RTN). */
    public enum Verdict { MCF, RTP, RTN }

    public boolean isPerfect() {
        return badLines == 0 && missingEcmFrames == 0 && verdict == Verdict.MCF;
    }
}
