package org.t37gw.dialpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inbound and outbound selection. Each case names the IOS documentation it checks:
 * <ul>
 *   <li>[TN14074] Cisco tech note 14074 "Understanding Inbound and Outbound Dial Peers Matching on Cisco IOS
 *       Platforms": inbound order DNIS/incoming called-number, ANI/answer-address, ANI/destination-pattern,
 *       port (POTS only); first step with a match decides; POTS legs match POTS peers, voice-network (incl.
 *       MMoIP) legs match network peers; outbound uses destination-pattern against DNIS.</li>
 *   <li>[TN211306-T3] Cisco 211306 Table 3 "Inbound Enbloc POTS Dial-Peer Selection Preference".</li>
 *   <li>[HUNT0] Cisco IOS Voice Command Reference {@code dial-peer hunt}: 0 (default) = longest match in phone
 *       number, explicit preference, random selection (random replaced by config order here).</li>
 *   <li>[CR-SHUT] {@code shutdown} (dial peer): the peer is administratively down and not matched.</li>
 *   <li>[CR-MAXCONN] {@code max-conn}: maximum simultaneous connections of the peer.</li>
 * </ul>
 */
class DialPeerTableTest {

    private static final DialPeer.Kind POTS = DialPeer.Kind.POTS;
    private static final DialPeer.Kind MMOIP = DialPeer.Kind.MMOIP;

