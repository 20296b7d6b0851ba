package org.t37gw.dialpeer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * The configured dial-peers and the IOS rules that pick them for a call. Immutable and thread-safe; a
 * config reload builds a new table.
 *
 * <h2>Inbound (Cisco tech note 14074, "Understanding Inbound and Outbound Dial Peers Matching")</h2>
 * An incoming leg is matched only against peers of its own kind (a telephony leg against POTS peers, a
 * mail leg against MMoIP peers). The steps are tried in order and the first step that finds any peer
 * decides:
 * <ol>
 *   <li>called number (DNIS) against {@code incoming called-number};</li>
 *   <li>calling number (ANI) against {@code answer-address};</li>
 *   <li>calling number (ANI) against {@code destination-pattern};</li>
 *   <li>POTS only: the voice port against {@code port}.</li>
 * </ol>
 * Within a step the longest match wins ({@link DialPattern#MOST_SPECIFIC_FIRST}), then lower
 * {@code preference}, then configuration order. When no step matches, IOS falls back to dial-peer 0;
 * here the result is empty and the caller applies its default (typically: reject the call).
 *
 * <h2>Outbound (IOS {@code dial-peer hunt 0}, the default)</h2>
 * Every peer of the wanted kind whose {@code destination-pattern} matches the called number, ordered by
 * longest match, then explicit {@code preference} (lower first), then — where IOS picks at random — by
 * configuration order, so that hunting is deterministic and testable. Peers at their {@code max-conn}
 * are left out when an active-call counter is supplied.
 *
 * <p>{@code shutdown} peers are never matched, inbound or outbound.
 */
public final class DialPeerTable {

    private static final DialPeerTable EMPTY = new DialPeerTable(List.of());

    private final List<DialPeer> peers;
    private final Map<Integer, DialPeer> byTag;

    /**
     * @param peers the dial-peers in configuration order
     * @throws IllegalArgumentException if two peers share a tag
     */
    public DialPeerTable(List<DialPeer> peers) {
        this.peers = List.copyOf(peers);
        Map<Integer, DialPeer> tags = new HashMap<>();
        for (DialPeer p : this.peers) {
            DialPeer previous = tags.putIfAbsent(p.tag(), p);
            if (previous != null) {
                throw new IllegalArgumentException("dial-peer tag " + p.tag() + " is defined twice");
            }
        }
        this.byTag = Map.copyOf(tags);
    }

    /** A table without peers. */
    public static DialPeerTable empty() {
        return EMPTY;
    }

    /** All peers, in configuration order, including shut-down ones (for {@code show dial-peers}). */
    public List<DialPeer> peers() {
        return peers;
    }

    /** The peer with this tag. */
    public Optional<DialPeer> byTag(int tag) {
        return Optional.ofNullable(byTag.get(tag));
    }

    /**
     * Picks the inbound dial-peer for a call leg arriving.
     *
     * @param kind          {@code POTS} for a telephony leg, {@code MMOIP} for a mail leg
     * @param calledNumber  DNIS, or {@code null} / empty when unknown
     * @param callingNumber ANI, or {@code null} / empty when unknown
     * @param port          the voice port a POTS leg came in on, or {@code null}
     */
    public Optional<InboundMatch> matchInbound(DialPeer.Kind kind, String calledNumber, String callingNumber,
                                               String port) {
        Objects.requireNonNull(kind, "kind");
        Optional<InboundMatch> m = bestByPattern(kind, calledNumber, DialPeer::incomingCalledNumber,
                InboundMatch.Rule.INCOMING_CALLED_NUMBER);
        if (m.isEmpty()) {
            m = bestByPattern(kind, callingNumber, DialPeer::answerAddress, InboundMatch.Rule.ANSWER_ADDRESS);
        }
        if (m.isEmpty()) {
            m = bestByPattern(kind, callingNumber, DialPeer::destinationPattern,
                    InboundMatch.Rule.DESTINATION_PATTERN);
        }
        if (m.isEmpty() && kind == DialPeer.Kind.POTS && port != null && !port.isEmpty()) {
            for (DialPeer p : peers) {
                if (p.kind() == kind && !p.shutdown() && port.equals(p.port())) {
                    return Optional.of(new InboundMatch(p, InboundMatch.Rule.PORT, null));
                }
            }
        }
        return m;
    }

    private Optional<InboundMatch> bestByPattern(DialPeer.Kind kind, String number,
                                                 Function<DialPeer, DialPattern> patternOf,
                                                 InboundMatch.Rule rule) {
        if (number == null || number.isEmpty()) {
            return Optional.empty();
        }
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            DialPeer p = peers.get(i);
            DialPattern pattern = patternOf.apply(p);
            if (p.kind() != kind || p.shutdown() || pattern == null) {
                continue;
            }
            int order = i;
            pattern.match(number).ifPresent(match -> found.add(new Candidate(p, match, order)));
        }
        return found.stream().min(HUNT_ORDER).map(c -> new InboundMatch(c.peer(), rule, c.match()));
    }

    /**
     * The outbound hunt list for a called number, every matching peer in the order to try.
     *
     * @param kind         {@code POTS} to dial out on a port, {@code MMOIP} to send mail
     * @param calledNumber the called number (DNIS)
     */
    public List<OutboundRoute> matchOutbound(DialPeer.Kind kind, String calledNumber) {
        return matchOutbound(kind, calledNumber, tag -> 0);
    }

    /**
     * The outbound hunt list, leaving out peers whose {@code max-conn} is reached.
     *
     * @param activeCallsByTag the number of calls now active through the peer with the given tag
     *                         (e.g. {@link MaxConnTracker#activeCalls()})
     */
    public List<OutboundRoute> matchOutbound(DialPeer.Kind kind, String calledNumber,
                                             IntUnaryOperator activeCallsByTag) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(activeCallsByTag, "activeCallsByTag");
        if (calledNumber == null || calledNumber.isEmpty()) {
            return List.of();
        }
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            DialPeer p = peers.get(i);
            if (p.kind() != kind || p.shutdown() || p.destinationPattern() == null) {
                continue;
            }
            if (p.maxConn() > 0 && activeCallsByTag.applyAsInt(p.tag()) >= p.maxConn()) {
                continue;
            }
            int order = i;
            p.destinationPattern().match(calledNumber).ifPresent(m -> found.add(new Candidate(p, m, order)));
        }
        found.sort(HUNT_ORDER);
        List<OutboundRoute> routes = new ArrayList<>(found.size());
        for (Candidate c : found) {
            routes.add(new OutboundRoute(c.peer(), c.match(), DigitManipulation.dialString(c.peer(), c.match())));
        }
        return List.copyOf(routes);
    }

    private record Candidate(DialPeer peer, DialPattern.Match match, int order) {
    }

    /** dial-peer hunt 0: longest match, explicit preference, then (instead of random) config order. */
    private static final Comparator<Candidate> HUNT_ORDER = Comparator
            .comparing(Candidate::match, DialPattern.MOST_SPECIFIC_FIRST)
            .thenComparingInt(c -> c.peer().preference())
            .thenComparingInt(Candidate::order);

    @Override
    public String toString() {
        return "DialPeerTable" + peers.stream().map(DialPeer::tag).toList();
    }
}
