package org.t37gw.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When the off-ramp redials a failed fax call: {@code fax send retries [CAUSE] N} and
 * {@code fax send retry-interval [CAUSE] SECONDS [max SECONDS]}. IOS has no retry policy (it leaves
 * retrying to the sending MTA); this is ours.
 *
 * <p>The delay before retry {@code k} (1 = first retry) is {@code min(max, interval * 2^(k-1))}:
 * exponential backoff capped at {@code max}. A cause with no line of its own inherits each value from
 * the lines without a cause. Failures outside the four causes (e.g. a modem error) use {@link #general()};
 * permanent failures (invalid number, unsupported document) are never retried, whatever this says.
 *
 * @param general the lines without a cause
 * @param causes  the effective rule of each cause (all four present)
 */
public record RetryPolicy(Rule general, Map<Cause, Rule> causes) {

    /** Default number of retries after the first attempt. */
    public static final int DEFAULT_RETRIES = 3;
    /** Default first retry interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    /** Default longest interval. */
    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofHours(1);
    /** Limit of {@code fax send retries}. */
    public static final int MAX_RETRIES = 100;
    /** Limit of an interval, in seconds (7 days). */
    public static final int MAX_INTERVAL_SECONDS = 604800;

    public RetryPolicy {
        Objects.requireNonNull(general, "general");
        EnumMap<Cause, Rule> all = new EnumMap<>(Cause.class);
        for (Cause c : Cause.values()) {
            all.put(c, causes.getOrDefault(c, general));
        }
        causes = Map.copyOf(all);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(new Rule(DEFAULT_RETRIES, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL), Map.of());
    }

    /** The rule for {@code cause}; {@code null} means a failure outside the four causes. */
    public Rule ruleFor(Cause cause) {
        return cause == null ? general : causes.get(cause);
    }

    /**
     * Retries and backoff of one cause.
     *
     * @param retries     retries after the first attempt, 0..100 (0 = never retry)
     * @param interval    delay before the first retry
     * @param maxInterval longest delay, {@code >= interval}
     */
    public record Rule(int retries, Duration interval, Duration maxInterval) {
        public Rule {
            if (retries < 0) {
                throw new IllegalArgumentException("retries < 0");
            }
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(maxInterval, "maxInterval");
            if (maxInterval.compareTo(interval) < 0) {
                throw new IllegalArgumentException("maxInterval < interval");
            }
        }

        /** Whether another attempt may follow {@code retriesDone} retries. */
        public boolean mayRetry(int retriesDone) {
            return retriesDone < retries;
        }

        /** The delay before retry {@code k} (1-based): {@code min(maxInterval, interval * 2^(k-1))}. */
        public Duration delayBefore(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("retry number starts at 1: " + k);
            }
            Duration d = interval;
            for (int i = 1; i < k && d.compareTo(maxInterval) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(maxInterval) > 0 ? maxInterval : d;
        }
    }

    /** Failure causes with a rule of their own. */
    public enum Cause {
        /** The line or the far end was busy. */
        BUSY("busy"),
        /** No answer (ring timeout) or no fax tone (T.30 T1 expired). */
        NO_ANSWER("no-answer"),
        /** Phase B failed: training (TCF/FTT) or capability exchange. */
        TRAINING("training"),
        /** The call dropped or T.30 failed after training, during pages. */
        DROPPED("dropped");

        private final String keyword;

        Cause(String keyword) {
            this.keyword = keyword;
        }

        /** The config keyword. */
        public String keyword() {
            return keyword;
        }
    }
}
