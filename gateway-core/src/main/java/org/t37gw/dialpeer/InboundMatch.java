package org.t37gw.dialpeer;

/**
 * The inbound dial-peer chosen for a call leg, and the rule that chose it.
 *
 * @param peer  the dial-peer
 * @param rule  which of the IOS inbound steps matched
 * @param match how the number matched the peer's pattern; {@code null} for {@link Rule#PORT}
 */
public record InboundMatch(DialPeer peer, Rule rule, DialPattern.Match match) {

    /** The IOS inbound matching steps, in the order they are tried. */
    public enum Rule {
        /** The called number (DNIS) against {@code incoming called-number}. */
        INCOMING_CALLED_NUMBER,
        /** The calling number (ANI) against {@code answer-address}. */
        ANSWER_ADDRESS,
        /** The calling number (ANI) against {@code destination-pattern}. */
        DESTINATION_PATTERN,
        /** The voice port the call came in on against {@code port} (POTS legs only). */
        PORT
    }
}
