package org.t37gw.dialpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code max-conn} (Cisco IOS Voice Command Reference): never more simultaneous calls than the limit. */
class MaxConnTrackerTest {

    @Test
    void neverPassesTheLimitUnderContention() throws Exception {
        DialPeer peer = TestPeer.pots(1).dest("5T").maxConn(5).build();
        MaxConnTracker tracker = new MaxConnTracker();
        ConcurrentLinkedQueue<MaxConnTracker.Permit> held = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    tracker.tryAcquire(peer).ifPresent(held::add);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, held.size());
        assertEquals(5, tracker.active(1));
        held.forEach(MaxConnTracker.Permit::close);
        assertEquals(0, tracker.active(1));
    }

    @Test
    void zeroMeansUnlimited() {
        DialPeer peer = TestPeer.pots(2).dest("5T").build();
        MaxConnTracker tracker = new MaxConnTracker();
        for (int i = 0; i < 1000; i++) {
            assertTrue(tracker.tryAcquire(peer).isPresent());
        }
        assertEquals(1000, tracker.activeCalls().applyAsInt(2));
        assertEquals(0, tracker.active(3));
    }
}
