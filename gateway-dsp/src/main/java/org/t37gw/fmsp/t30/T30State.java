package org.t37gw.fmsp.t30;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine's states, named after the labels of the T.30 flow charts (Figure 5, Annex A) as spandsp
 * also does. Most states are entered right after the engine queued what it sends there; their handler
 * then arms the state's timer and starts listening on {@link T30Event.SendComplete}. The legal
 * transitions are a table here; the engine's one {@code transitionTo} checks it and logs the change.
 */
public enum T30State {
    /** Not started. */
    IDLE,
    /** Calling station: waiting for DIS (phase B entry, T1 running). */
    T,
    /** DCS and TCF sent, waiting for CFR or FTT (T4). */
    D,
    /** Sending a non-ECM page (phase C). */
    I,
    /** Post-page command sent (non-ECM), waiting for MCF, RTP, RTN, PIP or PIN (T4). */
    II_Q,
    /** Sending an ECM partial page (FCD frames and RCP). */
    IV,
    /** PPS sent, waiting for MCF, PPR or RNR (T4). */
    IV_PPS_Q,
    /** RR sent after RNR, waiting for the response (T4, T5). */
    IV_PPS_RNR,
    /** CTC sent after the fourth PPR, waiting for CTR (T4). */
    IV_CTC,
    /** EOR sent after the fourth PPR at the lowest rate, waiting for ERR (T4). */
    IV_EOR,
    /** Called station: sending CED. */
    ANSWERING,
    /** DIS sent (or FTT, or RTN/RTP), waiting for DCS (T4 repeats DIS within T1; T2 after a DCS was seen). */
    R,
    /** DCS received, receiving TCF. */
    F_TCF,
    /** CFR (or MCF after MPS) sent, receiving a non-ECM page (T2). */
    F_DOC_NON_ECM,
    /** Page received, waiting for the post-page command (T2). */
    F_POST_DOC_NON_ECM,
    /** CFR / MCF / PPR / CTR sent, receiving ECM frames (T2). */
    F_DOC_ECM,
    /** RCP received (or RNR sent), waiting for PPS, EOR, CTC or RR (T2). */
    F_POST_DOC_ECM,
    /** MCF sent to EOP, waiting for DCN (T2). */
    F_POST_EOP,
    /** The call is over. */
    CALL_FINISHED;

    private static final Map<T30State, Set<T30State>> LEGAL = new EnumMap<>(T30State.class);

    static {
        legal(IDLE, T, ANSWERING);
        legal(T, D);
        legal(D, D, I, IV);
        legal(I, II_Q);
        legal(II_Q, I, D, T);
        legal(IV, IV_PPS_Q);
        legal(IV_PPS_Q, IV, IV_PPS_RNR, IV_CTC, IV_EOR, T);
        legal(IV_PPS_RNR, IV, IV_PPS_RNR, IV_CTC, IV_EOR, T);
        legal(IV_CTC, IV);
        legal(IV_EOR, IV, IV_PPS_RNR, T);
        legal(ANSWERING, R);
        legal(R, R, F_TCF);
        legal(F_TCF, F_TCF, R, F_DOC_NON_ECM, F_DOC_ECM);
        legal(F_DOC_NON_ECM, F_POST_DOC_NON_ECM, F_TCF);
        legal(F_POST_DOC_NON_ECM, F_DOC_NON_ECM, R, F_POST_EOP, F_TCF);
        legal(F_DOC_ECM, F_POST_DOC_ECM, F_TCF);
        legal(F_POST_DOC_ECM, F_DOC_ECM, F_POST_DOC_ECM, R, F_POST_EOP, F_TCF);
        legal(F_POST_EOP);
        legal(CALL_FINISHED);
        for (T30State s : values()) {
            if (s != CALL_FINISHED) {
                LEGAL.get(s).add(CALL_FINISHED);
            }
        }
    }

    private static void legal(T30State from, T30State... to) {
        EnumSet<T30State> set = EnumSet.noneOf(T30State.class);
        set.addAll(java.util.List.of(to));
        LEGAL.put(from, set);
    }

    /** Whether the engine may go from this state to {@code next}. */
    public boolean canGoTo(T30State next) {
        return LEGAL.get(this).contains(next);
    }
}
