package org.t37gw.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class JobStateTest {

    @Test
    void transitionTableIsExactlyTheDocumentedOne() {
        assertEquals(EnumSet.of(JobState.ACTIVE, JobState.FAILED), JobState.QUEUED.successors());
        assertEquals(EnumSet.of(JobState.DONE, JobState.SLEEPING, JobState.FAILED, JobState.QUEUED),
                JobState.ACTIVE.successors());
        assertEquals(EnumSet.of(JobState.ACTIVE, JobState.FAILED), JobState.SLEEPING.successors());
        assertEquals(Set.of(), JobState.DONE.successors());
        assertEquals(Set.of(), JobState.FAILED.successors());
    }

    @Test
    void terminalStatesHaveNoWayOutAndNoStateLoopsToItself() {
        for (JobState s : JobState.values()) {
            assertFalse(s.canTransitionTo(s), s + " -> itself");
            assertEquals(s.isTerminal(), s.successors().isEmpty(), s.name());
        }
        assertTrue(JobState.QUEUED.isWaiting());
        assertTrue(JobState.SLEEPING.isWaiting());
        assertFalse(JobState.ACTIVE.isWaiting());
        assertFalse(JobState.DONE.canTransitionTo(JobState.QUEUED));
        assertFalse(JobState.QUEUED.canTransitionTo(JobState.DONE), "DONE only after an attempt");
    }
}
