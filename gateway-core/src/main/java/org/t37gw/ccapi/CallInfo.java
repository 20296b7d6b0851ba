package org.t37gw.ccapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a call leg, active or finished, for the admin endpoint ({@code show calls}) and the CDR.
 *
 * @param leg           what the leg was set up with
 * @param state         its state when the snapshot was taken
 * @param start         when it was registered
 * @param connected     when it was answered, or {@code null}
 * @param end           when it was disconnected, or {@code null} while active
 * @param pagesSent     pages sent and confirmed
 * @param pagesReceived pages received
 * @param faxMode       the last negotiated fax mode, or {@code null} if there was no fax session
 * @param cause         the disconnect cause, or {@code null} while active
 * @param result        how it went, or {@code null} while active
 * @param diagnostic    the fax session's failure text, or {@code ""}
 */
public record CallInfo(CallLeg leg, CallState state, Instant start, Instant connected, Instant end,
                       int pagesSent, int pagesReceived, CallEvent.FaxModeNegotiated faxMode, Q850Cause cause,
                       CallResult result, String diagnostic) {

    public CallInfo {
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(start, "start");
        diagnostic = diagnostic == null ? "" : diagnostic;
    }

    /** The call id. */
    public CallId id() {
        return leg.id();
    }

    /** Pages sent plus pages received. */
    public int pages() {
        return pagesSent + pagesReceived;
    }

    /** Whether the leg is still up. */
    public boolean active() {
        return end == null;
    }

    /** Time from start to end, or to {@code now} while active. */
    public Duration duration(Instant now) {
        return Duration.between(start, end != null ? end : now);
    }
}
