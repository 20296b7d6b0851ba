package org.t37gw.ccapi;

/**
 * The outcome of {@link CallManager#register(LegSetup)}: the leg (with its id, also when refused) and the
 * decision. Outbound legs are always accepted.
 */
public record Admission(CallLeg leg, SetupDecision decision) {

    /** Whether the leg is up. */
    public boolean accepted() {
        return decision.accepted();
    }
}
