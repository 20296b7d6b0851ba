package org.t37gw.fmsp.t30;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A calling sender and a called receiver over {@link SimulatedLine}, on a fake clock, no sleeps. */
class T30BackToBackTest {
    private static final long HOUR = 3_600_000;

    @BeforeAll
    static void quiet() {
        TestLogging.quiet();
    }

    /** Pages whose data says which coding and resolution they were asked in, so the far end can check. */
    static final class TaggedPages implements PageSource {
        final List<PageDescription> descriptions;
        final List<byte[]> bodies = new ArrayList<>();

        TaggedPages(List<PageDescription> descriptions, int bytes, long seed) {
            this.descriptions = descriptions;
            Random r = new Random(seed);
            for (int i = 0; i < descriptions.size(); i++) {
                byte[] b = new byte[bytes + i * 37];
                r.nextBytes(b);
                bodies.add(b);
            }
        }

        static TaggedPages of(int pages, Resolution res, Set<Coding> codings, int bytes) {
            List<PageDescription> d = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                d.add(new PageDescription(res, PageWidth.A4, PageLength.A4, codings));
            }
            return new TaggedPages(d, bytes, 7);
        }

        @Override
        public int pageCount() {
            return descriptions.size();
        }

        @Override
        public PageDescription describe(int index) {
            return descriptions.get(index);
        }

        @Override
        public byte[] pageData(int index, PageMode mode) {
            return expected(index, mode);
        }

