package org.t37gw.offramp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.t37gw.ccapi.ApplicationContext;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxSessionOptions;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.PageSink;
import org.t37gw.ccapi.PageSource;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.dialpeer.DialPeerTable;

/** Test doubles for the off-ramp: a hand-driven executor, a settable clock, scripted VTSP and FMSP. */
final class TestDoubles {

    private TestDoubles() {
    }

    /** Runs queued tasks when told to, in the test's thread. */
    static final class ManualExecutor implements Executor {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable r) {
            tasks.add(r);
        }

        /** Runs tasks (and those they queue) until none is left; fails on a runaway loop. */
        void runAll() {
            for (int i = 0; i < 10_000; i++) {
                Runnable r;
                synchronized (this) {
                    r = tasks.poll();
                }
                if (r == null) {
                    return;
                }
                r.run();
            }
            throw new AssertionError("executor did not settle");
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** What a dialled call does. */
    sealed interface Line {
        /** Answered. */
        record Answer() implements Line { }

        /** Cleared before answer with this cause. */
        record Fail(Q850Cause cause) implements Line { }

        /** Nothing happens until the test fires events. */
        record Hold() implements Line { }
    }

    /** A VTSP whose calls follow a script, one {@link Line} per dial (the last one repeats). */
    static final class FakeVtsp implements Vtsp {
        final List<String> dials = new ArrayList<>();
        final List<CallId> calls = new ArrayList<>();
        final Deque<Line> script = new ArrayDeque<>();
        final Set<String> ports;
        CallManager manager;

        FakeVtsp(Set<String> ports) {
            this.ports = ports;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Set<String> ports() {
            return ports;
        }

        @Override
        public void start(Listener listener) {
        }

        @Override
        public void stop() {
        }

        @Override
        public void dial(CallId callId, String port, String number, String calling) {
            dials.add(port + ":" + number + ":" + calling);
            calls.add(callId);
            Line l = script.size() > 1 ? script.poll() : script.peek();
            if (l instanceof Line.Answer) {
                manager.fire(new CallEvent.Connect(callId));
            } else if (l instanceof Line.Fail f) {
                manager.fire(new CallEvent.Disconnect(callId, f.cause()));
            }
        }

        @Override
        public void answer(CallId callId) {
        }

        @Override
        public void hangUp(CallId callId, Q850Cause cause) {
            manager.fire(new CallEvent.Disconnect(callId, cause));
        }
    }

    /** What a fax session does: confirm {@code pages} pages (-1: all), then end as told. */
    record Session(int pages, boolean success, String diagnostic) {
        static Session ok() {
            return new Session(-1, true, "");
        }
    }

    /** An FMSP that reads the pages it is given and reports as scripted. */
    static final class FakeFmsp implements Fmsp {
        final Deque<Session> script = new ArrayDeque<>();
        final List<List<FaxPage>> sent = new ArrayList<>();
        final List<FaxSessionOptions> options = new ArrayList<>();

        @Override
        public FaxSession send(CallId callId, FaxSessionOptions opts, PageSource pages, Consumer<CallEvent> events) {
            options.add(opts);
            Session s = script.size() > 1 ? script.poll() : script.peek();
            List<FaxPage> got = new ArrayList<>();
            try (pages) {
                while (pages.hasNext()) {
                    got.add(pages.next());
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            sent.add(got);
            int n = s.pages() < 0 ? got.size() : Math.min(s.pages(), got.size());
            for (int i = 1; i <= n; i++) {
                events.accept(new CallEvent.PageSent(callId, i));
            }
            events.accept(new CallEvent.FaxCompleted(callId, s.success(), s.diagnostic()));
            return new FaxSession() {
                @Override
                public CallId callId() {
                    return callId;
                }

                @Override
                public void abort(String reason) {
                }
            };
        }

        @Override
        public FaxSession receive(CallId callId, FaxSessionOptions options, PageSink pages,
                                  Consumer<CallEvent> events) {
            throw new UnsupportedOperationException("the off-ramp only sends: a receive here is a bug the test must see");
        }
    }

    /** The daemon as the application sees it, with the services a test offers. */
    static final class TestContext implements ApplicationContext {
        final Map<Class<?>, Object> services = new HashMap<>();
        CallManager manager;
        DialPeerTable table;
        Clock clock;

        @Override
        public CallManager callManager() {
            return manager;
        }

        @Override
        public DialPeerTable dialPeers() {
            return table;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return Optional.ofNullable(services.get(type)).map(type::cast);
        }
    }
}
