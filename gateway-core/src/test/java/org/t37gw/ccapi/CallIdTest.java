package org.t37gw.ccapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CallIdTest {

    @Test
    void increasingAndPrintable() {
        CallId a = CallId.next();
        CallId b = CallId.next();
        assertTrue(b.compareTo(a) > 0);
        assertEquals(a, CallId.parse(a.toString()));
        assertEquals(Long.toString(a.value()), a.toString());
    }

    @Test
    void uniqueAcrossThreads() throws Exception {
        ConcurrentLinkedQueue<CallId> ids = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 5000; i++) {
                    ids.add(CallId.next());
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        Set<CallId> unique = new HashSet<>(ids);
        assertEquals(20_000, unique.size());
    }

    @Test
    void rejectsBadText() {
        assertThrows(IllegalArgumentException.class, () -> CallId.parse("x1"));
        assertThrows(IllegalArgumentException.class, () -> CallId.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> new CallId(-5));
    }
}
