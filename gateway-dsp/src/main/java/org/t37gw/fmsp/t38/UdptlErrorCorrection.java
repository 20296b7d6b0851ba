package org.t37gw.fmsp.t38;

/** How a {@link UdptlSender} protects its IFP packets against loss (T.38 Annex, error-recovery). */
public sealed interface UdptlErrorCorrection {

    /** No error recovery: an empty {@code secondary-ifp-packets}. */
    record None() implements UdptlErrorCorrection {
    }

    /** Each datagram repeats up to {@code depth} earlier IFP packets, newest first. */
    record Redundancy(int depth) implements UdptlErrorCorrection {
        public Redundancy {
            if (depth < 0 || depth > 16) {
                throw new IllegalArgumentException("redundancy depth " + depth + " is not 0..16");
            }
        }
    }

    /**
     * Parity FEC: each datagram carries {@code entries} XOR entries over {@code span} earlier packets each,
     * interleaved (see {@link UdptlPacket.Fec}); it recovers one loss in every {@code entries}-spaced group of
     * {@code span} packets, i.e. a burst of up to {@code entries} consecutive losses.
     */
    record ParityFec(int span, int entries) implements UdptlErrorCorrection {
        public ParityFec {
            if (span < 1 || entries < 1 || span * entries > 256) {
                throw new IllegalArgumentException("FEC span " + span + " x entries " + entries + " out of range");
            }
        }
    }

    static UdptlErrorCorrection none() {
        return new None();
    }

    static UdptlErrorCorrection redundancy(int depth) {
        return new Redundancy(depth);
    }

    static UdptlErrorCorrection parityFec(int span, int entries) {
        return new ParityFec(span, entries);
    }
}
