package org.t37gw.fmsp.terminal;

import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t30.PageMode;

/**
 * What the terminal expects to receive, as the engine's StartReceive asked: HDLC frames, a TCF, or a non-ECM
 * page (whose mode gives the coding and width for counting rows).
 */
public record RxMode(Kind kind, Modulation modulation, PageMode page) {

    /** The three kinds of reception. */
    public enum Kind { HDLC, TCF, PAGE }

    public static RxMode hdlc(Modulation m) {
        return new RxMode(Kind.HDLC, m, null);
    }

    public static RxMode tcf(Modulation m) {
        return new RxMode(Kind.TCF, m, null);
    }

    public static RxMode page(PageMode mode) {
        return new RxMode(Kind.PAGE, mode.modulation(), mode);
    }
}
