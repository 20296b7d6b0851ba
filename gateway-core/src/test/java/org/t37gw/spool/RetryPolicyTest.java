package org.t37gw.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void delaysGrowByTheFactorUpToTheCap() {
        RetryPolicy p = new RetryPolicy(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10), 20, Duration.ofDays(1));
        assertEquals(Duration.ofMinutes(1), p.delay(1));
        assertEquals(Duration.ofMinutes(2), p.delay(2));
        assertEquals(Duration.ofMinutes(4), p.delay(3));
        assertEquals(Duration.ofMinutes(8), p.delay(4));
        assertEquals(Duration.ofMinutes(10), p.delay(5));
        assertEquals(Duration.ofMinutes(10), p.delay(10_000), "no overflow for huge attempt counts");
        RetryPolicy linear = new RetryPolicy(Duration.ofSeconds(30), 1.0, Duration.ofSeconds(30), 5, Duration.ofDays(1));
        assertEquals(Duration.ofSeconds(30), linear.delay(4));
        RetryPolicy fractional = new RetryPolicy(Duration.ofSeconds(10), 1.5, Duration.ofHours(1), 5, Duration.ofDays(1));
        assertEquals(Duration.ofMillis(22_500), fractional.delay(3));
    }

    @Test
    void givesUpAtMaxAttempts() {
        RetryPolicy p = new RetryPolicy(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10), 3, Duration.ofDays(1));
        RetryPolicy.Decision d1 = p.decide(1, T0, T0);
        assertTrue(d1.retry());
        assertEquals(T0.plus(Duration.ofMinutes(1)), d1.nextAttempt().orElseThrow());
        assertNull(d1.giveUp());
        assertTrue(p.decide(2, T0, T0).retry());
        RetryPolicy.Decision d3 = p.decide(3, T0, T0);
        assertFalse(d3.retry());
        assertEquals(ResultCode.RETRIES_EXHAUSTED, d3.giveUp());
    }

    @Test
    void givesUpWhenTheNextAttemptWouldBeTooLate() {
        RetryPolicy p = new RetryPolicy(Duration.ofMinutes(30), 2.0, Duration.ofHours(4), 100, Duration.ofHours(2));
        Instant now = T0.plus(Duration.ofMinutes(89));
        assertTrue(p.decide(1, T0, now).retry(), "89 + 30 min < 2 h");
        RetryPolicy.Decision late = p.decide(1, T0, T0.plus(Duration.ofMinutes(91)));
        assertFalse(late.retry());
        assertEquals(ResultCode.EXPIRED, late.giveUp());
    }

    @Test
    void rejectsNonsense() {
        Duration m = Duration.ofMinutes(1);
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, 2, m, 1, m));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(m, 0.5, m, 1, m));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(m, Double.NaN, m, 1, m));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(m, 2, Duration.ofSeconds(1), 1, m));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(m, 2, m, 0, m));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(m, 2, m, 1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.DEFAULT.delay(0));
    }
}
