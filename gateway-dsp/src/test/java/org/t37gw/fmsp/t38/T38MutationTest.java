package org.t37gw.fmsp.t38;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation ("attack") test: valid IFP packets and UDPTL datagrams, mutated at random, must decode to a value
 * or a {@link DecodeResult.Malformed} with a reason; nothing may throw, and whatever decodes must re-encode to
 * something that decodes to the same value.
 */
class T38MutationTest {

    private static final long SEED = 0x7387_2026L;
    private static final int CASES = 120_000;

    @Test
    @Timeout(20)
    void mutatedInputNeverEscapesAsAnException() {
        Random rnd = new Random(SEED);
        IfpCodec[] ifpCodecs = {new IfpCodec(T38Version.V0), new IfpCodec(T38Version.V1),
                new IfpCodec(T38Version.V3, new IfpLimits(512, 8, 256))};
        UdptlCodec udptl = new UdptlCodec(new UdptlLimits(2048, 1024, 8, 8, 8));
        UdptlReceiver receiver = new UdptlReceiver(udptl, 3, 512, ifpCodecs[0]::measure);

        List<byte[]> corpus = new ArrayList<>();
        UdptlSender red = new UdptlSender(UdptlErrorCorrection.redundancy(3));
        UdptlSender fec = new UdptlSender(UdptlErrorCorrection.parityFec(2, 2));
        for (int i = 0; i < 300; i++) {
            T38Version v = T38Version.values()[i % 4];
            byte[] ifp = new IfpCodec(v).encode(IfpCodecTest.randomPacket(rnd, v));
            if (ifp.length > 1000) {
                continue;
            }
            corpus.add(ifp);
            corpus.add(udptl.encode((i % 2 == 0 ? red : fec).next(ifp)));
        }

        int ifpOk = 0;
        int ifpBad = 0;
        int udptlOk = 0;
        int udptlBad = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] input = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
            try {
                for (IfpCodec codec : ifpCodecs) {
                    DecodeResult<IfpPacket> r = codec.decode(input);
                    if (r instanceof DecodeResult.Ok<IfpPacket> ok) {
                        ifpOk++;
                        assertEquals(ok.value(), codec.decode(codec.encode(ok.value())).orThrow());
                    } else {
                        ifpBad++;
                        assertFalse(((DecodeResult.Malformed<IfpPacket>) r).reason().isEmpty());
                    }
                }
                DecodeResult<UdptlPacket> u = udptl.decode(input);
                if (u instanceof DecodeResult.Ok<UdptlPacket> ok) {
                    udptlOk++;
                    assertEquals(ok.value(), udptl.decode(udptl.encode(ok.value())).orThrow());
                } else {
                    udptlBad++;
                }
                receiver.receive(input);
            } catch (RuntimeException | AssertionError e) {
                fail("case " + c + " input " + HexFormat.of().formatHex(input) + ": " + e, e);
            }
        }
        receiver.flush();
        // the test only means something if the mutations hit both outcomes often
        assertTrue(ifpOk > 10_000 && ifpBad > 10_000, "IFP ok " + ifpOk + " malformed " + ifpBad);
        assertTrue(udptlOk > 5_000 && udptlBad > 5_000, "UDPTL ok " + udptlOk + " malformed " + udptlBad);
        assertTrue(receiver.stats().malformed() > 0 && receiver.stats().accepted() > 0);
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(8)) {
            case 0 -> { // flip one to three bits
                int n = 1 + rnd.nextInt(3);
                for (int i = 0; i < n && b.length > 0; i++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> { // overwrite an octet
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncate
            case 3 -> { // append junk
                byte[] tail = new byte[1 + rnd.nextInt(4)];
                rnd.nextBytes(tail);
                b = IfpCodecTest.concat(b, tail);
            }
            case 4 -> { // delete an octet
                if (b.length > 0) {
                    int at = rnd.nextInt(b.length);
                    byte[] out = new byte[b.length - 1];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                    b = out;
                }
            }
            case 5 -> { // insert an octet
                int at = rnd.nextInt(b.length + 1);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) rnd.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
                b = out;
            }
            case 6 -> { // extreme length octets
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? 0xFF : 0x80);
                }
            }
            default -> { // pure noise
                b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
            }
        }
        return b;
    }
}
