package org.t37gw.dialpeer;

/**
 * One candidate of an outbound hunt: a dial-peer whose {@code destination-pattern} matched the called
 * number, and what to send.
 *
 * @param peer       the dial-peer
 * @param match      how the called number matched its destination-pattern
 * @param dialString for a POTS peer, the digits to dial on its port after digit-strip /
 *                   forward-digits / prefix; for an MMoIP peer, the called number unchanged
 */
public record OutboundRoute(DialPeer peer, DialPattern.Match match, String dialString) {
}
