package org.t37gw.ccapi;

import java.util.Objects;

/** An application's answer to an inbound call setup. */
public sealed interface SetupDecision {

    /** Take the call. */
    record Accept() implements SetupDecision {
    }

    /**
     * Refuse the call; the leg is disconnected at once with this cause.
     *
     * @param cause the Q.850 cause sent back (e.g. {@link Q850Cause#CALL_REJECTED})
     * @param reason a short text for the log
     */
    record Reject(Q850Cause cause, String reason) implements SetupDecision {
        public Reject {
            Objects.requireNonNull(cause, "cause");
            reason = reason == null ? "" : reason;
        }
    }

    /** The shared {@link Accept}. */
    SetupDecision ACCEPT = new Accept();

    /** A rejection. */
    static SetupDecision reject(Q850Cause cause, String reason) {
        return new Reject(cause, reason);
    }

    /** {@code true} for {@link Accept}. */
    default boolean accepted() {
        return this instanceof Accept;
    }
}
