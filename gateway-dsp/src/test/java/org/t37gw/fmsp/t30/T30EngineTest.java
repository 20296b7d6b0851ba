package org.t37gw.fmsp.t30;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Engine behaviour outside the scripts: X bit policy, timers, hang-up, abort, life cycle. */
class T30EngineTest {
    @BeforeAll
    static void quiet() {
        TestLogging.quiet();
    }

    private static T30Engine receiver(boolean lenient) {
        T30Engine e = T30Engine.answeringReceiver(T30Config.builder().lenient(lenient).build());
        e.start(0);
        e.onEvent(new T30Event.SendComplete(), 3_000); // CED
        e.onEvent(new T30Event.SendComplete(), 5_000); // DIS
        return e;
    }

    private static byte[] dcs(boolean xBit) {
        PageMode m = new PageMode(Modulation.V29_9600, Resolution.FINE, PageWidth.A4, PageLength.A4, Coding.MR, false, 256, 0);
        return HdlcFrame.of(Fcf.DCS, xBit, true, DisDcsCodec.encodeDcs(m, false, false)).toBytes();
    }

    @Test
    void xBitPolicy() {
        T30Engine strict = receiver(false);
        strict.onEvent(new T30Event.FrameReceived(dcs(false), true), 6_000); // the caller's X bit is 1
        assertEquals(T30State.R, strict.state(), "strict: a DCS with our own X bit is ignored");
        strict.onEvent(new T30Event.FrameReceived(dcs(true), true), 6_100);
        assertEquals(T30State.F_TCF, strict.state());

        T30Engine lenient = receiver(true);
        List<T30Action> a = lenient.onEvent(new T30Event.FrameReceived(dcs(false), true), 6_000);
        assertEquals(T30State.F_TCF, lenient.state(), "lenient: accepted and logged");
        assertTrue(a.contains(new T30Action.StartReceive(Modulation.V29_9600, false)), a.toString());
    }

    @Test
    void timersAreReportedAndPolled() {
        T30Engine e = T30Engine.answeringReceiver(T30Config.builder().timer(T30Timer.T4, 2_000).build());
        List<T30Action> a = e.start(100);
        assertTrue(a.contains(new T30Action.SetTimer(T30Timer.T1, 35_100)), a.toString());
        assertEquals(35_100, e.nextDeadline().getAsLong());
        a = e.onEvent(new T30Event.SendComplete(), 3_100);
        a = e.onEvent(new T30Event.SendComplete(), 5_000);
        assertTrue(a.contains(new T30Action.SetTimer(T30Timer.T4, 7_000)), "configured T4: " + a);
        assertEquals(7_000, e.nextDeadline().getAsLong());
        assertTrue(e.onEvent(new T30Event.Timeout(), 6_999).isEmpty(), "nothing due yet");
        a = e.onEvent(new T30Event.Timeout(), 7_000);
        assertTrue(a.stream().anyMatch(x -> x instanceof T30Action.SendFrames), "DIS repeated on T4: " + a);
    }

    @Test
    void hangupAndAbort() {
        T30Engine e = receiver(true);
        List<T30Action> a = e.onEvent(new T30Event.Hangup(), 6_000);
        assertEquals(new T30Action.CancelTimer(T30Timer.T1), a.get(0));
        T30Action.CallComplete c = (T30Action.CallComplete) a.get(a.size() - 1);
        assertEquals(T30Result.CALL_DROPPED, c.result());
        assertEquals(T30State.R, c.summary().finalState());
        assertTrue(e.onEvent(new T30Event.Timeout(), 100_000).isEmpty(), "nothing after the end");
        assertTrue(e.nextDeadline().isEmpty());

        T30Engine f = receiver(true);
        a = f.onEvent(new T30Event.Abort(T30Result.LOCAL_ABORT), 6_000);
        assertTrue(a.stream().anyMatch(x -> x instanceof T30Action.SendFrames s
                && s.frames().get(0).fcf().equals(Fcf.DCN)), "DCN sent: " + a);
        assertEquals(T30Result.LOCAL_ABORT, f.result().orElseThrow());
    }

    @Test
    void lifeCycle() {
        T30Engine e = T30Engine.answeringReceiver(T30Config.builder().build());
        assertThrows(IllegalStateException.class, () -> e.onEvent(new T30Event.Timeout(), 0));
        e.start(0);
        assertThrows(IllegalStateException.class, () -> e.start(1));
        assertFalse(e.isSender());
        assertThrows(IllegalArgumentException.class, () -> T30Engine.callingSender(T30Config.builder().build(), null));
        assertFalse(T30State.T.canGoTo(T30State.F_TCF));
        assertTrue(T30State.II_Q.canGoTo(T30State.CALL_FINISHED));
    }
}
