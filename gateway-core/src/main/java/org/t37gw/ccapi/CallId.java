package org.t37gw.ccapi;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A call leg's id: positive, unique in the process and increasing in the order legs are created (IOS
 * {@code CallID} of {@code show call active}). Printed as its decimal value.
 *
 * @param value the id, {@code >= 1}
 */
public record CallId(long value) implements Comparable<CallId> {

    private static final AtomicLong NEXT = new AtomicLong(1);

    public CallId {
        if (value < 1) {
            throw new IllegalArgumentException("call id must be positive: " + value);
        }
    }

    /** A fresh id, greater than every id handed out before in this process. */
    public static CallId next() {
        return new CallId(NEXT.getAndIncrement());
    }

    /**
     * Parses the printed form.
     *
     * @throws IllegalArgumentException if {@code text} is not a positive decimal number
     */
    public static CallId parse(String text) {
        try {
            return new CallId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a call id: '" + text + "'", e);
        }
    }

    @Override
    public int compareTo(CallId o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
