package org.t37gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.t37gw.ccapi.ApplicationRegistry;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.Dmsp;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.GatewayConfig;
import org.t37gw.daemon.ComponentProvider;
import org.t37gw.daemon.Container;
import org.t37gw.daemon.DaemonContext;
import org.t37gw.daemon.RunningConfig;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.dialpeer.MaxConnTracker;
import org.t37gw.dmsp.service.DmspService;
import org.t37gw.fmsp.session.PortFmsp;
import org.t37gw.spool.Spool;
import org.t37gw.vtsp.PortVtsp;

/** The provider against a fake daemon: which ports it drives, what it offers, what it says is not built. */
@Timeout(30)
class DspComponentsTest {

    static final String CONFIG = """
            voice-port 0
             driver loopback 1
            !
            voice-port 1
             driver loopback 0 called-number 5550100
            !
            voice-port 2
             driver t38 local 127.0.0.1:%d remote 127.0.0.1:9 called-number 5550200
            !
            voice-port 3
             driver class1 /dev/ttyUSB9
            !
            """;

    /** The daemon as a provider sees it, recording what it is told. */
    static final class FakeContext implements DaemonContext {
        final RunningConfig rc;
        final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
        final List<String> listening = new ArrayList<>();
        final List<String> notBuilt = new ArrayList<>();
        final java.util.concurrent.BlockingQueue<CallEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
        final CallManager calls = new CallManager(Clock.systemUTC(), new ApplicationRegistry(List.of()),
                org.t37gw.ccapi.CdrSink.NONE, 10);

        FakeContext(String config) {
            ConfigResult r = ConfigLoader.parse(config, "test.cfg");
            assertTrue(r.ok(), () -> "config: " + r.errors());
            GatewayConfig cfg = r.config();
            rc = new RunningConfig(cfg, new DialPeerTable(cfg.dialPeers()), 1, Instant.now(), "test");
        }

        @Override
        public RunningConfig currentConfig() {
            return rc;
        }

        @Override
        public Path stateDir() {
            return Path.of("unused");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public Spool spool() {
            return null;
        }

        @Override
        public CallManager calls() {
            return calls;
        }

        @Override
        public ApplicationRegistry applications() {
            return new ApplicationRegistry(List.of());
        }

        @Override
        public MaxConnTracker maxConn() {
            return new MaxConnTracker();
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            services.put(type, service);
        }

        @Override
        public Vtsp.Listener callRouter() {
            return new Vtsp.Listener() {
                @Override
                public Optional<CallId> incoming(String port, String calling, String called) {
                    return Optional.empty();
                }

                @Override
                public void event(CallEvent event) {
                    events.add(event);
                }
            };
        }

        @Override
        public synchronized void listening(String what) {
            listening.add(what);
        }

        @Override
        public synchronized void notBuilt(String what) {
            notBuilt.add(what);
        }
    }

    private static int freeUdpPort() throws java.io.IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void foundByServiceLoader() {
        assertTrue(ServiceLoader.load(ComponentProvider.class).stream()
                .anyMatch(p -> p.type() == DspComponents.class));
    }

    @Test
    void drivesLoopbackAndT38PortsAndNamesTheRest() throws Exception {
        FakeContext ctx = new FakeContext(CONFIG.formatted(freeUdpPort()));
        Container c = new Container("test");
        new DspComponents(10).contribute(ctx, c);

        assertEquals(List.of("voice-port 3: driver class1 (not built yet)"), ctx.notBuilt);
        PortVtsp vtsp = assertInstanceOf(PortVtsp.class, ctx.services.get(Vtsp.class));
        assertEquals(java.util.Set.of("0", "1", "2"), vtsp.ports());
        assertEquals("t38+loopback", vtsp.name());
        assertInstanceOf(PortFmsp.class, ctx.services.get(Fmsp.class));
        assertInstanceOf(DmspService.class, ctx.services.get(Dmsp.class));
        assertEquals(1, c.children().size());

        c.start();
        try {
            assertEquals(1, ctx.listening.size(), ctx.listening.toString());
            assertTrue(ctx.listening.get(0).matches("t38 voice-port 2 127\\.0\\.0\\.1:[1-9][0-9]*"), ctx.listening.get(0));
            // a dial on a port no driver drives, and one on the loopback refused by call control
            CallId nowhere = CallId.next();
            vtsp.dial(nowhere, "3", "1", null);
            CallId refused = CallId.next();
            vtsp.dial(refused, "0", "5550100", null);
            List<CallEvent> seen = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                CallEvent e = ctx.events.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(e != null, "no event; got " + seen);
                seen.add(e);
            }
            assertTrue(seen.contains(new CallEvent.Disconnect(nowhere,
                    org.t37gw.ccapi.Q850Cause.REQUESTED_CHANNEL_NOT_AVAILABLE)), seen.toString());
            assertTrue(seen.contains(new CallEvent.Disconnect(refused, org.t37gw.ccapi.Q850Cause.CALL_REJECTED)),
                    seen.toString());
        } finally {
            long t0 = System.nanoTime();
            c.stop();
            assertTrue(System.nanoTime() - t0 < 8_000_000_000L, "stop took too long");
        }
    }

    @Test
    void noDrivenPortsStillOffersTheDmsp() throws Exception {
        FakeContext ctx = new FakeContext("voice-port 7\n driver class2 /dev/ttyS0\n!\n");
        Container c = new Container("test");
        new DspComponents(1).contribute(ctx, c);
        assertEquals(List.of("voice-port 7: driver class2 (not built yet)"), ctx.notBuilt);
        assertTrue(ctx.services.containsKey(Dmsp.class));
        assertTrue(!ctx.services.containsKey(Vtsp.class) && c.children().isEmpty());
    }
}
