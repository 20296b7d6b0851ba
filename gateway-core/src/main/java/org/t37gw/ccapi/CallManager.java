package org.t37gw.ccapi;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Call control: the registry of live call legs (IOS CCAPI). Drivers and applications register legs and
 * report events here; the manager keeps each leg's state, hands the events to the leg's
 * {@link Application}, keeps a bounded history of finished legs and writes one CDR per finished leg.
 *
 * <h2>Threads</h2>
 * Any thread may call any method. A leg's events reach its application one at a time and in the order they
 * were fired: the first thread that fires an event on an idle leg delivers it and whatever else is queued for
 * that leg meanwhile; other threads only queue and return. An application may therefore fire events (on its
 * own leg or on others) from inside a callback without deadlock; an event fired on the same leg is delivered
 * after the callback returns. State and counters change when an event is fired, so snapshots are current
 * even while delivery is pending. Callbacks run without the manager's lock held.
 *
 * <p>Application exceptions are logged and otherwise ignored; a failing {@link Application#onSetup} rejects the
 * call with {@link Q850Cause#TEMPORARY_FAILURE}.
 */
public final class CallManager {

    /** History length when none is configured. */
    public static final int DEFAULT_HISTORY_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(CallManager.class);
    private static final String MDC_KEY = "call";

    private final Clock clock;
    private final ApplicationRegistry applications;
    private final CdrSink cdr;
    private final int historySize;

    private final Object lock = new Object();
    private final Map<CallId, Leg> active = new TreeMap<>();
    private final Deque<CallInfo> history = new ArrayDeque<>();
    private long callsIn;
    private long callsOut;
    private long failed;
    private long pagesSent;
    private long pagesReceived;

    /**
     * @param clock        where times come from
     * @param applications the applications legs are handed to, by name
     * @param cdr          where finished legs are recorded ({@link CdrSink#NONE} for none)
     * @param historySize  how many finished legs to keep for {@link #history()} ({@code >= 0})
     */
    public CallManager(Clock clock, ApplicationRegistry applications, CdrSink cdr, int historySize) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.applications = Objects.requireNonNull(applications, "applications");
        this.cdr = Objects.requireNonNull(cdr, "cdr");
        if (historySize < 0) {
            throw new IllegalArgumentException("history size must not be negative: " + historySize);
        }
        this.historySize = historySize;
    }

    /** The mutable state of one live leg; guarded by {@link #lock}. */
    private static final class Leg {
        final CallLeg leg;
        final Application app;
        final Instant start;
        final Deque<CallEvent> queue = new ArrayDeque<>();
        boolean delivering;
        CallState state = CallState.SETUP;
        Instant connected;
        Instant end;
        int pagesSent;
        int pagesReceived;
        CallEvent.FaxModeNegotiated faxMode;
        CallEvent.FaxCompleted faxCompleted;
        Q850Cause cause;
        CallResult result;

        Leg(CallLeg leg, Application app, Instant start) {
            this.leg = leg;
            this.app = app;
            this.start = start;
        }

        CallInfo snapshot() {
            return new CallInfo(leg, state, start, connected, end, pagesSent, pagesReceived, faxMode, cause, result,
                    faxCompleted == null ? "" : faxCompleted.diagnostic());
        }
    }

    /**
     * Registers a new leg with a fresh {@link CallId}. For an inbound leg with an application, the
     * application's {@link Application#onSetup} decides; a rejected leg is finished at once (history, CDR).
     * An accepted leg gets its {@link CallEvent.Setup} event.
     *
     * @throws IllegalArgumentException for an outbound leg naming an application that is not installed
     */
    public Admission register(LegSetup setup) {
        CallId id = CallId.next();
        CallLeg leg = new CallLeg(id, setup.direction(), setup.type(), setup.calling(), setup.called(),
                setup.dialPeerTag(), setup.port(), setup.application());
        Application app = null;
        if (setup.application() != null) {
            app = applications.find(setup.application()).orElse(null);
            if (app == null && setup.direction() == Direction.OUTBOUND) {
                throw new IllegalArgumentException("no application named '" + setup.application() + "'");
            }
        }
        Leg l = new Leg(leg, app, clock.instant());
        synchronized (lock) {
            active.put(id, l);
            l.delivering = true; // events fired during onSetup wait until Setup is delivered
            if (leg.direction() == Direction.INBOUND) {
                callsIn++;
            } else {
                callsOut++;
            }
        }
        LOG.info("call {}: {} {} leg {} -> {} dial-peer {} port {} application {}", id, leg.direction().label(),
                leg.type().label(), leg.calling(), leg.called(), leg.dialPeerTag(), leg.port(), leg.application());

        SetupDecision decision = SetupDecision.ACCEPT;
        if (leg.direction() == Direction.INBOUND && setup.application() != null) {
            decision = app == null
                    ? SetupDecision.reject(Q850Cause.SERVICE_NOT_AVAILABLE,
                            "application " + setup.application() + " is not installed")
                    : askSetup(app, leg);
        }
        if (decision instanceof SetupDecision.Reject reject) {
            LOG.info("call {}: rejected, cause {}: {}", id, reject.cause(), reject.reason());
            CallInfo finished = null;
            synchronized (lock) {
                l.queue.clear();
                l.delivering = false;
                if (l.end == null) { // unless the application already disconnected it from onSetup
                    finished = finish(l, reject.cause(), CallResult.REJECTED);
                }
            }
            if (finished != null) {
                writeCdr(finished);
            }
            return new Admission(leg, decision);
        }
        synchronized (lock) {
            l.queue.addFirst(new CallEvent.Setup(id, leg.calling(), leg.called()));
        }
        drain(l);
        return new Admission(leg, decision);
    }

    private SetupDecision askSetup(Application app, CallLeg leg) {
        MDC.put(MDC_KEY, leg.id().toString());
        try {
            SetupDecision d = app.onSetup(leg);
            return d == null ? SetupDecision.reject(Q850Cause.TEMPORARY_FAILURE, "application returned no decision") : d;
        } catch (RuntimeException e) {
            LOG.error("call {}: application {} failed in onSetup", leg.id(), app.name(), e);
            return SetupDecision.reject(Q850Cause.TEMPORARY_FAILURE, "application failed: " + e);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * Records an event and hands it to the leg's application.
     *
     * @return {@code false} if the leg is unknown or already disconnected (the event is logged and dropped)
     */
    public boolean fire(CallEvent event) {
        Objects.requireNonNull(event, "event");
        Leg l;
        CallInfo finished = null;
        synchronized (lock) {
            l = active.get(event.callId());
            if (l == null) {
                LOG.warn("call {}: event {} for no active call, dropped", event.callId(), event);
                return false;
            }
            Instant now = clock.instant();
            if (event instanceof CallEvent.Alerting) {
                transition(l, CallState.ALERTING);
            } else if (event instanceof CallEvent.Connect) {
                if (transition(l, CallState.CONNECTED)) {
                    l.connected = now;
                }
            } else if (event instanceof CallEvent.FaxModeNegotiated m) {
                l.faxMode = m;
            } else if (event instanceof CallEvent.PageSent) {
                l.pagesSent++;
                pagesSent++;
            } else if (event instanceof CallEvent.PageReceived) {
                l.pagesReceived++;
                pagesReceived++;
            } else if (event instanceof CallEvent.FaxCompleted f) {
                l.faxCompleted = f;
            } else if (event instanceof CallEvent.Disconnect d) {
                CallResult result;
                if (l.faxCompleted != null) {
                    result = l.faxCompleted.success() ? CallResult.SUCCESS : CallResult.FAILED;
                } else if (l.faxMode != null) {
                    // a fax session started and never completed: the line dropped mid-fax
                    result = CallResult.FAILED;
                } else {
                    result = l.connected != null && d.cause().isNormalClearing()
                            ? CallResult.SUCCESS : CallResult.FAILED;
                }
                finished = finish(l, d.cause(), result);
            }
            // Setup and DocumentReady change no state; they are only delivered
            l.queue.addLast(event);
            if (l.delivering) {
                l = null; // another thread delivers
            } else {
                l.delivering = true;
            }
        }
        if (finished != null) {
            writeCdr(finished);
        }
        if (l != null) {
            drain(l);
        }
        return true;
    }

    /** Moves a leg on; logs and refuses a move the state table does not allow. Holds {@link #lock}. */
    private boolean transition(Leg l, CallState next) {
        if (!l.state.canMoveTo(next)) {
            LOG.warn("call {}: illegal state change {} -> {}, ignored", l.leg.id(), l.state, next);
            return false;
        }
        LOG.info("call {}: {} -> {}", l.leg.id(), l.state, next);
        l.state = next;
        return true;
    }

    /** Ends a leg: out of the active set, into the history, counted. Holds {@link #lock}. */
    private CallInfo finish(Leg l, Q850Cause cause, CallResult result) {
        l.end = clock.instant();
        l.state = CallState.DISCONNECTED;
        l.cause = cause;
        l.result = result;
        active.remove(l.leg.id());
        if (result != CallResult.SUCCESS) {
            failed++;
        }
        CallInfo info = l.snapshot();
        if (historySize > 0) {
            while (history.size() >= historySize) {
                history.removeFirst();
            }
            history.addLast(info);
        }
        LOG.info("call {}: disconnected, cause {}, result {}, {} pages", l.leg.id(), cause, result.label(),
                info.pages());
        return info;
    }

    /** Delivers a leg's queued events, one at a time, until the queue is empty. */
    private void drain(Leg l) {
        while (true) {
            CallEvent next;
            synchronized (lock) {
                next = l.queue.pollFirst();
                if (next == null) {
                    l.delivering = false;
                    return;
                }
            }
            if (l.app != null) {
                MDC.put(MDC_KEY, l.leg.id().toString());
                try {
                    l.app.onEvent(l.leg, next);
                } catch (RuntimeException e) {
                    LOG.error("call {}: application {} failed on {}", l.leg.id(), l.app.name(), next, e);
                } finally {
                    MDC.remove(MDC_KEY);
                }
            }
        }
    }

    private void writeCdr(CallInfo info) {
        try {
            cdr.write(info);
        } catch (IOException | RuntimeException e) {
            LOG.error("call {}: CDR not written", info.id(), e);
        }
    }

    /** The leg with this id, active or still in the history. */
    public Optional<CallInfo> call(CallId id) {
        synchronized (lock) {
            Leg l = active.get(id);
            if (l != null) {
                return Optional.of(l.snapshot());
            }
            for (CallInfo c : history) {
                if (c.id().equals(id)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** The legs up now, oldest first ({@code show call active}). */
    public List<CallInfo> activeCalls() {
        synchronized (lock) {
            List<CallInfo> list = new ArrayList<>(active.size());
            for (Leg l : active.values()) {
                list.add(l.snapshot());
            }
            return List.copyOf(list);
        }
    }

    /** The last finished legs, oldest first, at most the configured history size ({@code show call history}). */
    public List<CallInfo> history() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }

    /** Totals since start. */
    public CallCounters counters() {
        synchronized (lock) {
            return new CallCounters(callsIn, callsOut, failed, pagesSent, pagesReceived, active.size());
        }
    }

    /** The clock this manager stamps events with. */
    public Clock clock() {
        return clock;
    }
}
