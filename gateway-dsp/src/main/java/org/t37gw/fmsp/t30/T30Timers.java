package org.t37gw.fmsp.t30;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The engine's running T.30 timers (T1 to T5, T.30 clause 5.4.3): their deadlines, and the
 * {@link T30Action.SetTimer} / {@link T30Action.CancelTimer} actions that mirror each change for drivers
 * that schedule. Pure: time is passed in.
 */
final class T30Timers {
    private final Map<T30Timer, Long> deadlines = new EnumMap<>(T30Timer.class);

    /** Starts (or restarts) {@code t} to expire at {@code at}. */
    void arm(T30Timer t, long at, Consumer<T30Action> out) {
        deadlines.put(t, at);
        out.accept(new T30Action.SetTimer(t, at));
    }

    /** Stops {@code t} if it runs. */
    void cancel(T30Timer t, Consumer<T30Action> out) {
        if (deadlines.remove(t) != null) {
            out.accept(new T30Action.CancelTimer(t));
        }
    }

    /** Stops every running timer. */
    void cancelAll(Consumer<T30Action> out) {
        for (T30Timer t : List.copyOf(deadlines.keySet())) {
            cancel(t, out);
        }
    }

    boolean isRunning(T30Timer t) {
        return deadlines.containsKey(t);
    }

    /** The earliest deadline, if any timer runs. */
    OptionalLong next() {
        return deadlines.values().stream().mapToLong(Long::longValue).min();
    }

    /**
     * Removes and returns the timer due first at {@code now} (deadline at or before it), or {@code null}
     * when none is due.
     */
    T30Timer takeDue(long now) {
        T30Timer due = null;
        long at = Long.MAX_VALUE;
        for (Map.Entry<T30Timer, Long> e : deadlines.entrySet()) {
            if (e.getValue() <= now && e.getValue() < at) {
                due = e.getKey();
                at = e.getValue();
            }
        }
        if (due != null) {
            deadlines.remove(due);
        }
        return due;
    }
}
