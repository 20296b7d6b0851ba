package org.t37gw.fmsp.t38.transport;

import java.util.SplittableRandom;

/**
 * Decides whether to drop a datagram: fault injection for tests and soak runs of a {@link UdptlChannel} (packet loss
 * on UDPTL is one of the faults the gateway must survive). Called on the channel's event loop only.
 */
@FunctionalInterface
public interface LossModel {

    /** True to drop the datagram at hand. */
    boolean drop();

    /** Never drops. */
    static LossModel none() {
        return () -> false;
    }

    /** Drops each datagram independently with probability {@code percent}/100, reproducibly for a seed. */
    static LossModel random(double percent, long seed) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("loss " + percent + "% is not 0..100");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        return () -> rnd.nextDouble() * 100.0 < percent;
    }
}
