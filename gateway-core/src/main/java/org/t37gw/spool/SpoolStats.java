package org.t37gw.spool;

import java.util.Map;

/**
 * Counts for the admin endpoint ({@code t37gw show queue}).
 *
 * @param byState     jobs per state (every state present, possibly 0)
 * @param byKind      jobs per kind and state (only states with jobs)
 * @param quarantined entries in {@code quarantine/} (records the spool could not read)
 */
public record SpoolStats(Map<JobState, Integer> byState, Map<String, Map<JobState, Integer>> byKind, int quarantined) {

    public SpoolStats {
        byState = Map.copyOf(byState);
        byKind = Map.copyOf(byKind);
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
