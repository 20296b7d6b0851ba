package org.t37gw.fmsp.t30;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class T30TimersTest {

    @Test
    void armCancelAndTakeDueInDeadlineOrder() {
        T30Timers t = new T30Timers();
        List<T30Action> out = new ArrayList<>();
        t.arm(T30Timer.T1, 35_000, out::add);
        t.arm(T30Timer.T4, 3_000, out::add);
        assertEquals(List.of(new T30Action.SetTimer(T30Timer.T1, 35_000), new T30Action.SetTimer(T30Timer.T4, 3_000)),
                out);
        assertEquals(OptionalLong.of(3_000), t.next());
        assertNull(t.takeDue(2_999));
        assertEquals(T30Timer.T4, t.takeDue(40_000), "the earliest first");
        assertEquals(T30Timer.T1, t.takeDue(40_000));
        assertNull(t.takeDue(40_000));
        assertTrue(t.next().isEmpty());

        out.clear();
        t.cancel(T30Timer.T2, out::add);
        assertEquals(List.of(), out, "cancelling a timer that does not run says nothing");
        t.arm(T30Timer.T2, 6_000, out::add);
        t.arm(T30Timer.T5, 60_000, out::add);
        assertTrue(t.isRunning(T30Timer.T5));
        out.clear();
        t.cancelAll(out::add);
        assertEquals(2, out.size());
        assertFalse(t.isRunning(T30Timer.T2));
        assertTrue(out.stream().allMatch(T30Action.CancelTimer.class::isInstance));
    }
}
