package org.t37gw.spool;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a job again after a transient failure: exponential backoff with a cap, and limits.
 *
 * <p>After the n-th failed attempt (n = {@code spool.attempts} &ge; 1) the next one is due
 * {@code min(maxInterval, initialInterval * factor^(n-1))} later. The job fails permanently instead
 * when n &ge; {@code maxAttempts} ({@link ResultCode#RETRIES_EXHAUSTED}) or when that next attempt
 * would start later than {@code created + maxAge} ({@link ResultCode#EXPIRED}).
 *
 * @param initialInterval delay after the first failed attempt, &gt; 0
 * @param factor          growth per attempt, &ge; 1
 * @param maxInterval     cap of the delay, &ge; initialInterval
 * @param maxAttempts     attempts in all, &ge; 1
 * @param maxAge          how long after its creation a job may still be tried, &gt; 0
 */
public record RetryPolicy(Duration initialInterval, double factor, Duration maxInterval, int maxAttempts,
                          Duration maxAge) {

    /** 5 min, doubling, at most 1 h apart, 8 attempts, within 2 days. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMinutes(5), 2.0, Duration.ofHours(1), 8, Duration.ofDays(2));

    public RetryPolicy {
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(maxAge, "maxAge");
        if (initialInterval.isNegative() || initialInterval.isZero()) {
            throw new IllegalArgumentException("initialInterval must be > 0: " + initialInterval);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be >= 1: " + factor);
        }
        if (maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("maxInterval " + maxInterval + " < initialInterval " + initialInterval);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be > 0: " + maxAge);
        }
        // keeps delay() in nanoseconds without overflow
        if (maxInterval.compareTo(Duration.ofDays(365 * 100)) > 0) {
            throw new IllegalArgumentException("maxInterval too large: " + maxInterval);
        }
    }

    /** The delay after the {@code attempts}-th failed attempt ({@code attempts >= 1}). */
    public Duration delay(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
        }
        double nanos = initialInterval.toNanos() * Math.pow(factor, attempts - 1);
        long max = maxInterval.toNanos();
        return nanos >= max ? maxInterval : Duration.ofNanos((long) nanos);
    }

    /** What to do after a transient failure of the {@code attempts}-th attempt. */
    public Decision decide(int attempts, Instant created, Instant now) {
        if (attempts >= maxAttempts) {
            return new Decision(Optional.empty(), ResultCode.RETRIES_EXHAUSTED);
        }
        Instant next = now.plus(delay(attempts));
        if (next.isAfter(created.plus(maxAge))) {
            return new Decision(Optional.empty(), ResultCode.EXPIRED);
        }
        return new Decision(Optional.of(next), null);
    }

    /**
     * The outcome of {@link #decide}: either the time of the next attempt, or the reason to give up.
     *
     * @param nextAttempt when to try again; empty to give up
     * @param giveUp      {@link ResultCode#RETRIES_EXHAUSTED} or {@link ResultCode#EXPIRED} when giving up, else null
     */
    public record Decision(Optional<Instant> nextAttempt, ResultCode giveUp) {
        public boolean retry() {
            return nextAttempt.isPresent();
        }
    }
}
