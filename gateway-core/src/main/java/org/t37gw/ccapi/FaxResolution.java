package org.t37gw.ccapi;

/** Vertical resolution of fax pages (T.30 DIS/DCS bits; T.4 §2.2). */
public enum FaxResolution {
    /** 3.85 lines/mm (98 dpi). */
    STANDARD,
    /** 7.7 lines/mm (196 dpi). */
    FINE,
    /** 15.4 lines/mm (391 dpi). */
    SUPERFINE
}
