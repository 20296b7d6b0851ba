/**
 * Dial-peers: the IOS routing table of the gateway.
 *
 * <p>A {@link org.t37gw.dialpeer.DialPeer} is one {@code dial-peer voice TAG pots|mmoip} block. A
 * {@link org.t37gw.dialpeer.DialPattern} is the digit pattern of its {@code destination-pattern},
 * {@code incoming called-number} and {@code answer-address} lines ({@code .}, {@code T}, {@code [..]},
 * leading {@code +}, {@code ? % +} repeats, {@code $}). A {@link org.t37gw.dialpeer.DialPeerTable} picks
 * the inbound peer of a call leg arriving (DNIS against {@code incoming called-number}, then ANI against
 * {@code answer-address}, then ANI against {@code destination-pattern}, then the port) and the outbound hunt
 * list for a called number (longest match, then {@code preference}, then configuration order where IOS picks
 * at random), skipping {@code shutdown} peers and those at {@code max-conn} ({@link
 * org.t37gw.dialpeer.MaxConnTracker}). {@link org.t37gw.dialpeer.DigitManipulation} gives the digits a POTS
 * peer dials: {@code forward-digits}, else {@code digit-strip}, then {@code prefix}.
 *
 * <p>How T.37 uses them (Cisco "Configuring T.37 Store and Forward Fax"): the on-ramp matches the fax call
 * to an inbound POTS peer (with {@code direct-inward-dial} the DNIS is the number to route on), then the
 * DNIS to an outbound MMoIP peer whose {@code session target mailto:} makes the recipient. The off-ramp
 * matches the number of a {@code FAX=} address to an inbound MMoIP peer by {@code incoming called-number},
 * then to an outbound POTS peer by {@code destination-pattern}, and dials its digit-manipulated number.
 *
 * <p>Sources, cited again in the tests: Cisco tech note 14074 "Understanding Inbound and Outbound Dial Peers
 * Matching on Cisco IOS Platforms"; Cisco document 211306 "Understand IOS and IOS XE Call Routing" (number
 * string dial-peer hunting, inbound en-bloc POTS selection table); the Cisco IOS Voice Command Reference
 * pages for {@code destination-pattern}, {@code dial-peer hunt}, {@code digit-strip}, {@code forward-digits},
 * {@code prefix} and {@code max-conn}; the Dial Peer Configuration Guide sections "Destination Patterns" and
 * "Digit Manipulation".
 */
package org.t37gw.dialpeer;
