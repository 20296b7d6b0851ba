package org.t37gw.fmsp.t38;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes UDPTL datagrams (T.38 Annex, ASN.1 {@code UDPTLPacket}, PER aligned):
 * <pre>
 * seq-number          2 octets, big-endian
 * primary-ifp-packet  length determinant + IFP octets              (open type)
 * error-recovery      1 octet: bit 7 = 0 secondary-ifp-packets, 1 fec-info; other bits padding
 *   secondary         count (length determinant), then per IFP: length determinant + octets, newest first
 *   fec-info          fec-npackets (unconstrained INTEGER: length octet + two's complement octets),
 *                     count (length determinant), then per entry: length determinant + octets
 * </pre>
 * Length determinants are one octet below 128 and {@code 10xxxxxx xxxxxxxx} below 16384. The decoder rejects
 * trailing octets, empty IFP packets and anything beyond its {@link UdptlLimits}, and never throws on bad input.
 */
public final class UdptlCodec {

    private final UdptlLimits limits;

    public UdptlCodec(UdptlLimits limits) {
        this.limits = limits;
    }

    public UdptlCodec() {
        this(UdptlLimits.DEFAULT);
    }

    public UdptlLimits limits() {
        return limits;
    }

    /** The datagram for {@code packet}; throws {@link IllegalArgumentException} beyond the limits. */
    public byte[] encode(UdptlPacket packet) {
        PerWriter w = new PerWriter(packet.primaryLength() + 64);
        w.writeOctet(packet.seq() >> 8);
        w.writeOctet(packet.seq() & 0xFF);
        writeOpen(w, packet.primaryUnsafe());
        if (packet.recovery() instanceof UdptlPacket.Redundancy red) {
            List<byte[]> sec = red.secondariesUnsafe();
            if (sec.size() > limits.maxSecondaries()) {
                throw new IllegalArgumentException(sec.size() + " secondaries exceed " + limits.maxSecondaries());
            }
            w.writeBit(false);
            w.writeLengthDeterminant(sec.size());
            for (byte[] s : sec) {
                writeOpen(w, s);
            }
        } else {
            UdptlPacket.Fec fec = (UdptlPacket.Fec) packet.recovery();
            List<byte[]> entries = fec.entriesUnsafe();
            if (entries.size() > limits.maxFecEntries() || fec.span() > limits.maxFecSpan()) {
                throw new IllegalArgumentException("FEC beyond the limits: " + fec);
            }
            w.writeBit(true);
            // fec-npackets: unconstrained INTEGER, minimal two's complement
            if (fec.span() < 128) {
                w.writeLengthDeterminant(1);
                w.writeOctet(fec.span());
            } else {
                w.writeLengthDeterminant(2);
                w.writeOctet(fec.span() >> 8);
                w.writeOctet(fec.span() & 0xFF);
            }
            w.writeLengthDeterminant(entries.size());
            for (byte[] e : entries) {
                if (e.length > limits.maxIfpLength()) {
                    throw new IllegalArgumentException("FEC entry of " + e.length + " octets");
                }
                w.writeLengthDeterminant(e.length);
                w.writeOctets(e, 0, e.length);
            }
        }
        byte[] out = w.toByteArray();
        if (out.length > limits.maxDatagram()) {
            throw new IllegalArgumentException("datagram of " + out.length + " octets exceeds " + limits.maxDatagram());
        }
        return out;
    }

    private void writeOpen(PerWriter w, byte[] ifp) {
        if (ifp.length > limits.maxIfpLength()) {
            throw new IllegalArgumentException("IFP of " + ifp.length + " octets exceeds " + limits.maxIfpLength());
        }
        w.writeLengthDeterminant(ifp.length);
        w.writeOctets(ifp, 0, ifp.length);
    }

    public DecodeResult<UdptlPacket> decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    public DecodeResult<UdptlPacket> decode(byte[] buf, int offset, int length) {
        if (length > limits.maxDatagram()) {
            return new DecodeResult.Malformed<>("datagram of " + length + " octets exceeds the limit "
                    + limits.maxDatagram(), 0);
        }
        if (length < 4) {
            return new DecodeResult.Malformed<>("datagram of " + length + " octets is too short for UDPTL", 0);
        }
        PerReader r = new PerReader(buf, offset, length);
        try {
            int seq = (r.readOctet() << 8) | r.readOctet();
            byte[] primary = readOpen(r, "primary IFP");
            UdptlPacket.ErrorRecovery recovery;
            if (!r.readBit()) {
                int count = r.readLengthDeterminant();
                if (count > limits.maxSecondaries()) {
                    return malformed(count + " secondary IFP packets exceed the limit " + limits.maxSecondaries(), r);
                }
                List<byte[]> sec = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    sec.add(readOpen(r, "secondary IFP " + i));
                }
                recovery = new UdptlPacket.Redundancy(sec);
            } else {
                int spanLen = r.readLengthDeterminant();
                if (spanLen < 1 || spanLen > 2) {
                    return malformed("fec-npackets of " + spanLen + " octets", r);
                }
                int span = 0;
                for (int i = 0; i < spanLen; i++) {
                    span = (span << 8) | r.readOctet();
                }
                if (spanLen == 1 && span >= 0x80 || spanLen == 2 && span >= 0x8000) {
                    return malformed("negative fec-npackets", r);
                }
                if (span > limits.maxFecSpan()) {
                    return malformed("fec-npackets " + span + " exceeds the limit " + limits.maxFecSpan(), r);
                }
                int count = r.readLengthDeterminant();
                if (count > limits.maxFecEntries()) {
                    return malformed(count + " FEC entries exceed the limit " + limits.maxFecEntries(), r);
                }
                List<byte[]> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int len = r.readLengthDeterminant();
                    if (len > limits.maxIfpLength()) {
                        return malformed("FEC entry of " + len + " octets exceeds the limit", r);
                    }
                    entries.add(r.readOctets(len));
                }
                recovery = new UdptlPacket.Fec(span, entries);
            }
            if (r.remainingOctets() != 0) {
                return malformed(r.remainingOctets() + " octets after the end of the UDPTL packet", r);
            }
            return new DecodeResult.Ok<>(new UdptlPacket(seq, primary, recovery), length);
        } catch (PerReader.PerException e) {
            return new DecodeResult.Malformed<>(e.getMessage(), e.offset);
        }
    }

    private byte[] readOpen(PerReader r, String what) {
        int len = r.readLengthDeterminant();
        if (len == 0) {
            throw new PerReader.PerException("empty " + what, r.octetOffset() - 1);
        }
        if (len > limits.maxIfpLength()) {
            throw new PerReader.PerException(what + " of " + len + " octets exceeds the limit "
                    + limits.maxIfpLength(), r.octetOffset());
        }
        return r.readOctets(len);
    }

    private static <T> DecodeResult<T> malformed(String reason, PerReader r) {
        return new DecodeResult.Malformed<>(reason, r.octetOffset());
    }
}
