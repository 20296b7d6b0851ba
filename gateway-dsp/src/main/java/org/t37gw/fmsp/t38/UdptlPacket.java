package org.t37gw.fmsp.t38;

import java.util.Arrays;
import java.util.List;

/**
 * One UDPTL datagram (T.38 Annex, clause 9.1, ASN.1 {@code UDPTLPacket}): a 16-bit sequence number, the primary IFP
 * packet (as its encoded octets, so this layer does not depend on the IFP codec) and the error-recovery part.
 * Arrays are copied in and out.
 */
public record UdptlPacket(int seq, byte[] primary, ErrorRecovery recovery) {

    public UdptlPacket {
        if (seq < 0 || seq > 0xFFFF) {
            throw new IllegalArgumentException("sequence number " + seq + " is not 0..65535");
        }
        if (primary == null || primary.length == 0) {
            throw new IllegalArgumentException("empty primary IFP packet");
        }
        if (recovery == null) {
            throw new IllegalArgumentException("error recovery is null");
        }
        primary = primary.clone();
    }

    @Override
    public byte[] primary() {
        return primary.clone();
    }

    int primaryLength() {
        return primary.length;
    }

    byte[] primaryUnsafe() {
        return primary;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdptlPacket p && p.seq == seq && Arrays.equals(p.primary, primary)
                && p.recovery.equals(recovery);
    }

    @Override
    public int hashCode() {
        return (seq * 31 + Arrays.hashCode(primary)) * 31 + recovery.hashCode();
    }

    @Override
    public String toString() {
        return "UDPTL[seq=" + seq + " primary=" + primary.length + " octets " + recovery + "]";
    }

    /** The {@code error-recovery} choice. */
    public sealed interface ErrorRecovery {
    }

    /**
     * {@code secondary-ifp-packets}: copies of earlier IFP packets, newest first, so element {@code i} is the IFP of
     * sequence number {@code seq - 1 - i}.
     */
    public record Redundancy(List<byte[]> secondaries) implements ErrorRecovery {
        public static final Redundancy NONE = new Redundancy(List.of());

        public Redundancy {
            secondaries = secondaries.stream().map(byte[]::clone).toList();
            for (byte[] s : secondaries) {
                if (s.length == 0) {
                    throw new IllegalArgumentException("empty secondary IFP packet");
                }
            }
        }

        @Override
        public List<byte[]> secondaries() {
            return secondaries.stream().map(byte[]::clone).toList();
        }

        List<byte[]> secondariesUnsafe() {
            return secondaries;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Redundancy r) || r.secondaries.size() != secondaries.size()) {
                return false;
            }
            for (int i = 0; i < secondaries.size(); i++) {
                if (!Arrays.equals(secondaries.get(i), r.secondaries.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] s : secondaries) {
                h = h * 31 + Arrays.hashCode(s);
            }
            return h;
        }

        @Override
        public String toString() {
            return "redundancy=" + secondaries.size();
        }
    }

    /**
     * {@code fec-info}: parity FEC. With {@code span} N ({@code fec-npackets}) and E entries, entry {@code m} is the
     * XOR of the IFP packets with sequence numbers {@code seq + m - k*E} for k = 1..N, each zero-padded to the
     * longest; any one of them that is missing is the XOR of the entry with the others.
     */
    public record Fec(int span, List<byte[]> entries) implements ErrorRecovery {
        public Fec {
            if (span < 0) {
                throw new IllegalArgumentException("negative FEC span " + span);
            }
            entries = entries.stream().map(byte[]::clone).toList();
        }

        @Override
        public List<byte[]> entries() {
            return entries.stream().map(byte[]::clone).toList();
        }

        List<byte[]> entriesUnsafe() {
            return entries;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Fec f) || f.span != span || f.entries.size() != entries.size()) {
                return false;
            }
            for (int i = 0; i < entries.size(); i++) {
                if (!Arrays.equals(entries.get(i), f.entries.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = span;
            for (byte[] s : entries) {
                h = h * 31 + Arrays.hashCode(s);
            }
            return h;
        }

        @Override
        public String toString() {
            return "fec(span=" + span + ",entries=" + entries.size() + ")";
        }
    }
}
