package org.t37gw.ccapi;

import java.util.Objects;

/**
 * What a driver or an application knows when a leg starts; {@link CallManager#register(LegSetup)} turns it
 * into a {@link CallLeg} with a fresh {@link CallId}.
 *
 * @param direction   inbound or outbound
 * @param type        telephony or MMoIP
 * @param calling     calling number (ANI) or mail sender, may be {@code null}
 * @param called      called number (DNIS) or mail recipient, may be {@code null}
 * @param dialPeerTag the matched dial-peer, 0 for none
 * @param port        voice port of a telephony leg, or {@code null}
 * @param application the application that handles the leg (the dial-peer's {@code application}), or
 *                    {@code null} for a leg no application watches
 */
public record LegSetup(Direction direction, LegType type, String calling, String called, int dialPeerTag,
                       String port, String application) {

    public LegSetup {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(type, "type");
    }
}
