package org.t37gw.dialpeer;

/**
 * The digits a POTS dial-peer sends out on its port for a called number that matched its
 * {@code destination-pattern}, after the IOS digit manipulation commands of that peer.
 *
 * <ol>
 *   <li>{@code forward-digits N}: the right-justified last {@code N} digits of the called number (all of
 *       them if it is shorter); {@code forward-digits all}: every digit; {@code forward-digits extra}: only the
 *       digits beyond the length of the destination pattern (none for a {@code T} pattern). Any
 *       {@code forward-digits} setting takes over from {@code digit-strip}.</li>
 *   <li>Otherwise {@code digit-strip} (the POTS default) removes the left-justified digits that matched
 *       explicit characters of the pattern; {@code no digit-strip} keeps the number whole.</li>
 *   <li>{@code prefix DIGITS} is then put in front.</li>
 * </ol>
 * MMoIP peers are not touched: as for every voice-network peer, all digits are passed on.
 *
 * <p>Sources: Cisco IOS Voice Command Reference ({@code digit-strip}, {@code forward-digits},
 * {@code prefix}); Cisco "Dial Peer Configuration Guide", Digit Manipulation; CISCO-DIAL-CONTROL-MIB
 * {@code cvPotsPeerCfgForwardDigits} (0-32 right-justified digits, extra, all).
 */
public final class DigitManipulation {

    private DigitManipulation() {
    }

    /**
     * The dial string for {@code peer} and a called number.
     *
     * @throws IllegalArgumentException if the peer has no destination-pattern or the number does not match it
     */
    public static String dialString(DialPeer peer, String calledNumber) {
        if (peer.kind() != DialPeer.Kind.POTS) {
            return calledNumber;
        }
        if (peer.destinationPattern() == null) {
            throw new IllegalArgumentException("dial-peer " + peer.tag() + " has no destination-pattern");
        }
        DialPattern.Match match = peer.destinationPattern().match(calledNumber).orElseThrow(() ->
                new IllegalArgumentException("'" + calledNumber + "' does not match destination-pattern "
                        + peer.destinationPattern() + " of dial-peer " + peer.tag()));
        return dialString(peer, match);
    }

    /** The dial string for {@code peer} and a match of its destination-pattern. */
    public static String dialString(DialPeer peer, DialPattern.Match match) {
        String number = match.number();
        if (peer.kind() != DialPeer.Kind.POTS) {
            return number;
        }
        int forward = peer.forwardDigits();
        String digits;
        if (forward == DialPeer.FORWARD_ALL) {
            digits = number;
        } else if (forward == DialPeer.FORWARD_EXTRA) {
            digits = match.extraDigits();
        } else if (forward >= 0) {
            digits = number.substring(Math.max(0, number.length() - forward));
        } else if (forward == DialPeer.FORWARD_DEFAULT) {
            digits = peer.digitStrip() ? match.afterExplicitPrefix() : number;
        } else {
            throw new IllegalArgumentException("dial-peer " + peer.tag() + ": bad forward-digits value " + forward);
        }
        return peer.prefix() + digits;
    }
}
