package org.t37gw.dialpeer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Counts active calls per dial-peer tag and enforces {@code max-conn} (IOS: "the maximum number of
 * simultaneous connections for the dial peer"; 0 here means unlimited, the IOS default). Thread-safe:
 * {@link #tryAcquire} never lets the count pass the limit, whatever the interleaving.
 *
 * <p>Use with {@link DialPeerTable#matchOutbound(DialPeer.Kind, String, IntUnaryOperator)} to skip full
 * peers while hunting, then {@link #tryAcquire} on the peer actually used (the count may have moved in
 * between), and close the permit when the call ends.
 */
public final class MaxConnTracker {

    private final Map<Integer, AtomicInteger> active = new ConcurrentHashMap<>();

    /**
     * Takes one connection of {@code peer}.
     *
     * @return a permit to close when the call ends, or empty if the peer is at its {@code max-conn}
     */
    public Optional<Permit> tryAcquire(DialPeer peer) {
        AtomicInteger count = active.computeIfAbsent(peer.tag(), t -> new AtomicInteger());
        while (true) {
            int now = count.get();
            if (peer.maxConn() > 0 && now >= peer.maxConn()) {
                return Optional.empty();
            }
            if (count.compareAndSet(now, now + 1)) {
                return Optional.of(new Permit(peer.tag(), count));
            }
        }
    }

    /** Calls now active through the peer with this tag. */
    public int active(int tag) {
        AtomicInteger count = active.get(tag);
        return count == null ? 0 : count.get();
    }

    /** A live view of {@link #active(int)}, for {@link DialPeerTable#matchOutbound}. */
    public IntUnaryOperator activeCalls() {
        return this::active;
    }

    /** One held connection; closing it more than once releases it once. */
    public static final class Permit implements AutoCloseable {
        private final int tag;
        private final AtomicInteger count;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(int tag, AtomicInteger count) {
            this.tag = tag;
            this.count = count;
        }

        /** The dial-peer tag this permit counts against. */
        public int tag() {
            return tag;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        }
    }
}
