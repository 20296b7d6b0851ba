package org.t37gw.smtp.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a client address, an envelope sender), with a bounded number of keys so that a
 * flood of distinct keys cannot grow memory: when full, idle (refilled) buckets are dropped first, then
 * the least recently used. Thread-safe.
 */
public final class RateLimiter {

    private final double capacity;
    private final double perSecond;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @param capacity  burst per key
     * @param perSecond sustained rate per key
     * @param maxKeys   most keys remembered
     * @param nanoTime  the clock (e.g. {@code System::nanoTime})
     */
    public RateLimiter(double capacity, double perSecond, int maxKeys, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
        new TokenBucket(capacity, perSecond, 0); // validates
    }

    /** Takes a token for {@code key}; false when its rate is exceeded. */
    public synchronized boolean tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        TokenBucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxKeys) {
                evict(now);
            }
            b = new TokenBucket(capacity, perSecond, now);
            buckets.put(key, b);
        }
        return b.tryTake(now);
    }

    /** Keys currently tracked. */
    public synchronized int size() {
        return buckets.size();
    }

    private void evict(long now) {
        for (Iterator<Map.Entry<String, TokenBucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().full(now)) {
                it.remove();
            }
        }
        while (buckets.size() >= maxKeys) {
            Iterator<String> it = buckets.keySet().iterator();
            it.next();
            it.remove();
        }
    }
}
