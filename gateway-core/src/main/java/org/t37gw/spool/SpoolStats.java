package org.t37gw.spool;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts for the admin endpoint ({@code t37gw show queue}).
 *
 * @param byState     jobs per state (every state present, possibly 0)
 * @param byKind      jobs per kind and state (only states with jobs)
 * @param quarantined entries in {@code quarantine/} (records the spool could not read)
 */
public record SpoolStats(Map<JobState, Integer> byState, Map<String, Map<JobState, Integer>> byKind, int quarantined) {

    public SpoolStats {
        byState = ordered(byState);
        Map<String, Map<JobState, Integer>> kinds = new TreeMap<>();
        byKind.forEach((k, v) -> kinds.put(k, ordered(v)));
        byKind = Collections.unmodifiableMap(kinds);
    }

    private static Map<JobState, Integer> ordered(Map<JobState, Integer> m) {
        EnumMap<JobState, Integer> copy = new EnumMap<>(JobState.class);
        copy.putAll(m);
        return Collections.unmodifiableMap(copy);
    }

    /** Jobs in {@code state}. */
    public int count(JobState state) {
        return byState.getOrDefault(state, 0);
    }

    /** All jobs. */
    public int total() {
        return byState.values().stream().mapToInt(Integer::intValue).sum();
    }
}
