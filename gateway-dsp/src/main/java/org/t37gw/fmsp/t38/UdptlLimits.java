package org.t37gw.fmsp.t38;

/**
 * Bounds the UDPTL decoder enforces.
 *
 * @param maxDatagram    largest datagram accepted, in octets
 * @param maxIfpLength   largest primary or secondary IFP packet (and FEC entry), in octets
 * @param maxSecondaries most secondary IFP packets in one datagram
 * @param maxFecSpan     largest {@code fec-npackets}
 * @param maxFecEntries  most FEC entries in one datagram
 */
public record UdptlLimits(int maxDatagram, int maxIfpLength, int maxSecondaries, int maxFecSpan, int maxFecEntries) {

    public static final UdptlLimits DEFAULT = new UdptlLimits(8192, 4096, 32, 32, 32);

    public UdptlLimits {
        if (maxDatagram < 4 || maxIfpLength < 1 || maxIfpLength >= 16384 || maxSecondaries < 0 || maxFecSpan < 0
                || maxFecEntries < 0) {
            throw new IllegalArgumentException("bad UDPTL limits");
        }
    }
}
