package org.t37gw.ccapi;

/** The network side of a call leg; matches the dial-peer kind that routes it. */
public enum LegType {
    /** A fax line: modem, DSP port or T.38 channel (POTS dial-peers). */
    TELEPHONY,
    /** Internet mail, T.37 store and forward (MMoIP dial-peers). */
    MMOIP;

    /** Lower-case name, as written in CDRs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
