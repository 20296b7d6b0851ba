package org.t37gw.ccapi;

import org.t37gw.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class CallManagerTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07Z");

    private MutableClock clock;
    private RecordingApplication onramp;
    private RecordingApplication offramp;
    private List<CallInfo> cdrs;
    private CallManager cm;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        onramp = new RecordingApplication("fax_on_vfc_onramp_app");
        offramp = new RecordingApplication("fax_on_vfc_offramp_app");
        cdrs = Collections.synchronizedList(new ArrayList<>());
        cm = new CallManager(clock, new ApplicationRegistry(List.of(onramp, offramp)), cdrs::add, 3);
    }

    private static LegSetup inbound(String app) {
        return new LegSetup(Direction.INBOUND, LegType.TELEPHONY, "4085551234", "5550100", 10, "0", app);
    }

    private static LegSetup outbound(String app) {
        return new LegSetup(Direction.OUTBOUND, LegType.TELEPHONY, "", "94155550100", 21, "0", app);
    }

    @Test
    void inboundFaxFromRingToCdr() {
        Admission a = cm.register(inbound("fax_on_vfc_onramp_app"));
        assertTrue(a.accepted());
        CallId id = a.leg().id();
        assertEquals(CallState.SETUP, cm.call(id).orElseThrow().state());

        clock.advance(Duration.ofSeconds(2));
        assertTrue(cm.fire(new CallEvent.Connect(id)));
        cm.fire(new CallEvent.FaxModeNegotiated(id, 14400, true, FaxResolution.FINE, FaxCoding.MR));
        cm.fire(new CallEvent.PageReceived(id, 1, true));
        cm.fire(new CallEvent.PageReceived(id, 2, true));
        cm.fire(new CallEvent.DocumentReady(id, Path.of("/spool/in/1.tif"), 2));
        cm.fire(new CallEvent.FaxCompleted(id, true, null));

        CallInfo live = cm.activeCalls().get(0);
        assertEquals(CallState.CONNECTED, live.state());
        assertEquals(2, live.pagesReceived());
        assertEquals(T0.plusSeconds(2), live.connected());
        assertEquals(Duration.ofSeconds(3), live.duration(T0.plusSeconds(3)));
        assertTrue(cdrs.isEmpty(), "no CDR before the leg ends");

        clock.advance(Duration.ofSeconds(58));
        cm.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING));

        assertEquals(List.of("onSetup", "Setup", "Connect", "FaxModeNegotiated", "PageReceived", "PageReceived",
                "DocumentReady", "FaxCompleted", "Disconnect"), onramp.eventsOf(id),
                "admission is asked first, then every event in order");
        assertTrue(cm.activeCalls().isEmpty());
        assertEquals(1, cdrs.size());
        CallInfo cdr = cdrs.get(0);
        assertEquals(CallResult.SUCCESS, cdr.result());
        assertEquals(T0, cdr.start());
        assertEquals(T0.plusSeconds(60), cdr.end());
        assertEquals(14400, cdr.faxMode().bitRate());
        assertEquals(List.of(cdr), cm.history());
        assertEquals(new CallCounters(1, 0, 0, 0, 2, 0), cm.counters());
    }

    @Test
    void aFaxCutOffByANormalClearingIsAFailure() {
        CallId id = cm.register(inbound("fax_on_vfc_onramp_app")).leg().id();
        cm.fire(new CallEvent.Connect(id));
        cm.fire(new CallEvent.FaxModeNegotiated(id, 9600, false, FaxResolution.STANDARD, FaxCoding.MH));
        cm.fire(new CallEvent.RemoteIdentified(id, " +1 555 0100 "));
        cm.fire(new CallEvent.PageReceived(id, 1, true));
        cm.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING));
        assertEquals(CallResult.FAILED, cdrs.get(0).result(), "no FaxCompleted: the fax was cut off");
        assertEquals(1, cdrs.get(0).pagesReceived());
        assertTrue(onramp.eventsOf(id).contains("RemoteIdentified"), onramp.eventsOf(id).toString());
    }

    @Test
    void rejectedSetupIsFinishedAtOnce() {
        onramp.onSetup = leg -> SetupDecision.reject(Q850Cause.CALL_REJECTED, "not a fax number");
        Admission a = cm.register(inbound("fax_on_vfc_onramp_app"));
        assertFalse(a.accepted());
        assertEquals(Q850Cause.CALL_REJECTED, ((SetupDecision.Reject) a.decision()).cause());
        assertEquals(List.of("onSetup"), onramp.eventsOf(a.leg().id()), "no events for a refused leg");
        assertTrue(cm.activeCalls().isEmpty());
        assertEquals(CallResult.REJECTED, cdrs.get(0).result());
        assertEquals(Q850Cause.CALL_REJECTED, cdrs.get(0).cause());
        assertEquals(new CallCounters(1, 0, 1, 0, 0, 0), cm.counters());
        assertFalse(cm.fire(new CallEvent.Connect(a.leg().id())), "a refused leg takes no events");
    }

    @Test
    void missingApplicationRejectsInboundAndFailsOutbound() {
        Admission a = cm.register(inbound("no_such_app"));
        assertFalse(a.accepted());
        assertEquals(Q850Cause.SERVICE_NOT_AVAILABLE, cdrs.get(0).cause());
        assertThrows(IllegalArgumentException.class, () -> cm.register(outbound("no_such_app")));
    }

    @Test
    void failingOnSetupRejectsWithTemporaryFailure() {
        onramp.onSetup = leg -> {
            throw new IllegalStateException("boom");
        };
        Admission a = cm.register(inbound("fax_on_vfc_onramp_app"));
        assertFalse(a.accepted());
        assertEquals(Q850Cause.TEMPORARY_FAILURE, cdrs.get(0).cause());
    }

    @Test
    void legWithoutApplicationIsTrackedOnly() {
        Admission a = cm.register(new LegSetup(Direction.OUTBOUND, LegType.MMOIP, "5550100",
                "fax@example.com", 11, null, null));
        assertTrue(a.accepted());
        cm.fire(new CallEvent.Connect(a.leg().id()));
        cm.fire(new CallEvent.Disconnect(a.leg().id(), Q850Cause.NORMAL_CLEARING));
        assertEquals(CallResult.SUCCESS, cdrs.get(0).result(), "connected and cleared normally, no fax session");
        assertEquals(new CallCounters(0, 1, 0, 0, 0, 0), cm.counters());
    }

    @Test
    void resultFollowsTheFaxSessionAndTheCause() {
        // busy: never connected
        CallId busy = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        cm.fire(new CallEvent.Alerting(busy));
        cm.fire(new CallEvent.Disconnect(busy, Q850Cause.USER_BUSY));
        // connected, pages sent, T.30 failed, line cleared normally: still failed
        CallId t30 = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        cm.fire(new CallEvent.Connect(t30));
        cm.fire(new CallEvent.PageSent(t30, 1));
        cm.fire(new CallEvent.FaxCompleted(t30, false, "RTN on page 2"));
        cm.fire(new CallEvent.Disconnect(t30, Q850Cause.NORMAL_CLEARING));
        // connected and cleared abnormally without a fax result
        CallId drop = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        cm.fire(new CallEvent.Connect(drop));
        cm.fire(new CallEvent.Disconnect(drop, Q850Cause.RECOVERY_ON_TIMER_EXPIRY));

        assertEquals(List.of(CallResult.FAILED, CallResult.FAILED, CallResult.FAILED),
                cdrs.stream().map(CallInfo::result).toList());
        assertEquals("RTN on page 2", cdrs.get(1).diagnostic());
        assertEquals(1, cdrs.get(1).pagesSent());
        assertEquals(new CallCounters(0, 3, 3, 1, 0, 0), cm.counters());
    }

    @Test
    void historyIsBounded() {
        List<CallId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CallId id = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
            ids.add(id);
            cm.fire(new CallEvent.Disconnect(id, Q850Cause.NO_ANSWER));
        }
        assertEquals(ids.subList(2, 5), cm.history().stream().map(CallInfo::id).toList(), "oldest dropped first");
        assertTrue(cm.call(ids.get(0)).isEmpty());
        assertEquals(ids.get(4), cm.call(ids.get(4)).orElseThrow().id());
        assertEquals(5, cdrs.size(), "every leg still gets its CDR");

        CallManager none = new CallManager(clock, new ApplicationRegistry(List.of()), CdrSink.NONE, 0);
        CallId id = none.register(outbound(null)).leg().id();
        none.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING));
        assertTrue(none.history().isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> new CallManager(clock, new ApplicationRegistry(List.of()), CdrSink.NONE, -1));
    }

    @Test
    void eventsForUnknownOrEndedLegsAreDropped() {
        assertFalse(cm.fire(new CallEvent.Connect(CallId.next())));
        CallId id = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        assertTrue(cm.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING)));
        assertFalse(cm.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING)));
        assertEquals(1, cdrs.size(), "one CDR per leg");
    }

    @Test
    void illegalStateChangesAreIgnored() {
        CallId id = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        cm.fire(new CallEvent.Connect(id));
        clock.advance(Duration.ofSeconds(5));
        cm.fire(new CallEvent.Alerting(id));
        cm.fire(new CallEvent.Connect(id));
        CallInfo c = cm.call(id).orElseThrow();
        assertEquals(CallState.CONNECTED, c.state());
        assertEquals(T0, c.connected(), "a second Connect does not move the answer time");
        assertEquals(List.of("Setup", "Connect", "Alerting", "Connect"), offramp.eventsOf(id),
                "the application still sees what the provider said");
    }

    @Test
    void eventsFiredFromACallbackFollowIt() {
        // the on-ramp hangs up as soon as the fax is done, from inside its own callback
        offramp.onEvent = (leg, e) -> {
            if (e instanceof CallEvent.FaxCompleted) {
                assertTrue(cm.fire(new CallEvent.Disconnect(leg.id(), Q850Cause.NORMAL_CLEARING)));
                offramp.log.add("after-fire " + leg.id());
            }
        };
        CallId id = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        cm.fire(new CallEvent.Connect(id));
        cm.fire(new CallEvent.FaxCompleted(id, true, ""));
        assertEquals(List.of("Setup", "Connect", "FaxCompleted", "after-fire", "Disconnect"), offramp.eventsOf(id));
        assertEquals(CallResult.SUCCESS, cdrs.get(0).result());
    }

    @Test
    void eventsFiredDuringOnSetupComeAfterSetup() {
        onramp.onSetup = leg -> {
            cm.fire(new CallEvent.Connect(leg.id())); // the application answers at once
            return SetupDecision.ACCEPT;
        };
        CallId id = cm.register(inbound("fax_on_vfc_onramp_app")).leg().id();
        assertEquals(List.of("onSetup", "Setup", "Connect"), onramp.eventsOf(id));
        assertEquals(CallState.CONNECTED, cm.call(id).orElseThrow().state());
    }

    @Test
    void onSetupMayHangUpBeforeRejecting() {
        onramp.onSetup = leg -> {
            cm.fire(new CallEvent.Disconnect(leg.id(), Q850Cause.NORMAL_CLEARING));
            return SetupDecision.reject(Q850Cause.CALL_REJECTED, "too late");
        };
        cm.register(inbound("fax_on_vfc_onramp_app"));
        assertEquals(1, cdrs.size(), "one CDR even when both happen");
        assertEquals(1, cm.history().size());
    }

    @Test
    void applicationFailuresDoNotStopDelivery() {
        offramp.onEvent = (leg, e) -> {
            if (e instanceof CallEvent.Connect) {
                throw new IllegalStateException("bug in app");
            }
        };
        CallId id = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        cm.fire(new CallEvent.Connect(id));
        cm.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING));
        assertEquals(List.of("Setup", "Connect", "Disconnect"), offramp.eventsOf(id));
    }

    @Test
    void callbacksRunWithTheCallIdInTheMdc() {
        AtomicReference<String> seen = new AtomicReference<>();
        offramp.onEvent = (leg, e) -> seen.set(MDC.get("call"));
        CallId id = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        assertEquals(id.toString(), seen.get());
        assertNull(MDC.get("call"));
    }

    @Test
    void aFailingCdrSinkDoesNotBreakCalls() {
        CallManager broken = new CallManager(clock, new ApplicationRegistry(List.of(offramp)), call -> {
            throw new IOException("disk full");
        }, 2);
        CallId id = broken.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        assertTrue(broken.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING)));
        assertEquals(1, broken.history().size());
    }

    @Test
    void oneLegsEventsNeverOverlapAndNoneAreLost() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger pages = new AtomicInteger();
        offramp.onEvent = (leg, e) -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            if (e instanceof CallEvent.PageReceived) {
                pages.incrementAndGet();
            }
            Thread.yield();
            inside.decrementAndGet();
        };
        CallId id = cm.register(outbound("fax_on_vfc_offramp_app")).leg().id();
        int threads = 4;
        int each = 500;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    cm.fire(new CallEvent.PageReceived(id, i + 1, true));
                }
            });
            th.start();
            list.add(th);
        }
        for (Thread th : list) {
            th.join();
        }
        assertEquals(0, overlaps.get());
        assertEquals(threads * each, pages.get());
        assertEquals(threads * each, cm.call(id).orElseThrow().pagesReceived());
    }

    @Test
    void crossLegCallbacksDoNotDeadlock() throws Exception {
        // on-ramp style: an event on one leg makes the application fire on the other leg, both ways at once
        CallId[] legs = new CallId[2];
        CountDownLatch bothInside = new CountDownLatch(2);
        onramp.onEvent = (leg, e) -> {
            if (e instanceof CallEvent.Connect) {
                bothInside.countDown();
                try {
                    bothInside.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                CallId other = leg.id().equals(legs[0]) ? legs[1] : legs[0];
                cm.fire(new CallEvent.PageSent(other, 1));
            }
        };
        legs[0] = cm.register(new LegSetup(Direction.INBOUND, LegType.TELEPHONY, "1", "2", 10, "0",
                "fax_on_vfc_onramp_app")).leg().id();
        legs[1] = cm.register(new LegSetup(Direction.OUTBOUND, LegType.MMOIP, "2", "a@b", 11, null,
                "fax_on_vfc_onramp_app")).leg().id();
        Thread a = new Thread(() -> cm.fire(new CallEvent.Connect(legs[0])));
        Thread b = new Thread(() -> cm.fire(new CallEvent.Connect(legs[1])));
        a.start();
        b.start();
        a.join(TimeUnit.SECONDS.toMillis(20));
        b.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(a.isAlive() || b.isAlive(), "deadlock");
        assertEquals(List.of("onSetup", "Setup", "Connect", "PageSent"), onramp.eventsOf(legs[0]));
        assertEquals(List.of("Setup", "Connect", "PageSent"), onramp.eventsOf(legs[1]));
    }

    @Test
    void writesCdrLinesThroughTheFileWriter() throws IOException {
        Path file = dir.resolve("cdr.jsonl");
        try (CdrWriter writer = new CdrWriter(file)) {
            CallManager withFile = new CallManager(clock, new ApplicationRegistry(List.of(offramp)), writer, 10);
            CallId id = withFile.register(outbound("fax_on_vfc_offramp_app")).leg().id();
            withFile.fire(new CallEvent.Alerting(id));
            clock.advance(Duration.ofMillis(1500));
            withFile.fire(new CallEvent.Connect(id));
            withFile.fire(new CallEvent.FaxModeNegotiated(id, 9600, false, FaxResolution.STANDARD, FaxCoding.MH));
            withFile.fire(new CallEvent.PageSent(id, 1));
            withFile.fire(new CallEvent.FaxCompleted(id, true, ""));
            clock.advance(Duration.ofSeconds(30));
            withFile.fire(new CallEvent.Disconnect(id, Q850Cause.NORMAL_CLEARING));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size());
        Map<String, Object> m = MiniJson.parseObject(lines.get(0));
        assertEquals("2025-03-04T05:06:07Z", m.get("start"));
        assertEquals("2025-03-04T05:06:38.500Z", m.get("end"));
        assertEquals(31500L, m.get("durationMs"));
        assertEquals("outbound", m.get("direction"));
        assertEquals("telephony", m.get("legType"));
        assertEquals("94155550100", m.get("called"));
        assertEquals(21L, m.get("dialPeer"));
        assertEquals(1L, m.get("pages"));
        assertEquals(9600L, m.get("bitRate"));
        assertEquals(Boolean.FALSE, m.get("ecm"));
        assertEquals("success", m.get("result"));
        assertEquals(16L, m.get("q850Cause"));
    }
}