        byte[] expected(int index, PageMode mode) {
            byte[] body = bodies.get(index);
            byte[] out = new byte[body.length + 2];
            out[0] = (byte) mode.coding().ordinal();
            out[1] = (byte) mode.resolution().ordinal();
            System.arraycopy(body, 0, out, 2, body.length);
            return out;
        }
    }

    private static T30Config config(String tag, T30Capabilities caps) {
        return T30Config.builder().ident(tag.equals("A") ? "+1 555 0100" : "+1 555 0199").logTag(tag)
                .capabilities(caps).build();
    }

    private static SimulatedLine line(T30Capabilities sender, T30Capabilities receiver, PageSource pages, long seed) {
        return new SimulatedLine(T30Engine.callingSender(config("A", sender), pages),
                T30Engine.answeringReceiver(config("B", receiver)), seed);
    }

    private static void assertDelivered(SimulatedLine l, TaggedPages pages) {
        assertEquals(T30Result.OK, l.a.result, l.tail());
        assertEquals(T30Result.OK, l.b.result, l.tail());
        assertEquals(pages.pageCount(), l.b.received.size(), "pages received");
        assertEquals(pages.pageCount(), l.a.sent.size(), "pages confirmed");
        for (int i = 0; i < pages.pageCount(); i++) {
            T30Action.PageReceived p = l.b.received.get(i);
            assertEquals(i + 1, p.number());
            assertArrayEquals(pages.expected(i, p.mode()), p.data(), "page " + (i + 1) + " data");
        }
        assertEquals("+1 555 0100", l.b.remote.ident(), "TSI");
        assertEquals("+1 555 0199", l.a.remote.ident(), "CSI");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6})
    void nonEcmPages(int n) {
        TaggedPages pages = TaggedPages.of(n, Resolution.FINE, EnumSet.of(Coding.MH, Coding.MR), 20_000);
        T30Capabilities noEcm = T30Capabilities.full().withEcm(false);
        SimulatedLine l = line(noEcm, noEcm, pages, 1);
        l.run(HOUR);
        assertDelivered(l, pages);
        assertEquals(n - 1, l.a.count("MPS"));
        assertEquals(1, l.a.count("EOP"));
        assertEquals(n, l.b.count("MCF"));
        assertEquals(1, l.a.count("DCS"), "one DCS, no retrain");
        assertEquals(1, l.a.count("DCN"));
        PageMode m = l.b.received.get(0).mode();
        assertEquals(Modulation.V17_14400, m.modulation());
        assertEquals(Coding.MR, m.coding());
        assertTrue(!m.ecm() && m.minScanLineMs() == 0);
    }

    @Test
    void ecmWithCorruptedFramesRecoversWithPpr() {
        TaggedPages pages = TaggedPages.of(2, Resolution.FINE, EnumSet.allOf(Coding.class), 80_000); // 2 blocks a page
        SimulatedLine l = line(T30Capabilities.full(), T30Capabilities.full(), pages, 3);
        l.ecmErrorRate = 0.03;
        l.run(HOUR);
        assertDelivered(l, pages);
        assertTrue(l.b.count("PPR") > 0, "some frames were corrupted, so PPR: " + l.b.txCount);
        assertEquals(Coding.MMR, l.b.received.get(0).mode().coding());
        assertTrue(l.b.received.get(0).mode().ecm());
        assertTrue(l.b.received.get(0).quality().isPerfect());
        assertEquals(0, l.a.count("CTC"), "3% errors should not need four PPRs");
    }

    @Test
    void ecmWithVeryBadLineDropsRateWithCtc() {
        TaggedPages pages = TaggedPages.of(1, Resolution.STANDARD, EnumSet.of(Coding.MMR), 30_000);
        SimulatedLine l = line(T30Capabilities.full(), T30Capabilities.full(), pages, 11);
        l.ecmErrorRate = 0.6;
        l.run(HOUR);
        assertDelivered(l, pages);
        assertTrue(l.a.count("CTC") >= 1, "four PPRs lead to CTC: " + l.a.txCount);
        assertEquals(l.a.count("CTC"), l.b.count("CTR"));
        assertNotEquals(Modulation.V17_14400, l.a.engine.mode().orElseThrow().modulation(), "rate dropped");
    }

    @Test
    void ecmWith64OctetFrames() {
        TaggedPages pages = TaggedPages.of(1, Resolution.SUPERFINE, EnumSet.of(Coding.MR, Coding.MMR), 20_000);
        T30Config c = config("A", T30Capabilities.full()).toBuilder().ecmFrameSize(64).build();
        SimulatedLine l = new SimulatedLine(T30Engine.callingSender(c, pages),
                T30Engine.answeringReceiver(config("B", T30Capabilities.full())), 5);
        l.ecmErrorRate = 0.02;
        l.run(HOUR);
        assertDelivered(l, pages);
        assertEquals(64, l.b.received.get(0).mode().ecmFrameSize());
        assertEquals(Resolution.SUPERFINE, l.b.received.get(0).mode().resolution());
    }

    @Test
    void badTcfFallsBack() {
        TaggedPages pages = TaggedPages.of(1, Resolution.STANDARD, EnumSet.of(Coding.MH), 5_000);
        SimulatedLine l = line(T30Capabilities.full().withEcm(false), T30Capabilities.full(), pages, 1);
        l.tcf = (m, n) -> m.bitRate() <= 9600;
        l.run(HOUR);
        assertDelivered(l, pages);
        assertEquals(List.of(Modulation.V17_14400, Modulation.V17_12000, Modulation.V17_9600), l.a.tcfRates);
        assertEquals(2, l.b.count("FTT"));
        assertEquals(Modulation.V17_9600, l.b.received.get(0).mode().modulation());
    }

    @Test
    void trainingFailsEverywhere() {
        TaggedPages pages = TaggedPages.of(1, Resolution.STANDARD, EnumSet.of(Coding.MH), 5_000);
        SimulatedLine l = line(T30Capabilities.full(), T30Capabilities.full(), pages, 1);
        l.tcf = (m, n) -> false;
        l.run(HOUR);
        assertEquals(T30Result.CANNOT_TRAIN, l.a.result);
        assertEquals(T30Result.TCFBADTRAIN, l.b.result);
        assertEquals(6, l.a.tcfRates.size());
        assertEquals(Modulation.V27TER_2400, l.a.tcfRates.get(5));
    }

    @Test
    void rtnThenRetrainAndSendAgain() {
        TaggedPages pages = TaggedPages.of(3, Resolution.FINE, EnumSet.of(Coding.MR), 10_000);
        T30Capabilities noEcm = T30Capabilities.full().withEcm(false);
        SimulatedLine l = line(noEcm, noEcm, pages, 1);
        l.pages = (m, n) -> n == 2 ? 400 : n == 3 ? 60 : 0; // page 2 bad (RTN), its resend poor (RTP)
        l.run(HOUR);
        assertDelivered(l, pages);
        assertEquals(1, l.b.count("RTN"));
        assertEquals(1, l.b.count("RTP"));
        assertEquals(3, l.a.count("DCS"), "initial, after RTN, after RTP");
        assertEquals(4, l.a.count("MPS") + l.a.count("EOP"), "page 2 sent twice");
        assertEquals(Modulation.V17_12000, l.b.received.get(1).mode().modulation(), "retrained one step lower");
    }

    @Test
    void pageRejectedTooOftenGivesBadpg() {
        TaggedPages pages = TaggedPages.of(1, Resolution.FINE, EnumSet.of(Coding.MR), 10_000);
        T30Capabilities noEcm = T30Capabilities.full().withEcm(false);
        SimulatedLine l = line(noEcm, noEcm, pages, 1);
        l.pages = (m, n) -> 500;
        l.run(HOUR);
        assertEquals(T30Result.BADPG, l.a.result);
        assertEquals(T30Result.BADPG, l.b.result);
        assertEquals(4, l.b.count("RTN"), "first try + 3 retries");
        assertEquals(0, l.b.received.size());
    }

    @Test
    void resolutionChangeGoesBackToPhaseBWithEom() {
        List<PageDescription> d = List.of(
                new PageDescription(Resolution.STANDARD, PageWidth.A4, PageLength.A4, EnumSet.of(Coding.MR)),
                new PageDescription(Resolution.FINE, PageWidth.A4, PageLength.A4, EnumSet.of(Coding.MR)),
                new PageDescription(Resolution.FINE, PageWidth.A4, PageLength.A4, EnumSet.of(Coding.MR)));
        TaggedPages pages = new TaggedPages(d, 8_000, 3);
        for (boolean ecm : new boolean[] {false, true}) {
            T30Capabilities caps = T30Capabilities.full().withEcm(ecm);
            SimulatedLine l = line(caps, caps, pages, 1);
            l.run(HOUR);
            assertDelivered(l, pages);
            assertEquals(ecm ? 0 : 1, l.a.count("EOM"), "ECM says EOM inside PPS");
            assertEquals(2, l.b.count("DIS"), "DIS again after EOM");
            assertEquals(Resolution.STANDARD, l.b.received.get(0).mode().resolution());
            assertEquals(Resolution.FINE, l.b.received.get(1).mode().resolution());
        }
    }

    @Test
    void receiverBusyMeansRnrThenRr() {
        TaggedPages pages = TaggedPages.of(1, Resolution.FINE, EnumSet.of(Coding.MMR), 5_000);
        SimulatedLine l = line(T30Capabilities.full(), T30Capabilities.full(), pages, 1);
        l.at(0, l.b, new T30Event.ReceiverBusy(true));
        l.at(25_000, l.b, new T30Event.ReceiverBusy(false));
        l.run(HOUR);
        assertDelivered(l, pages);
        assertTrue(l.b.count("RNR") >= 2, l.b.txCount.toString());
        assertEquals(l.b.count("RNR"), l.a.count("RR"));
    }

    @Test
    void receiverBusyForeverEndsWithT5() {
        TaggedPages pages = TaggedPages.of(1, Resolution.FINE, EnumSet.of(Coding.MMR), 5_000);
        SimulatedLine l = line(T30Capabilities.full(), T30Capabilities.full(), pages, 1);
        l.at(0, l.b, new T30Event.ReceiverBusy(true));
        l.run(HOUR);
        assertEquals(T30Result.T5_EXPIRED, l.a.result, l.tail());
        // our DCN may cross the receiver's last RNR on the half-duplex line; then its T2 ends the call
        assertTrue(l.b.result == T30Result.DCN_PHASE_D_RX || l.b.result == T30Result.T2_EXPIRED, l.tail());
        assertTrue(l.now() > 60_000);
    }

    static Stream<Arguments> negotiations() {
        T30Capabilities full = T30Capabilities.full();
        T30Capabilities basic = T30Capabilities.basic();
        EnumSet<Coding> all = EnumSet.allOf(Coding.class);
        return Stream.of(
                // sender, receiver, page resolution, page codings -> modulation, coding, ecm, scan ms, or a refusal
                Arguments.of(full, full, Resolution.FINE, all, "V.17 14400 fine MMR A4/A4 ECM256"),
                Arguments.of(full, basic, Resolution.FINE, all, "V.27ter 4800 fine MH A4/A4 scan 20ms"),
                Arguments.of(full, full.withEcm(false), Resolution.STANDARD, all, "V.17 14400 standard MR A4/A4 scan 0ms"),
                Arguments.of(full.withEcm(false), full, Resolution.SUPERFINE, all, "V.17 14400 superfine MR A4/A4 scan 0ms"),
                Arguments.of(full, full.withModems(EnumSet.of(Modulation.Family.V29)), Resolution.R16_SUPERFINE,
                        EnumSet.of(Coding.MH, Coding.MR), "V.29 9600 r16_superfine MR A4/A4 ECM256"),
                Arguments.of(full, full.withCodings(EnumSet.of(Coding.MR)).withEcm(false).withScanLineTime(10, true, false),
                        Resolution.FINE, all, "fine MR A4/A4 scan 5ms"),
                Arguments.of(full, full.withScanLineTime(40, false, false).withEcm(false), Resolution.FINE,
                        EnumSet.of(Coding.MH), "fine MH A4/A4 scan 40ms"),
                Arguments.of(full, basic, Resolution.SUPERFINE, all, "NORESSUPPORT"),
                Arguments.of(full, full.withResolutions(EnumSet.of(Resolution.FINE)), Resolution.R16_SUPERFINE, all, "NORESSUPPORT"),
                Arguments.of(full, full.withEcm(false), Resolution.FINE, EnumSet.of(Coding.MMR), "NOCODINGSUPPORT"));
    }

    @ParameterizedTest
    @MethodSource("negotiations")
    void negotiatesTheBestCommonMode(T30Capabilities sender, T30Capabilities receiver, Resolution res, Set<Coding> codings,
            String expected) {
        TaggedPages pages = TaggedPages.of(2, res, codings, 3_000);
        SimulatedLine l = line(sender, receiver, pages, 1);
        l.run(HOUR);
        if (expected.equals(expected.toUpperCase())) {
            assertEquals(T30Result.valueOf(expected), l.a.result);
            assertEquals(1, l.a.count("DCN"));
            assertEquals(T30Result.DCN_WHILE_RX, l.b.result);
            return;
        }
        assertDelivered(l, pages);
        String got = l.b.received.get(0).mode().toString();
        assertTrue(got.contains(expected), got + " should contain " + expected);
    }

    @Test
    void pageTooWideIsRefused() {
        List<PageDescription> d = List.of(new PageDescription(Resolution.FINE, PageWidth.B4, PageLength.A4, EnumSet.of(Coding.MH)));
        SimulatedLine l = line(T30Capabilities.full(), T30Capabilities.basic(), new TaggedPages(d, 1000, 1), 1);
        l.run(HOUR);
        assertEquals(T30Result.NOSIZESUPPORT, l.a.result);
    }

    @Test
    void subaddressAndNsfPassThrough() {
        TaggedPages pages = TaggedPages.of(1, Resolution.FINE, EnumSet.of(Coding.MR), 2_000);
        T30Config a = config("A", T30Capabilities.full()).toBuilder().subaddress("1234").senderId("secret")
                .nsf(new byte[] {(byte) 0xAD, 0x00, 0x36, 0x01}).build();
        T30Config b = config("B", T30Capabilities.full()).toBuilder().nsf(new byte[] {0x00, 0x00, 0x0E}).build();
        SimulatedLine l = new SimulatedLine(T30Engine.callingSender(a, pages), T30Engine.answeringReceiver(b), 1);
        l.run(HOUR);
        assertDelivered(l, pages);
        assertEquals("1234", l.b.remote.subaddress());
        assertEquals("secret", l.b.remote.senderId());
        assertArrayEquals(new byte[] {(byte) 0xAD, 0x00, 0x36, 0x01}, l.b.remote.nsf());
        assertArrayEquals(new byte[] {0x00, 0x00, 0x0E}, l.a.remote.nsf());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void lossyControlChannelEndsCleanly(long seed) {
        TaggedPages pages = TaggedPages.of(3, Resolution.FINE, EnumSet.allOf(Coding.class), 6_000);
        boolean ecm = seed % 2 == 0;
        T30Capabilities caps = T30Capabilities.full().withEcm(ecm);
        SimulatedLine l = line(caps, caps, pages, seed);
        l.v21ErrorRate = 0.15;
        l.ecmErrorRate = 0.05;
        l.run(HOUR); // never hangs, never throws
        assertTrue(l.a.result != null && l.b.result != null);
        if (l.a.result == T30Result.OK) {
            // whatever the sender got confirmed, the receiver has, intact and in order
            for (int i = 0; i < l.a.sent.size(); i++) {
                T30Action.PageReceived p = l.b.received.get(i);
                assertArrayEquals(pages.expected(i, p.mode()), p.data(), "seed " + seed + " page " + (i + 1));
            }
        } else {
            assertTrue(l.a.result.isTransient(), l.a.result + "\n" + l.tail());
        }
    }

    @Test
    void lossyControlChannelMostlySucceeds() {
        int ok = 0;
        StringBuilder failures = new StringBuilder();
        for (long seed = 100; seed < 140; seed++) {
            TaggedPages pages = TaggedPages.of(2, Resolution.FINE, EnumSet.allOf(Coding.class), 6_000);
            T30Capabilities caps = T30Capabilities.full().withEcm(seed % 2 == 0);
            SimulatedLine l = line(caps, caps, pages, seed);
            l.v21ErrorRate = 0.10;
            l.ecmErrorRate = 0.05;
            l.run(HOUR);
            if (l.a.result == T30Result.OK && l.b.result == T30Result.OK) {
                ok++;
            } else {
                failures.append(seed).append(": ").append(l.a.result.name()).append('/').append(l.b.result.name()).append(' ');
            }
        }
        assertTrue(ok >= 36, ok + " of 40 calls OK with 10% V.21 frame loss; failed: " + failures);
    }
}
