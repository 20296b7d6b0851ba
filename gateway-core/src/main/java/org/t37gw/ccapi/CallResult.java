package org.t37gw.ccapi;

import java.util.Locale;

/** How a finished call leg went, as written in its CDR. */
public enum CallResult {
    /** The fax went through (or, without a fax session, the call connected and cleared normally). */
    SUCCESS,
    /** Anything else: busy, no answer, T.30 failure, abnormal clearing. */
    FAILED,
    /** The application refused the inbound call at setup. */
    REJECTED;

    /** Lower-case name, as written in CDRs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
