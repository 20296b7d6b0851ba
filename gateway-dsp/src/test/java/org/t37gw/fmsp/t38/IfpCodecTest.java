package org.t37gw.fmsp.t38;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IfpCodecTest {

    private static final IfpCodec V0 = new IfpCodec(T38Version.V0);
    private static final IfpCodec V1 = new IfpCodec(T38Version.V1);
    private static final IfpCodec V3 = new IfpCodec(T38Version.V3);

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static void golden(IfpCodec codec, IfpPacket packet, String expectedHex) {
        byte[] encoded = codec.encode(packet);
        assertEquals(expectedHex.replace(" ", ""), HexFormat.of().formatHex(encoded), packet.toString());
        assertEquals(packet, codec.decode(encoded).orThrow());
    }

    @Test
    void indicatorsAreOneOctetAndExtensionsTwo() {
        golden(V0, IfpPacket.indicator(T30Indicator.NO_SIGNAL), "00");
        golden(V0, IfpPacket.indicator(T30Indicator.CNG), "02");
        golden(V0, IfpPacket.indicator(T30Indicator.CED), "04");
        golden(V1, IfpPacket.indicator(T30Indicator.V21_PREAMBLE), "06");
        golden(V1, IfpPacket.indicator(T30Indicator.V17_14400_LONG_TRAINING), "1e");
        golden(V3, IfpPacket.indicator(T30Indicator.V8_ANSAM), "2000");
        golden(V3, IfpPacket.indicator(T30Indicator.V33_14400_TRAINING), "2180");
        golden(V0, IfpPacket.indicator(T30Indicator.V34_CC_RETRAIN), "2100");
    }

    @Test
    void dataPacketsFollowPerAligned() {
        // data v21, one hdlc-data field FF 13: present|data|ext|0000|pad, count, present|ext|000|pad, len-1, data
        golden(V1, IfpPacket.data(DataType.V21, new DataField(FieldType.HDLC_DATA, hex("ff13"))),
                "c0 01 80 0001 ff13");
        golden(V1, IfpPacket.data(DataType.V17_14400, new DataField(FieldType.T4_NON_ECM_DATA, hex("00"))),
                "d0 01 b0 0000 00");
        // version 0: no extension bit in field-type
        golden(V0, IfpPacket.data(DataType.V17_14400, new DataField(FieldType.T4_NON_ECM_DATA, hex("00"))),
                "d0 01 e0 0000 00");
        // data then a bare fcs-OK: the bare field starts on the octet after the data
        golden(V1, IfpPacket.data(DataType.V21, new DataField(FieldType.HDLC_DATA, hex("ff")),
                new DataField(FieldType.HDLC_FCS_OK)), "c0 02 80 0000 ff 10");
        golden(V0, IfpPacket.data(DataType.V21, new DataField(FieldType.HDLC_DATA, hex("ff")),
                new DataField(FieldType.HDLC_FCS_OK)), "c0 02 80 0000 ff 20");
        // fields without data pack into the same octet: 5 bits each in v1, 4 bits each in v0
        golden(V1, IfpPacket.data(DataType.V21, new DataField(FieldType.HDLC_FCS_OK),
                new DataField(FieldType.HDLC_SIG_END)), "c0 02 10 40");
        golden(V0, IfpPacket.data(DataType.V21, new DataField(FieldType.HDLC_FCS_OK),
                new DataField(FieldType.HDLC_SIG_END)), "c0 02 21");
        // data type without fields: no data-field
        golden(V1, IfpPacket.data(DataType.V29_9600), "48");
        // extension data type v8 and extension field type cm-message
        golden(V3, IfpPacket.data(DataType.V8, new DataField(FieldType.CM_MESSAGE, hex("e0"))),
                "e0 00 01 c000 0000 e0"); // 9 header bits, then the aligned length
    }

    @Test
    void longFieldsUseTwoOctetLengthAndTwoOctetCount() {
        byte[] data = new byte[300];
        new Random(1).nextBytes(data);
        List<DataField> fields = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            fields.add(new DataField(FieldType.T4_NON_ECM_DATA, new byte[] {(byte) i}));
        }
        fields.add(new DataField(FieldType.T4_NON_ECM_SIG_END, data));
        IfpPacket p = new IfpPacket.Data(DataType.V29_9600, fields);
        IfpCodec wide = new IfpCodec(T38Version.V1, new IfpLimits(16384, 200, 16384));
        byte[] enc = wide.encode(p);
        assertEquals(0x80, enc[1] & 0xFF);
        assertEquals(130 + 1, enc[2] & 0xFF);
        assertEquals(p, wide.decode(enc).orThrow());
        assertInstanceOf(DecodeResult.Malformed.class, V1.decode(enc)); // 131 fields exceed the default 64
    }

    @Test
    void unknownValuesAreRepresentableNotFatal() {
        IfpPacket ind = IfpPacket.indicator(T30Indicator.of(40));
        IfpPacket back = V1.decode(V1.encode(ind)).orThrow();
        assertEquals(ind, back);
        assertEquals("unknown-40", ((IfpPacket.Indicator) back).indicator().name());
        // beyond 63 the extension index takes the long form
        IfpPacket data = IfpPacket.data(DataType.of(100), new DataField(FieldType.of(300), hex("0102")));
        assertEquals(data, V1.decode(V1.encode(data)).orThrow());
        assertFalse(((IfpPacket.Data) data).dataType().isKnown());
        // a field type after the marker cannot be expressed in version 0
        assertThrows(IllegalArgumentException.class,
                () -> V0.encode(IfpPacket.data(DataType.V21, new DataField(FieldType.CM_MESSAGE))));
    }

    @Test
    void roundTripsRandomPacketsInEveryVersion() {
        Random rnd = new Random(42);
        for (T38Version v : T38Version.values()) {
            IfpCodec codec = new IfpCodec(v);
            for (int i = 0; i < 2000; i++) {
                IfpPacket p = randomPacket(rnd, v);
                byte[] enc = codec.encode(p);
                DecodeResult<IfpPacket> r = codec.decode(enc);
                assertEquals(p, r.orThrow(), v + " " + p);
                assertEquals(enc.length, codec.measure(concat(enc, new byte[] {0, 0, 0})));
            }
        }
    }

    @Test
    void malformedPacketsGiveReasonsNotExceptions() {
        assertMalformed(V1, "", "empty");
        assertMalformed(V1, "c0", "ends");                 // data-field present but no count
        assertMalformed(V1, "c0 01 80 00", "ends");        // length cut
        assertMalformed(V1, "c0 01 80 0005 ff", "runs past the end");
        assertMalformed(V1, "82 01 00", "with a data-field");
        assertMalformed(V1, "c0 00", "no elements");
        assertMalformed(V1, "02 00", "after the end");
        assertMalformed(V1, "c0 c0 01", "fragmented");
        assertMalformed(V1, "52", "outside the 9 root values"); // data index 9 in the root form
        assertMalformed(new IfpCodec(T38Version.V1, new IfpLimits(64, 2, 8)), "c0 03 10 00", "exceed the limit");
        assertMalformed(new IfpCodec(T38Version.V1, new IfpLimits(64, 2, 8)), "c0 01 80 0008 000102030405060708",
                "exceeds the limit");
        assertMalformed(new IfpCodec(T38Version.V1, new IfpLimits(4, 2, 4)), "c0 01 80 0001 ff13", "exceeds");
    }

    private static void assertMalformed(IfpCodec codec, String hex, String reasonPart) {
        DecodeResult<IfpPacket> r = codec.decode(hex(hex));
        DecodeResult.Malformed<IfpPacket> m = assertInstanceOf(DecodeResult.Malformed.class, r, hex);
        assertTrue(m.reason().contains(reasonPart), hex + ": " + m.reason());
    }

    @Test
    void openEnumsNameEverything() {
        assertEquals("v17-14400-long-training", T30Indicator.V17_14400_LONG_TRAINING.name());
        assertEquals("v33-14400-training", T30Indicator.V33_14400_TRAINING.name());
        assertEquals("v33-14400", DataType.V33_14400.name());
        assertEquals("hdlc-fcs-BAD-sig-end", FieldType.HDLC_FCS_BAD_SIG_END.name());
        assertEquals("v34rate", FieldType.V34RATE.name());
        assertTrue(FieldType.T4_NON_ECM_SIG_END.isSignalEnd());
        assertFalse(FieldType.HDLC_FCS_OK.isSignalEnd());
        assertEquals(T30Indicator.CED, T30Indicator.of(2));
        assertArrayEquals(new byte[] {1}, new DataField(FieldType.HDLC_DATA, new byte[] {1}).data());
    }

    static IfpPacket randomPacket(Random rnd, T38Version v) {
        if (rnd.nextInt(3) == 0) {
            return IfpPacket.indicator(T30Indicator.of(rnd.nextInt(10) == 0 ? rnd.nextInt(200) : rnd.nextInt(23)));
        }
        int n = rnd.nextInt(4);
        List<DataField> fields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int type = v.fieldTypeExtensible() && rnd.nextInt(8) == 0 ? rnd.nextInt(80) : rnd.nextInt(8);
            byte[] data = new byte[rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 300)];
            rnd.nextBytes(data);
            fields.add(new DataField(FieldType.of(type), data));
        }
        return new IfpPacket.Data(DataType.of(rnd.nextInt(10) == 0 ? rnd.nextInt(150) : rnd.nextInt(15)), fields);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
