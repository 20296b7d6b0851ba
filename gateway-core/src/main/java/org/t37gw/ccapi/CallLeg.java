package org.t37gw.ccapi;

import java.util.Objects;

/**
 * One call leg known to the {@link CallManager}: its id and what it was set up with. Immutable; the
 * leg's progress is in {@link CallInfo}.
 *
 * @param id          the call id
 * @param direction   inbound or outbound
 * @param type        telephony or MMoIP
 * @param calling     calling number (ANI) or mail sender, {@code ""} when unknown
 * @param called      called number (DNIS) or mail recipient, {@code ""} when unknown
 * @param dialPeerTag the dial-peer that matched the leg, 0 when none (IOS dial-peer 0)
 * @param port        the voice port of a telephony leg, or {@code null}
 * @param application the name of the application that handles the leg, or {@code null}
 */
public record CallLeg(CallId id, Direction direction, LegType type, String calling, String called,
                      int dialPeerTag, String port, String application) {

    public CallLeg {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(type, "type");
        calling = calling == null ? "" : calling;
        called = called == null ? "" : called;
    }
}
