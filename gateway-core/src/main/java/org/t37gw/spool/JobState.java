package org.t37gw.spool;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of a spooled job, stored as {@code spool.state} in its {@code fax_record}.
 *
 * <p>Legal transitions (every change goes through one checked {@code transitionTo} in {@link Spool}):
 * <pre>
 *   (enqueue) ──▶ QUEUED ──claim──▶ ACTIVE ──complete──▶ DONE
 *                   │  ▲              │  │
 *                   │  └─recovery─────┘  ├──retry──▶ SLEEPING ──claim──▶ ACTIVE
 *                   │                    │              │
 *                   └──fail──▶ FAILED ◀──┴──fail / retry limits──┘
 * </pre>
 * DONE and FAILED are terminal; only {@link Spool#purge} removes such jobs.
 */
public enum JobState {
    /** Waiting for its first attempt, or for a new one after a process died during an attempt. */
    QUEUED,
    /** Claimed by a worker of the running process; an attempt is in progress. */
    ACTIVE,
    /** A transient failure happened; waiting until {@code spool.next-attempt}. */
    SLEEPING,
    /** Finished successfully (terminal). */
    DONE,
    /** Failed permanently, cancelled, or retry limits reached (terminal). */
    FAILED;

    private static final Map<JobState, Set<JobState>> LEGAL = new EnumMap<>(JobState.class);

    static {
        LEGAL.put(QUEUED, Collections.unmodifiableSet(EnumSet.of(ACTIVE, FAILED)));
        LEGAL.put(ACTIVE, Collections.unmodifiableSet(EnumSet.of(DONE, SLEEPING, FAILED, QUEUED)));
        LEGAL.put(SLEEPING, Collections.unmodifiableSet(EnumSet.of(ACTIVE, FAILED)));
        LEGAL.put(DONE, Collections.unmodifiableSet(EnumSet.noneOf(JobState.class)));
        LEGAL.put(FAILED, Collections.unmodifiableSet(EnumSet.noneOf(JobState.class)));
    }

    /** The states this one may change to. */
    public Set<JobState> successors() {
        return LEGAL.get(this);
    }

    /** Whether the table allows {@code this -> to}. */
    public boolean canTransitionTo(JobState to) {
        return LEGAL.get(this).contains(to);
    }

    /** DONE or FAILED. */
    public boolean isTerminal() {
        return this == DONE || this == FAILED;
    }

    /** QUEUED or SLEEPING: claimable once {@code spool.next-attempt} has come. */
    public boolean isWaiting() {
        return this == QUEUED || this == SLEEPING;
    }
}
