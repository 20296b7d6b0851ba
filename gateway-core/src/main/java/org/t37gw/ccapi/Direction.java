package org.t37gw.ccapi;

/** Which way a call leg was set up, seen from the gateway. */
public enum Direction {
    /** The far end called us (a fax arriving on a line, a mail arriving for the off-ramp). */
    INBOUND,
    /** We called out (dialing a fax number, sending mail). */
    OUTBOUND;

    /** Lower-case name, as written in CDRs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
