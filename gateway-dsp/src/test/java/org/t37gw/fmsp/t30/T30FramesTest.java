package org.t37gw.fmsp.t30;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** FCFs, HDLC framing, FCS, identities, DIS/DCS bits, ECM framing. */
class T30FramesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void fcfValuesAndXBit() {
        assertEquals(0x80, Fcf.DIS.value());
        assertEquals(0x83, Fcf.DCS.octet(true));
        assertEquals(0x82, Fcf.DCS.octet(false));
        assertEquals(0xFB, Fcf.DCN.octet(true));
        assertEquals(0x8C, Fcf.MCF.value());
        assertEquals(0xBE, Fcf.PPS.value());
        assertEquals(0xBC, Fcf.PPR.value());
        assertSame(Fcf.DCS, Fcf.of(0x83));
        assertSame(Fcf.DTC, Fcf.of(0x81), "0x81 is DTC, not DIS with an X bit");
        assertSame(Fcf.CIG, Fcf.of(0x41));
        assertSame(Fcf.TSI, Fcf.of(0x43));
        assertFalse(Fcf.DIS.hasXBit());
        assertEquals(0x80, Fcf.DIS.octet(true), "DIS has no X bit");
        Fcf unknown = Fcf.of(0xF0);
        assertFalse(unknown.isKnown());
        assertEquals("FCF_0xF0", unknown.name());
        assertEquals(Fcf.PRI_EOP, Fcf.byName("PRI-EOP"));
        // every known FCF decodes back to itself from its octet, with either X bit
        for (Fcf f : Fcf.known().values()) {
            assertSame(f, Fcf.of(f.octet(false)), f.name());
            assertSame(f, Fcf.of(f.octet(true)), f.name());
        }
    }

    @Test
    void fcsIsTheItuCrc16() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x906E, Fcs.compute(check), "X.25 / V.42 CRC-16 check value");
        byte[] withFcs = Fcs.append(check);
        assertTrue(Fcs.check(withFcs));
        withFcs[3] ^= 0x10;
        assertFalse(Fcs.check(withFcs));
    }

    @Test
    void hdlcFrameBuildAndParse() {
        HdlcFrame f = HdlcFrame.of(Fcf.MCF, false, true);
        assertEquals("ff138c", HEX.formatHex(f.toBytes()));
        HdlcFrame g = HdlcFrame.of(Fcf.TSI, true, false, Identity.encode("1"));
        assertEquals(0x03, g.toBytes()[1] & 0xFF);
        assertEquals(g, HdlcFrame.parse(g.toBytes()).orElseThrow());
        assertTrue(HdlcFrame.parse(HEX.parseHex("fe138c")).isEmpty(), "address must be 0xFF");
        assertTrue(HdlcFrame.parse(HEX.parseHex("ff118c")).isEmpty(), "control must be 0x03 or 0x13");
        assertTrue(HdlcFrame.parse(HEX.parseHex("ff13")).isEmpty(), "no FCF");
        assertTrue(HdlcFrame.parse(HEX.parseHex("ff13fb")).orElseThrow().xBit());
    }

    @Test
    void identitiesAreReversedAndPadded() {
        byte[] f = Identity.encode("+1 555 0100");
        assertEquals(20, f.length);
        assertEquals('0', f[19 - 10]);
        assertEquals('+', f[19]);
        assertEquals(' ', f[0], "padding comes first on the line");
        assertEquals("+1 555 0100", Identity.decode(f));
        assertEquals("12345678901234567890", Identity.decode(Identity.encode("123456789012345678901234")));
    }

    @Test
    void disBitsAreNumberedFromOneAsInTable2() {
        byte[] dis = DisDcsCodec.encodeDis(T30Capabilities.full());
        assertTrue(T30Bits.get(dis, 10));
        assertEquals(0x02, dis[1] & 0x02, "bit 10 is the second bit of octet 2");
        assertEquals(0b1011, T30Bits.field(dis, 11, 4), "V.27ter, V.29 and V.17");
        assertEquals(0x04, dis[3] & 0x04, "bit 27 (ECM) is the third bit of octet 4");
        assertEquals(0x40, dis[3] & 0x40, "bit 31 (T.6)");
        assertEquals(0x01, dis[5] & 0x01, "bit 41 (superfine)");
        assertEquals(0x04, dis[5] & 0x04, "bit 43 (R16 x 15.4)");
        assertEquals(0x01, dis[6] & 0x01, "bit 49 (subaddressing)");
        // octet 3 of DIS: bit 18 A3 (0x02), bit 20 unlimited (0x08), bits 21-23 = 111 0 ms (0x70), bit 24 extend (0x80)
        assertEquals("00eefa", HEX.formatHex(dis, 0, 3), "octets 1-3: receive, V.17, fine, MR, A3, unlimited, 0 ms, extend");
        T30Capabilities basic = DisDcsCodec.decodeDis(DisDcsCodec.encodeDis(T30Capabilities.basic()));
        assertEquals(T30Capabilities.basic(), basic);
        assertEquals(T30Capabilities.full(), DisDcsCodec.decodeDis(dis));
        // a short, three-octet DIS (no extension): V.29, standard only, 20 ms
        T30Capabilities old = DisDcsCodec.decodeDis(HEX.parseHex("000600"));
        assertEquals(EnumSet.of(Modulation.Family.V27TER, Modulation.Family.V29), old.modems());
        assertFalse(old.ecm());
        assertEquals(20, old.minScanLineMs());
        // octets past a clear extension bit are not read
        assertFalse(DisDcsCodec.decodeDis(HEX.parseHex("0006000004")).ecm());
    }

    @Test
    void scanLineTimeCodes() {
        T30Capabilities c = T30Capabilities.basic().withScanLineTime(10, true, true);
        T30Capabilities back = DisDcsCodec.decodeDis(DisDcsCodec.encodeDis(c));
        assertEquals(10, back.minScanLineMs());
        assertTrue(back.halfScanTimeAtFine());
        assertEquals(5.0, back.minScanLineMsAt(Resolution.FINE));
        assertEquals(2.5, back.minScanLineMsAt(Resolution.SUPERFINE));
        assertEquals(5, DisDcsCodec.roundUpScanTime(2.5));
        assertEquals(6, T30Bits.field(DisDcsCodec.encodeDis(c), 21, 3), "10 ms, T7.7 = 1/2 T3.85 is code 6");
    }

    @Test
    void dcsRoundTripsEveryMode() {
        for (Modulation m : Modulation.values()) {
            if (!m.isHighSpeed()) {
                continue;
            }
            for (Resolution r : Resolution.values()) {
                for (Coding c : Coding.values()) {
                    boolean ecm = c == Coding.MMR || r == Resolution.FINE;
                    for (int size : new int[] {64, 256}) {
                        PageMode mode = new PageMode(m, r, PageWidth.B4, PageLength.UNLIMITED, c, ecm, ecm ? size : 256,
                                ecm ? 0 : 10);
                        DisDcsCodec.Dcs d = DisDcsCodec.decodeDcs(DisDcsCodec.encodeDcs(mode, true, false));
                        assertEquals(mode, d.mode());
                        assertTrue(d.subaddressSent());
                        assertFalse(d.senderIdSent());
                        assertTrue(d.receiveFax());
                    }
                }
            }
        }
    }

    @Test
    void dcsGolden() {
        PageMode m = new PageMode(Modulation.V29_9600, Resolution.FINE, PageWidth.A4, PageLength.A4, Coding.MR, false, 256, 20);
        byte[] dcs = DisDcsCodec.encodeDcs(m, false, false);
        // octet 2: bit 10 receive (0x02), bits 11-14 = 1000 V.29 9600 (0x04), bit 15 fine (0x40), bit 16 MR (0x80)
        assertEquals("00c680", HEX.formatHex(dcs, 0, 3));
        assertEquals(Modulation.V17_14400, Modulation.fromDcsCode(0b1000));
        assertThrows(IllegalArgumentException.class, () -> DisDcsCodec.decodeDcs(HEX.parseHex("001a00")));
    }

    @Test
    void ecmFramingAndPprBitmap() {
        byte[] data = new byte[70_000];
        new Random(1).nextBytes(data);
        EcmFramer f = new EcmFramer(data, 256);
        assertEquals(2, f.blockCount());
        assertEquals(256, f.framesInBlock(0));
        assertEquals(18, f.framesInBlock(1));
        assertEquals(70_000 - 273 * 256, f.frame(1, 17).length);
        HdlcFrame fcd = f.fcd(1, 3);
        assertEquals(Fcf.FCD, fcd.fcf());
        assertEquals(3, fcd.fifOctet(0));
        assertEquals(1, new EcmFramer(new byte[0], 64).blockCount());

        EcmBlockBuffer b = new EcmBlockBuffer(256);
        for (int i = 0; i < 16; i++) {
            if (i < 4 || i > 7) {
                assertTrue(b.put(i, f.frame(0, i)));
            }
        }
        byte[] ppr = b.pprBitmap(16);
        assertEquals(32, ppr.length);
        assertEquals(0xF0, ppr[0] & 0xFF, "frames 4 to 7 missing is 0xF0 in the first octet");
        assertEquals(0, ppr[1]);
        boolean[] asked = EcmBlockBuffer.requested(ppr, 16);
        assertTrue(asked[4] && asked[7] && !asked[3] && !asked[8]);
        for (int i = 4; i < 8; i++) {
            b.put(i, f.frame(0, i));
        }
        assertEquals(0, b.missing(16));
        byte[] expect = java.util.Arrays.copyOf(data, 16 * 256);
        assertArrayEquals(expect, b.assemble(16));
        assertFalse(b.put(3, new byte[257]), "longer than the frame size");
    }
}
