package org.t37gw.smtp.server;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled at {@code perSecond}; each event takes
 * one. Time is passed in (nanoseconds of any monotonic source), so tests move it by hand. Not
 * thread-safe; {@link RateLimiter} serializes access.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    /**
     * @param capacity  burst size (tokens when full)
     * @param perSecond refill rate
     * @param nowNanos  the current time
     */
    public TokenBucket(double capacity, double perSecond, long nowNanos) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("capacity >= 1 and rate > 0 required");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes a token if there is one. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the bucket is full again (an idle key that can be forgotten). */
    public boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long dt = now - last;
        if (dt > 0) {
            tokens = Math.min(capacity, tokens + dt * perNano);
            last = now;
        }
    }
}
