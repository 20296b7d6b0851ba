package org.t37gw.fmsp.session;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.t37gw.ccapi.Application;
import org.t37gw.ccapi.ApplicationRegistry;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallLeg;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.CdrSink;
import org.t37gw.ccapi.Direction;
import org.t37gw.ccapi.LegSetup;
import org.t37gw.ccapi.LegType;
import org.t37gw.ccapi.SetupDecision;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.GatewayConfig;
import org.t37gw.daemon.CallRouter;
import org.t37gw.daemon.RunningConfig;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.vtsp.LoopbackPortDriver;
import org.t37gw.vtsp.PortVtsp;

/**
 * Call control without the daemon, for the loopback line: a config text parsed with {@link ConfigLoader}, a real
 * {@link CallManager} and {@link CallRouter}, the {@link PortVtsp} over the loopback driver of voice-ports 0 and 1,
 * and a recording application {@value #APP} (accepts every call, keeps every event per leg; the test thread
 * drives the calls).
 */
final class LoopbackHarness implements AutoCloseable {
    static final String APP = "test_app";
    static final String CONFIG = """
            voice-port 0
             driver loopback 1
            !
            voice-port 1
             driver loopback 0 called-number 5550100
            !
            dial-peer voice 200 pots
             application test_app
             incoming called-number 555....
             port 1
            !
            """;

    /** The recording application. */
    static final class Recorder implements Application {
        final BlockingQueue<CallLeg> setups = new LinkedBlockingQueue<>();
        final Map<CallId, BlockingQueue<CallEvent>> events = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return APP;
        }

        @Override
        public SetupDecision onSetup(CallLeg leg) {
            setups.add(leg);
            return SetupDecision.ACCEPT;
        }

        @Override
        public void onEvent(CallLeg leg, CallEvent event) {
            queue(leg.id()).add(event);
        }

        BlockingQueue<CallEvent> queue(CallId id) {
            return events.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
        }
    }

    final Recorder app = new Recorder();
    final CallManager calls;
    final PortVtsp vtsp;
    final PortFmsp fmsp;
    final LoopbackPortDriver line;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    LoopbackHarness(double timeScale) {
        ConfigResult r = ConfigLoader.parse(CONFIG, "test.cfg", Set.of(APP));
        assertTrue(r.ok(), () -> "config: " + r.errors());
        GatewayConfig cfg = r.config();
        RunningConfig rc = new RunningConfig(cfg, new DialPeerTable(cfg.dialPeers()), 1, Instant.now(), "test");
        calls = new CallManager(Clock.systemUTC(), new ApplicationRegistry(List.of(app)), CdrSink.NONE, 50);
        line = LoopbackPortDriver.create(cfg.voicePort("0").orElseThrow(), cfg.voicePort("1").orElseThrow(), group,
                timeScale);
        vtsp = new PortVtsp(List.of(line), id -> calls.call(id).map(i -> i.leg().port()));
        vtsp.start(new CallRouter(() -> rc, () -> calls));
        fmsp = new PortFmsp(vtsp);
    }

    /** Registers an outbound leg on {@code port} and dials {@code number} on it. */
    CallId dial(String port, String number, String calling) {
        CallId id = calls.register(new LegSetup(Direction.OUTBOUND, LegType.TELEPHONY, calling, number, 0, port, APP))
                .leg().id();
        vtsp.dial(id, port, number, calling);
        return id;
    }

    CallLeg nextSetup() throws InterruptedException {
        CallLeg l = app.setups.poll(10, TimeUnit.SECONDS);
        assertNotNull(l, "no incoming call");
        return l;
    }

    /** The next event on a leg (waits at most {@code seconds}). */
    CallEvent next(CallId id, int seconds) throws InterruptedException {
        CallEvent e = app.queue(id).poll(seconds, TimeUnit.SECONDS);
        assertNotNull(e, "no event on call " + id);
        return e;
    }

    /** Events on a leg up to and including the first of {@code type}. */
    <T extends CallEvent> List<CallEvent> until(CallId id, Class<T> type, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<CallEvent> got = new java.util.ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            CallEvent e = app.queue(id).poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            assertNotNull(e, "no " + type.getSimpleName() + " on call " + id + " within " + seconds + " s; got " + got);
            got.add(e);
            if (type.isInstance(e)) {
                return got;
            }
        }
    }

    @Override
    public void close() {
        vtsp.stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
