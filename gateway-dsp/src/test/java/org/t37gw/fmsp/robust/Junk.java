package org.t37gw.fmsp.robust;

import java.util.Arrays;
import java.util.Random;

/**
 * Hostile datagrams for a T.38 port, made from a seeded {@link Random} and (when given) a real UDPTL datagram of
 * the session: random octets, truncations, wrong length determinants, trailing octets, sequence numbers moved far
 * ahead (a restarted stream look) and near ahead (inside the resync window), plain duplicates, RTCP sender and
 * receiver reports, and datagrams larger than the receive buffer.
 */
final class Junk {
    enum Kind { RANDOM, TRUNCATED, WRONG_LENGTH, TRAILING, FAR_JUMP, NEAR_JUMP, DUPLICATE, RTCP, OVERSIZE }

    private static final Kind[] KINDS = Kind.values();

    private Junk() {
    }

    static byte[] make(Random r, byte[] real) {
        Kind k = KINDS[r.nextInt(KINDS.length)];
        if (real == null || real.length < 4) {
            k = r.nextBoolean() ? Kind.RANDOM : Kind.RTCP;
        }
        return make(r, real, k);
    }

    static byte[] make(Random r, byte[] real, Kind k) {
        switch (k) {
            case RANDOM -> {
                byte[] b = new byte[r.nextInt(r.nextInt(8) == 0 ? 1400 : 48)];
                r.nextBytes(b);
                return b;
            }
            case TRUNCATED -> {
                return Arrays.copyOf(real, r.nextInt(real.length));
            }
            case WRONG_LENGTH -> {
                byte[] b = real.clone();
                b[2] = (byte) (r.nextBoolean() ? b[2] + 1 + r.nextInt(3) : r.nextInt(256)); // primary's length
                return b;
            }
            case TRAILING -> {
                byte[] b = Arrays.copyOf(real, real.length + 1 + r.nextInt(8));
                for (int i = real.length; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                return b;
            }
            case FAR_JUMP -> {
                return withSeq(real, seq(real) + 1000 + r.nextInt(63000));
            }
            case NEAR_JUMP -> {
                return withSeq(real, seq(real) + 2 + r.nextInt(500));
            }
            case DUPLICATE -> {
                return real.clone();
            }
            case RTCP -> {
                byte[] b = new byte[r.nextBoolean() ? 28 : 32];
                r.nextBytes(b);
                b[0] = (byte) 0x80;
                b[1] = (byte) (r.nextBoolean() ? 0xC8 : 0xC9);
                b[2] = 0;
                b[3] = (byte) (b.length / 4 - 1);
                return b;
            }
            case OVERSIZE -> {
                byte[] b = real == null ? new byte[2000] : Arrays.copyOf(real, 1500 + r.nextInt(2000));
                return b;
            }
            default -> throw new IllegalArgumentException(k.toString());
        }
    }

    private static int seq(byte[] d) {
        return (d[0] & 0xFF) << 8 | d[1] & 0xFF;
    }

    private static byte[] withSeq(byte[] d, int seq) {
        byte[] b = d.clone();
        b[0] = (byte) (seq >> 8);
        b[1] = (byte) seq;
        return b;
    }
}
