package org.t37gw.fmsp.t38;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UdptlTest {

    private static final IfpCodec IFP = new IfpCodec(T38Version.V0);
    private static final UdptlCodec CODEC = new UdptlCodec();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A stream of distinct IFP packets of varied length, as a fax session would produce. */
    private static List<byte[]> stream(int n, long seed) {
        Random rnd = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 7 == 0) {
                out.add(IFP.encode(IfpPacket.indicator(T30Indicator.of(i % 16))));
            } else {
                byte[] data = new byte[1 + rnd.nextInt(i % 3 == 0 ? 3 : 200)];
                rnd.nextBytes(data);
                data[data.length - 1] = 0; // trailing zero octets must survive FEC trimming
                out.add(IFP.encode(IfpPacket.data(DataType.V17_14400, new DataField(FieldType.T4_NON_ECM_DATA, data))));
            }
        }
        return out;
    }

    @Test
    void goldenDatagrams() {
        // seq 0x0102, primary indicator CED (04), redundancy with two secondaries, newest first
        UdptlPacket p = new UdptlPacket(0x0102, hex("04"),
                new UdptlPacket.Redundancy(List.of(hex("02"), hex("c0 01 80 0000 ff"))));
        assertEquals("0102 01 04 00 02 01 02 06 c0018000 00ff".replace(" ", ""), hex(CODEC.encode(p)));
        assertEquals(p, CODEC.decode(CODEC.encode(p)).orThrow());
        // FEC: choice bit set, fec-npackets as a one-octet INTEGER, then the entries
        UdptlPacket f = new UdptlPacket(7, hex("06"), new UdptlPacket.Fec(3, List.of(hex("0a0b"), hex(""))));
        assertEquals("0007 01 06 80 01 03 02 02 0a0b 00".replace(" ", ""), hex(CODEC.encode(f)));
        assertEquals(f, CODEC.decode(CODEC.encode(f)).orThrow());
        // a primary of 200 octets takes a two-octet length determinant
        byte[] big = new byte[200];
        big[0] = (byte) 0xd0;
        byte[] enc = CODEC.encode(new UdptlPacket(0, big, UdptlPacket.Redundancy.NONE));
        assertEquals("000080c8", hex(enc).substring(0, 8));
    }

    @Test
    void malformedDatagrams() {
        for (String bad : new String[] {"", "0001", "000101", "0001 00 00", "0001 01 04", "0001 01 04 00 01 00",
                "0001 01 04 00 01 05 02", "0001 01 04 00 00 ff", "0001 01 04 80 00", "0001 01 04 80 01 ff 00",
                "80c8 0006 0000 0000", "81c9 0007 1234 5678"}) {
            DecodeResult<UdptlPacket> r = CODEC.decode(hex(bad));
            DecodeResult.Malformed<UdptlPacket> m = assertInstanceOf(DecodeResult.Malformed.class, r, bad);
            assertTrue(!m.reason().isEmpty());
        }
        UdptlCodec tight = new UdptlCodec(new UdptlLimits(64, 8, 1, 4, 4));
        assertInstanceOf(DecodeResult.Malformed.class, tight.decode(hex("0001 01 04 00 02 01 02 01 02")));
        assertInstanceOf(DecodeResult.Malformed.class, tight.decode(hex("0001 09 000000000000000000 00 00")));
    }

    @Test
    void senderAddsRedundancyNewestFirst() {
        UdptlSender s = new UdptlSender(UdptlErrorCorrection.redundancy(2), 65534);
        List<byte[]> in = stream(4, 1);
        UdptlPacket p0 = s.next(in.get(0));
        UdptlPacket p1 = s.next(in.get(1));
        UdptlPacket p2 = s.next(in.get(2));
        UdptlPacket p3 = s.next(in.get(3));
        assertEquals(65534, p0.seq());
        assertEquals(65535, p1.seq());
        assertEquals(0, p2.seq());
        assertEquals(0, ((UdptlPacket.Redundancy) p0.recovery()).secondaries().size());
        List<byte[]> sec = ((UdptlPacket.Redundancy) p3.recovery()).secondaries();
        assertEquals(2, sec.size());
        assertArrayEquals(in.get(2), sec.get(0));
        assertArrayEquals(in.get(1), sec.get(1));
        assertArrayEquals(in.get(3), p3.primary());
    }

    @Test
    void inOrderDuplicateAndLatePackets() {
        UdptlReceiver rx = new UdptlReceiver(CODEC, IFP);
        UdptlSender tx = new UdptlSender(UdptlErrorCorrection.none(), 10);
        List<byte[]> in = stream(5, 2);
        byte[][] d = new byte[5][];
        for (int i = 0; i < 5; i++) {
            d[i] = CODEC.encode(tx.next(in.get(i)));
        }
        assertEquals(List.of(10), seqs(rx.receive(d[0])));
        assertEquals(UdptlReceiver.Disposition.DUPLICATE, rx.receive(d[0]).disposition());
        UdptlReceiver.Report r2 = rx.receive(d[2]); // 11 is missing, no redundancy: declared lost at once
        assertEquals(List.of(12), seqs(r2));
        assertEquals(List.of(new UdptlReceiver.Gap(11, 1)), r2.gaps());
        assertEquals(UdptlReceiver.Disposition.LATE, rx.receive(d[1]).disposition());
        assertEquals(UdptlReceiver.Disposition.MALFORMED, rx.receive(hex("80c80006")).disposition());
        assertEquals(1, rx.stats().duplicates());
        assertEquals(1, rx.stats().late());
        assertEquals(1, rx.stats().lost());
        assertEquals(1, rx.stats().malformed());
    }

    @Test
    void reorderWindowWaitsForLatePackets() {
        UdptlReceiver rx = new UdptlReceiver(CODEC, 2, 512, IFP::measure);
        UdptlSender tx = new UdptlSender(UdptlErrorCorrection.none(), 0);
        List<byte[]> in = stream(6, 3);
        byte[][] d = new byte[6][];
        for (int i = 0; i < 6; i++) {
            d[i] = CODEC.encode(tx.next(in.get(i)));
        }
        assertEquals(List.of(0), seqs(rx.receive(d[0])));
        assertEquals(List.of(), seqs(rx.receive(d[2])));   // hole at 1: wait
        assertEquals(List.of(1, 2), seqs(rx.receive(d[1]))); // arrived out of order, delivered in order
        assertEquals(List.of(), seqs(rx.receive(d[4])));   // hole at 3: one later packet seen
        UdptlReceiver.Report r = rx.receive(d[5]);         // two later packets: give 3 up
        assertEquals(List.of(4, 5), seqs(r));
        assertEquals(List.of(new UdptlReceiver.Gap(3, 1)), r.gaps());
        assertEquals(UdptlReceiver.Disposition.LATE, rx.receive(d[3]).disposition());
    }

    @Test
    void flushDeclaresHolesAndDeliversTheRest() {
        UdptlReceiver rx = new UdptlReceiver(CODEC, 5, 512, IFP::measure);
        UdptlSender tx = new UdptlSender(UdptlErrorCorrection.none(), 0);
        List<byte[]> in = stream(3, 4);
        byte[] d0 = CODEC.encode(tx.next(in.get(0)));
        tx.next(in.get(1));
        byte[] d2 = CODEC.encode(tx.next(in.get(2)));
        rx.receive(d0);
        assertEquals(List.of(), seqs(rx.receive(d2)));
        UdptlReceiver.Report f = rx.flush();
        assertEquals(List.of(2), seqs(f));
        assertEquals(List.of(new UdptlReceiver.Gap(1, 1)), f.gaps());
    }

    @Test
    void resyncOnLargeJumpOnceThreeDatagramsInARowConfirmIt() {
        UdptlReceiver rx = new UdptlReceiver(CODEC, IFP);
        rx.receive(CODEC.encode(new UdptlPacket(100, hex("02"), UdptlPacket.Redundancy.NONE)));
        UdptlSender tx = new UdptlSender(UdptlErrorCorrection.redundancy(2), 40000);
        List<byte[]> in = stream(3, 5);
        UdptlReceiver.Report r0 = rx.receive(CODEC.encode(tx.next(in.get(0))));
        assertEquals(UdptlReceiver.Disposition.UNCONFIRMED, r0.disposition());
        assertEquals(UdptlReceiver.Disposition.UNCONFIRMED, rx.receive(CODEC.encode(tx.next(in.get(1)))).disposition());
        UdptlReceiver.Report r = rx.receive(CODEC.encode(tx.next(in.get(2))));
        assertEquals(List.of(40000, 40001, 40002), seqs(r)); // the first two were held
        assertEquals(1, rx.stats().resyncs());
        assertEquals(0, rx.stats().lost());
        assertEquals(2, rx.stats().unconfirmed());
    }

    @Test
    void aStrayDatagramFarOrNearAheadNeitherRestartsNorStallsTheStream() {
        UdptlReceiver rx = new UdptlReceiver(CODEC, IFP);
        UdptlSender tx = new UdptlSender(UdptlErrorCorrection.redundancy(3), 65530);
        List<byte[]> in = stream(20, 6);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] d = CODEC.encode(tx.next(in.get(i)));
            got.addAll(seqs(rx.receive(d)));
            int seq = (65530 + i) & 0xFFFF;
            byte[] far = d.clone();
            far[0] = (byte) ((seq + 20000) >> 8);
            byte[] near = d.clone();
            near[0] = (byte) ((seq + 300) >> 8);
            near[1] = (byte) (seq + 300);
            byte[] ahead = d.clone(); // just past the jump threshold
            ahead[0] = (byte) ((seq + 12) >> 8);
            ahead[1] = (byte) (seq + 12);
            for (byte[] x : new byte[][] {far, near, ahead}) {
                UdptlReceiver.Report r = rx.receive(x);
                assertEquals(UdptlReceiver.Disposition.UNCONFIRMED, r.disposition());
                assertEquals(List.of(), r.delivered());
            }
        }
        List<Integer> want = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            want.add((65530 + i) & 0xFFFF);
        }
        assertEquals(want, got);
        assertEquals(0, rx.stats().lost());
        assertEquals(0, rx.stats().resyncs());
        assertEquals(60, rx.stats().unconfirmed());
    }

    @Test
    void anOutageLongerThanTheJumpIsConfirmedAndDeclaredLost() {
        UdptlReceiver rx = new UdptlReceiver(CODEC, IFP);
        UdptlSender tx = new UdptlSender(UdptlErrorCorrection.redundancy(3), 0);
        List<byte[]> in = stream(110, 7);
        List<Integer> got = new ArrayList<>();
        List<UdptlReceiver.Gap> gaps = new ArrayList<>();
        for (int i = 0; i < 110; i++) {
            byte[] d = CODEC.encode(tx.next(in.get(i)));
            if (i < 5 || i >= 105) { // 100 datagrams lost on the way
                UdptlReceiver.Report r = rx.receive(d);
                got.addAll(seqs(r));
                gaps.addAll(r.gaps());
            }
        }
        List<Integer> want = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        for (int i = 102; i < 110; i++) {
            want.add(i); // 105 and 106 are held until 107 confirms the jump; 102..104 from 105's redundancy
        }
        assertEquals(want, got);
        assertEquals(List.of(new UdptlReceiver.Gap(5, 97)), gaps);
    }

    @Test
    void aConfirmedRestartKeepsTheHeldDatagramsEvenWithoutRedundancyAndWithALossAmongThem() {
        UdptlReceiver rx = new UdptlReceiver(CODEC, IFP);
        rx.receive(CODEC.encode(new UdptlPacket(100, hex("02"), UdptlPacket.Redundancy.NONE)));
        UdptlSender tx = new UdptlSender(UdptlErrorCorrection.none(), 30000);
        List<byte[]> in = stream(4, 8);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] d = CODEC.encode(tx.next(in.get(i)));
            if (i != 1) { // 30001 is lost
                got.addAll(seqs(rx.receive(d)));
            }
        }
        assertEquals(List.of(30000, 30002, 30003), got);
        assertEquals(1, rx.stats().resyncs());
        assertEquals(1, rx.stats().lost());
    }

    @Test
    void redundancyRecoversBurstsUpToItsDepth() {
        lossyStream(UdptlErrorCorrection.redundancy(3), 3, 0);
    }

    @Test
    void parityFecRecoversBurstsUpToEntries() {
        lossyStream(UdptlErrorCorrection.parityFec(3, 4), 4, 0);
        lossyStream(UdptlErrorCorrection.parityFec(5, 1), 1, 0);
    }

    @Test
    void burstsBeyondTheProtectionAreReportedAsGaps() {
        lossyStream(UdptlErrorCorrection.redundancy(2), 3, 1);
        lossyStream(UdptlErrorCorrection.none(), 1, 1);
    }

    /**
     * Sends 400 packets across a wrap of the sequence number, dropping a burst of {@code burst} datagrams after every
     * 20 delivered ones (and never in the first 20, so FEC has its history), and checks what arrives.
     */
    private static void lossyStream(UdptlErrorCorrection mode, int burst, int expectLostPerBurst) {
        List<byte[]> in = stream(400, 5);
        UdptlSender tx = new UdptlSender(mode, 65500);
        UdptlReceiver rx = new UdptlReceiver(CODEC, IFP);
        List<UdptlReceiver.Delivered> got = new ArrayList<>();
        long lostExpected = 0;
        int bursts = 0;
        for (int i = 0; i < in.size(); i++) {
            byte[] d = CODEC.encode(tx.next(in.get(i)));
            boolean drop = i >= 20 && i % 20 < burst && i < in.size() - 1;
            if (drop) {
                if (i % 20 == 0) {
                    bursts++;
                }
                continue;
            }
            got.addAll(rx.receive(d).delivered());
        }
        lostExpected = (long) bursts * expectLostPerBurst;
        assertEquals(lostExpected, rx.stats().lost(), mode + " lost");
        assertEquals(in.size() - lostExpected, got.size(), mode + " delivered");
        int k = 0;
        for (int i = 0; i < in.size(); i++) {
            int seq = (65500 + i) & 0xFFFF;
            if (k < got.size() && got.get(k).seq() == seq) {
                assertArrayEquals(in.get(i), got.get(k).ifp(), mode + " packet " + i);
                k++;
            }
        }
        assertEquals(got.size(), k, "delivered in order");
        if (expectLostPerBurst == 0) {
            long recovered = rx.stats().recoveredByRedundancy() + rx.stats().recoveredByFec();
            assertEquals((long) bursts * burst, recovered, mode + " recovered");
        }
    }

    private static List<Integer> seqs(UdptlReceiver.Report r) {
        return r.delivered().stream().map(UdptlReceiver.Delivered::seq).toList();
    }
}