    static Stream<Arguments> inbound() {
        return Stream.of(
                // TN14074 step 1: DNIS against incoming called-number beats ANI against answer-address
                Arguments.of("DNIS first", List.of(
                        TestPeer.pots(1).answer("408.......").build(),
                        TestPeer.pots(2).incoming("555....").build()),
                        POTS, "5550100", "4085551234", null, 2, InboundMatch.Rule.INCOMING_CALLED_NUMBER),
                // TN14074 step 2: ANI against answer-address when no incoming called-number matches
                Arguments.of("ANI answer-address", List.of(
                        TestPeer.pots(1).answer("408.......").build(),
                        TestPeer.pots(2).incoming("666....").build()),
                        POTS, "5550100", "4085551234", null, 1, InboundMatch.Rule.ANSWER_ADDRESS),
                // TN14074 step 2 before step 3: answer-address beats destination-pattern on the same ANI
                Arguments.of("answer-address before destination-pattern", List.of(
                        TestPeer.pots(1).dest("4085551234").build(),
                        TestPeer.pots(2).answer("408T").build()),
                        POTS, "5550100", "4085551234", null, 2, InboundMatch.Rule.ANSWER_ADDRESS),
                // TN14074 step 3: destination-pattern is compared with the calling number inbound
                Arguments.of("ANI destination-pattern", List.of(
                        TestPeer.pots(1).dest("555....").build(),
                        TestPeer.pots(2).dest("408T").build()),
                        POTS, "5550100", "4085551234", null, 2, InboundMatch.Rule.DESTINATION_PATTERN),
                // TN14074 step 4: the voice port, POTS only, when no number matches
                Arguments.of("port last", List.of(
                        TestPeer.pots(1).dest("999").port("1").build(),
                        TestPeer.pots(2).dest("998").port("0").build()),
                        POTS, "5550100", "4085551234", "0", 2, InboundMatch.Rule.PORT),
                // TN211306-T3: a number match is preferred over the port match of another peer
                Arguments.of("number before port", List.of(
                        TestPeer.pots(1).port("0").build(),
                        TestPeer.pots(2).incoming("5550100").port("1").build()),
                        POTS, "5550100", null, "0", 2, InboundMatch.Rule.INCOMING_CALLED_NUMBER),
                // TN14074: the longest match wins within a step (555 0100 exact over 555....)
                Arguments.of("longest match within a step", List.of(
                        TestPeer.pots(1).incoming("555....").build(),
                        TestPeer.pots(2).incoming("5550100").build(),
                        TestPeer.pots(3).incoming(".T").build()),
                        POTS, "5550100", null, null, 2, InboundMatch.Rule.INCOMING_CALLED_NUMBER),
                // TN14074: "incoming called-number ." catches any called number
                Arguments.of("catch-all dot", List.of(
                        TestPeer.mmoip(20).incoming(".").build()),
                        MMOIP, "4155550100", null, null, 20, InboundMatch.Rule.INCOMING_CALLED_NUMBER),
                // TN14074: MMoIP legs are matched against network peers only, not POTS peers
                Arguments.of("mmoip leg ignores pots peers", List.of(
                        TestPeer.pots(10).incoming("555....").build(),
                        TestPeer.mmoip(20).incoming("5T").build()),
                        MMOIP, "5550100", null, null, 20, InboundMatch.Rule.INCOMING_CALLED_NUMBER),
                // TN14074: POTS legs are matched against POTS peers only
                Arguments.of("pots leg ignores mmoip peers", List.of(
                        TestPeer.mmoip(20).incoming("5550100").build(),
                        TestPeer.pots(10).incoming("555T").build()),
                        POTS, "5550100", null, null, 10, InboundMatch.Rule.INCOMING_CALLED_NUMBER),
                // CR-SHUT: a shut-down peer is skipped even when it is the longest match
                Arguments.of("shutdown skipped inbound", List.of(
                        TestPeer.pots(1).incoming("5550100").shutdown().build(),
                        TestPeer.pots(2).incoming("555....").build()),
                        POTS, "5550100", null, null, 2, InboundMatch.Rule.INCOMING_CALLED_NUMBER),
                // TN14074: with no caller ID, the ANI steps find nothing and the port decides
                Arguments.of("no ANI", List.of(
                        TestPeer.pots(1).answer(".T").build(),
                        TestPeer.pots(2).port("3").build()),
                        POTS, "", null, "3", 2, InboundMatch.Rule.PORT),
                // TN14074: equal matches, the first configured peer is used (preference ties broken in order)
                Arguments.of("tie goes to config order", List.of(
                        TestPeer.pots(7).incoming("555....").build(),
                        TestPeer.pots(3).incoming("555....").build()),
                        POTS, "5550100", null, null, 7, InboundMatch.Rule.INCOMING_CALLED_NUMBER));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void inbound(String name, List<DialPeer> peers, DialPeer.Kind kind, String dnis, String ani, String port,
                 int expectedTag, InboundMatch.Rule expectedRule) {
        InboundMatch m = new DialPeerTable(peers).matchInbound(kind, dnis, ani, port).orElseThrow();
        assertEquals(expectedTag, m.peer().tag(), name);
        assertEquals(expectedRule, m.rule(), name);
    }

    @Test
    void inboundNoMatchIsEmpty() {
        // TN14074: no match means IOS's dial-peer 0; the table reports none and the caller decides.
        DialPeerTable t = new DialPeerTable(List.of(TestPeer.pots(1).incoming("555....").port("0").build()));
        assertTrue(t.matchInbound(POTS, "4440100", "123", "1").isEmpty());
        // TN14074: port matching is a POTS rule; an MMoIP leg has no port
        DialPeerTable m = new DialPeerTable(List.of(TestPeer.mmoip(5).port("0").build()));
        assertTrue(m.matchInbound(MMOIP, "1", null, "0").isEmpty());
    }

    static Stream<Arguments> outbound() {
        return Stream.of(
                // HUNT0: longest match first (TN211306: 2001 -> 200. before 2...)
                Arguments.of("longest match", List.of(
                        TestPeer.pots(1).dest("2...").build(),
                        TestPeer.pots(2).dest("200.").build()),
                        "2001", List.of(2, 1)),
                // HUNT0: the documented four-peer order 5683848 > 56838.. > 568... > 568T
                Arguments.of("documented ranking", List.of(
                        TestPeer.pots(1).dest("568T").build(),
                        TestPeer.pots(2).dest("568...").build(),
                        TestPeer.pots(3).dest("56838..").build(),
                        TestPeer.pots(4).dest("5683848").build()),
                        "5683848", List.of(4, 3, 2, 1)),
                // HUNT0: equal match length, lower preference first
                Arguments.of("preference", List.of(
                        TestPeer.pots(1).dest("555....").preference(2).build(),
                        TestPeer.pots(2).dest("555....").preference(0).build(),
                        TestPeer.pots(3).dest("555....").preference(1).build()),
                        "5550100", List.of(2, 3, 1)),
                // HUNT0: longest match ranks above preference
                Arguments.of("match before preference", List.of(
                        TestPeer.pots(1).dest("555....").preference(0).build(),
                        TestPeer.pots(2).dest("5550...").preference(9).build()),
                        "5550100", List.of(2, 1)),
                // HUNT0: same match and preference: random in IOS, config order here (documented choice)
                Arguments.of("config order among equals", List.of(
                        TestPeer.pots(9).dest("555....").build(),
                        TestPeer.pots(4).dest("555....").build()),
                        "5550100", List.of(9, 4)),
                // CR-SHUT: shut-down peers are not hunted
                Arguments.of("shutdown skipped", List.of(
                        TestPeer.pots(1).dest("5550100").shutdown().build(),
                        TestPeer.pots(2).dest("555....").build()),
                        "5550100", List.of(2)),
                // TN14074: outbound destination-pattern is matched with the called number, only those peers
                Arguments.of("non-matching peers left out", List.of(
                        TestPeer.pots(1).dest("9T").build(),
                        TestPeer.pots(2).dest("555....").build(),
                        TestPeer.pots(3).incoming("5550100").build()),
                        "5550100", List.of(2)),
                // CR-DP: an E.164 pattern matches only the + form of the number
                Arguments.of("e164 plus", List.of(
                        TestPeer.pots(1).dest("1555T").build(),
                        TestPeer.pots(2).dest("+1555T").build()),
                        "+15550100", List.of(2)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void outbound(String name, List<DialPeer> peers, String dnis, List<Integer> expectedTags) {
        List<Integer> tags = new DialPeerTable(peers).matchOutbound(POTS, dnis).stream()
                .map(r -> r.peer().tag()).toList();
        assertEquals(expectedTags, tags, name);
    }

    @Test
    void outboundOnlyOfTheWantedKind() {
        // TN14074 / T.37 on-ramp: the outbound MMoIP peer is found by destination-pattern against the DNIS
        DialPeerTable t = new DialPeerTable(List.of(
                TestPeer.pots(10).dest("555....").build(),
                TestPeer.mmoip(11).dest("555....").build()));
        List<OutboundRoute> mail = t.matchOutbound(MMOIP, "5550100");
        assertEquals(1, mail.size());
        assertEquals(11, mail.get(0).peer().tag());
        assertEquals("5550100", mail.get(0).dialString(), "TN211306-DM: network peers keep all digits");
        List<OutboundRoute> line = t.matchOutbound(POTS, "5550100");
        assertEquals(10, line.get(0).peer().tag());
        assertEquals("0100", line.get(0).dialString(), "CVOICE-7-1: POTS strips the explicit 555");
    }

    @Test
    void maxConnLeavesFullPeersOut() {
        // CR-MAXCONN: a peer at max-conn is not used; hunting goes on to the next one
        DialPeerTable t = new DialPeerTable(List.of(
                TestPeer.pots(1).dest("555....").maxConn(2).build(),
                TestPeer.pots(2).dest("555....").preference(1).build()));
        MaxConnTracker tracker = new MaxConnTracker();
        DialPeer first = t.byTag(1).orElseThrow();
        assertEquals(List.of(1, 2), tags(t.matchOutbound(POTS, "5550100", tracker.activeCalls())));
        MaxConnTracker.Permit a = tracker.tryAcquire(first).orElseThrow();
        MaxConnTracker.Permit b = tracker.tryAcquire(first).orElseThrow();
        assertTrue(tracker.tryAcquire(first).isEmpty());
        assertEquals(List.of(2), tags(t.matchOutbound(POTS, "5550100", tracker.activeCalls())));
        a.close();
        a.close(); // closing twice releases once
        assertEquals(1, tracker.active(1));
        assertEquals(List.of(1, 2), tags(t.matchOutbound(POTS, "5550100", tracker.activeCalls())));
        b.close();
        assertEquals(0, tracker.active(1));
    }

    @Test
    void emptyOrMissingNumberMatchesNothing() {
        DialPeerTable t = new DialPeerTable(List.of(TestPeer.pots(1).dest("T").build()));
        assertTrue(t.matchOutbound(POTS, "").isEmpty());
        assertTrue(t.matchOutbound(POTS, null).isEmpty());
        assertFalse(t.matchOutbound(POTS, "1").isEmpty());
    }

    @Test
    void duplicateTagsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DialPeerTable(List.of(
                TestPeer.pots(1).build(), TestPeer.mmoip(1).build())));
        assertTrue(e.getMessage().contains("1"));
    }

    @Test
    void lookupAndListing() {
        DialPeer p = TestPeer.pots(5).dest("1").build();
        DialPeerTable t = new DialPeerTable(List.of(p));
        assertEquals(Optional.of(p), t.byTag(5));
        assertTrue(t.byTag(6).isEmpty());
        assertEquals(List.of(p), t.peers());
        assertTrue(DialPeerTable.empty().peers().isEmpty());
    }

    @Test
    void designDocExampleConfig() {
        // DESIGN.md sample: on-ramp POTS 10 (incoming 555....), MMoIP 11 (destination 555....),
        // off-ramp MMoIP 20 (incoming .T), POTS 21 (destination 9T, port 0)
        DialPeerTable t = new DialPeerTable(List.of(
                TestPeer.pots(10).incoming("555....").port("0").application("fax_on_vfc_onramp_app").build(),
                TestPeer.mmoip(11).dest("555....").build(),
                TestPeer.mmoip(20).incoming(".T").application("fax_on_vfc_offramp_app").build(),
                TestPeer.pots(21).dest("9T").port("0").build()));
        assertEquals(10, t.matchInbound(POTS, "5550100", "4085551234", "0").orElseThrow().peer().tag());
        assertEquals(11, t.matchOutbound(MMOIP, "5550100").get(0).peer().tag());
        assertEquals(20, t.matchInbound(MMOIP, "94155550100", null, null).orElseThrow().peer().tag());
        OutboundRoute out = t.matchOutbound(POTS, "94155550100").get(0);
        assertEquals(21, out.peer().tag());
        assertEquals("4155550100", out.dialString(), "CR-DS: access code 9 stripped");
    }

    private static List<Integer> tags(List<OutboundRoute> routes) {
        return routes.stream().map(r -> r.peer().tag()).toList();
    }
}
