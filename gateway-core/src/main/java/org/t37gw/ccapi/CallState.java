package org.t37gw.ccapi;

import java.util.Locale;

/** Where a call leg is in its life (the IOS {@code show call active} states, simplified). */
public enum CallState {
    /** Registered, not yet alerting or answered. */
    SETUP,
    /** The far end is ringing. */
    ALERTING,
    /** Answered; media (the fax session) may flow. */
    CONNECTED,
    /** Gone. */
    DISCONNECTED;

    /** Whether a leg may move from this state to {@code next}. */
    public boolean canMoveTo(CallState next) {
        return switch (this) {
            case SETUP -> next == ALERTING || next == CONNECTED || next == DISCONNECTED;
            case ALERTING -> next == CONNECTED || next == DISCONNECTED;
            case CONNECTED -> next == DISCONNECTED;
            case DISCONNECTED -> false;
        };
    }

    /** Lower-case name for displays. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
