package org.t37gw.fmsp.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.fmsp.bench.FaxEndpoint;
import org.t37gw.fmsp.bench.TextPages;
import org.t37gw.fmsp.t30.T30Result;
import org.t37gw.fmsp.t38.transport.UdptlChannel;
import org.t37gw.fmsp.t38.transport.UdptlConfig;
import org.t37gw.fmsp.terminal.T38Terminal;

/**
 * Malformed datagrams never throw out of the transport and never stall other sessions. Several T.38 sessions
 * between our own terminals run at once on loopback, ten times real time, sharing one two-thread event loop group
 * (2-page non-ECM MH faxes at V.17). One session goes through a relay that also injects, from the peer's own
 * address (so the source filter lets it in), a blast of hostile datagrams at both ends: random octets, truncated and
 * wrong-length copies of the real datagrams, real datagrams with their sequence number moved far and near ahead,
 * duplicates, RTCP reports and oversize datagrams. The other sessions' ports get junk from a foreign address. Every
 * session must end: the bystanders with pixel-exact pages within their quiet-run time (plus a margin), the attacked
 * one with a T.30 result (checked pixel-exact when it says OK); nothing may come out of a terminal as an exception,
 * and nothing may reach Netty's pipeline (no WARN or ERROR logged by the transport or Netty).
 */
@Timeout(60)
class HostileDatagramTest {

    private static final double SCALE = 10;
    private static final int BYSTANDERS = 3;
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    private EventLoopGroup group;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        root().detachAppender(logs);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** A sender and a receiver, directly or through a relay, with the wall time it took. */
    private final class Session {
        final FaxEndpoint tx;
        final FaxEndpoint rx;
        final List<Bilevel> pages = TextPages.make(2, 220);
        long startNanos;
        volatile long endNanos;

        Session(int txPort, int rxPort, InetSocketAddress txRemote, InetSocketAddress rxRemote, String name)
                throws InterruptedException {
            tx = FaxEndpoint.sender(group.next(), UdptlConfig.of(loopback(txPort), txRemote), TextPages.copy(pages),
                    "1" + name, SCALE);
            rx = FaxEndpoint.receiver(group.next(), UdptlConfig.of(loopback(rxPort), rxRemote), "2" + name, SCALE);
            closeLater.add(tx);
            closeLater.add(rx);
        }

        void start() {
            startNanos = System.nanoTime();
            tx.start().whenComplete((o, e) -> endNanos = System.nanoTime());
        }

        T38Terminal.Outcome[] await(long seconds) throws Exception {
            T38Terminal.Outcome a = tx.outcome().get(seconds, TimeUnit.SECONDS);
            T38Terminal.Outcome b = rx.outcome().get(seconds, TimeUnit.SECONDS);
            return new T38Terminal.Outcome[] {a, b};
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        void assertClean(T38Terminal.Outcome[] o) {
            assertEquals(T30Result.OK, o[0].result(), "sender " + o[0]);
            assertEquals(T30Result.OK, o[1].result(), "receiver " + o[1]);
            assertEquals(14400, o[0].mode().modulation().bitRate());
            assertNull(FaxEndpoint.compare(pages, rx.decodedPages()));
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(LO, port);
    }

    @Test
    void hostileDatagramsNeitherThrowNorStallOtherSessions() throws Exception {
        // quiet run: the bystanders' normal time
        int[] quietPorts = org.t37gw.testing.FreePorts.udp(2 * BYSTANDERS);
        List<Session> quiet = new ArrayList<>();
        for (int i = 0; i < BYSTANDERS; i++) {
            quiet.add(new Session(quietPorts[2 * i], quietPorts[2 * i + 1], loopback(quietPorts[2 * i + 1]),
                    loopback(quietPorts[2 * i]), "" + i));
        }
        quiet.forEach(Session::start);
        double normal = 0;
        for (Session s : quiet) {
            s.assertClean(s.await(30));
            normal = Math.max(normal, s.seconds());
        }

        // attacked run: one session through the hostile relay, the others blasted from a foreign address
        int[] p = org.t37gw.testing.FreePorts.udp(2 * BYSTANDERS + 2);
        Relay relay = new Relay(loopback(p[0]), loopback(p[1]), 0x738);
        closeLater.add(relay);
        Session attacked = new Session(p[0], p[1], relay.towardsRx(), relay.towardsTx(), "9");
        List<Session> bystanders = new ArrayList<>();
        List<InetSocketAddress> bystanderPorts = new ArrayList<>();
        for (int i = 0; i < BYSTANDERS; i++) {
            int a = p[2 + 2 * i];
            int b = p[3 + 2 * i];
            bystanders.add(new Session(a, b, loopback(b), loopback(a), "" + i));
            bystanderPorts.add(loopback(a));
            bystanderPorts.add(loopback(b));
        }
        Blaster foreign = new Blaster(bystanderPorts, relay, 0x5eed);
        closeLater.add(foreign);
        relay.start();
        foreign.start();
        attacked.start();
        bystanders.forEach(Session::start);

        String summary = "";
        for (Session s : bystanders) {
            s.assertClean(s.await(30));
            summary += String.format(Locale.ROOT, " %.2f", s.seconds());
            assertTrue(s.seconds() <= normal * 1.5 + 1.0, String.format(Locale.ROOT,
                    "a bystander took %.2f s, quiet run %.2f s", s.seconds(), normal));
        }
        T38Terminal.Outcome[] o = attacked.await(40);
        relay.close();
        foreign.close();
        assertNotNull(o[0].result());
        assertNotNull(o[1].result());
        if (o[0].result() == T30Result.OK && o[1].result() == T30Result.OK) {
            assertNull(FaxEndpoint.compare(attacked.pages, attacked.rx.decodedPages()), "attacked session said OK");
        }
        for (Session s : concat(quiet, bystanders, attacked)) {
            assertEquals(List.of(), s.tx.errors());
            assertEquals(List.of(), s.rx.errors());
        }
        List<String> bad = new ArrayList<>();
        for (ILoggingEvent e : logs.list) {
            // the engine's one-line "call failed" is the clean end of the attacked session, not a leak
            if (e.getLevel().isGreaterOrEqual(Level.WARN) && !e.getLoggerName().startsWith("org.t37gw.fmsp.t30.")) {
                bad.add(e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()));
            }
        }
        assertEquals(List.of(), bad, "WARN/ERROR logged");
        UdptlChannel.Stats ts = attacked.tx.channel().stats();
        UdptlChannel.Stats rs = attacked.rx.channel().stats();
        System.out.printf(Locale.ROOT, "hostile: quiet %.2f s, bystanders%s s under %d foreign datagrams; attacked"
                        + " session %s/%s in %.2f s, %d hostile datagrams; tx %s; rx %s%n", normal, summary,
                foreign.sent.get(), o[0].result(), o[1].result(), attacked.seconds(), relay.injected.get(), ts, rs);
        assertTrue(relay.injected.get() > 1000, "the blast was too thin: " + relay.injected.get());
        assertTrue(foreign.sent.get() > 1000, "the foreign blast was too thin: " + foreign.sent.get());
    }

    private static List<Session> concat(List<Session> a, List<Session> b, Session c) {
        List<Session> out = new ArrayList<>(a);
        out.addAll(b);
        out.add(c);
        return out;
    }

    /**
     * Forwards between the attacked session's two ends (each end's fixed peer is one of the relay's sockets) and
     * injects hostile datagrams from those same sockets.
     */
    private static final class Relay implements AutoCloseable {
        final DatagramSocket a; // the sender's peer
        final DatagramSocket b; // the receiver's peer
        final InetSocketAddress txEnd;
        final InetSocketAddress rxEnd;
        final AtomicReferenceArray<byte[]> recent = new AtomicReferenceArray<>(64);
        final AtomicLong forwarded = new AtomicLong();
        final AtomicLong injected = new AtomicLong();
        final Random random;
        volatile boolean running = true;
        final List<Thread> threads = new ArrayList<>();

        Relay(InetSocketAddress txEnd, InetSocketAddress rxEnd, long seed) throws SocketException {
            this.txEnd = txEnd;
            this.rxEnd = rxEnd;
            this.random = new Random(seed);
            a = new DatagramSocket(0, LO);
            b = new DatagramSocket(0, LO);
            a.setSoTimeout(100);
            b.setSoTimeout(100);
        }

        InetSocketAddress towardsRx() {
            return (InetSocketAddress) a.getLocalSocketAddress();
        }

        InetSocketAddress towardsTx() {
            return (InetSocketAddress) b.getLocalSocketAddress();
        }

        void start() {
            threads.add(daemon("relay-a", () -> forward(a, b, rxEnd)));
            threads.add(daemon("relay-b", () -> forward(b, a, txEnd)));
            threads.add(daemon("hostile", this::blast));
            threads.forEach(Thread::start);
        }

        private void forward(DatagramSocket in, DatagramSocket out, InetSocketAddress to) {
            byte[] buf = new byte[2048];
            int i = 0;
            while (running) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                try {
                    in.receive(d);
                    byte[] copy = Arrays.copyOf(buf, d.getLength());
                    out.send(new DatagramPacket(copy, copy.length, to));
                    forwarded.incrementAndGet();
                    recent.set((i++ & 31) + (out == b ? 0 : 32), copy);
                } catch (SocketTimeoutException e) {
                    // check running
                } catch (IOException e) {
                    if (running) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }

        /** About 3000 hostile datagrams a second, half to each end of the attacked session. */
        private void blast() {
            while (running) {
                boolean toRx = random.nextBoolean();
                byte[] real = recent.get(random.nextInt(32) + (toRx ? 0 : 32));
                byte[] junk = Junk.make(random, real);
                try {
                    (toRx ? b : a).send(new DatagramPacket(junk, junk.length, toRx ? rxEnd : txEnd));
                    injected.incrementAndGet();
                } catch (IOException e) {
                    if (running) {
                        throw new IllegalStateException(e);
                    }
                }
                LockSupport.parkNanos(330_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(2000);
            }
            a.close();
            b.close();
        }
    }

    /** Junk from a foreign address at the other sessions' ports (and copies of the attacked session's datagrams). */
    private static final class Blaster implements AutoCloseable {
        final List<InetSocketAddress> targets;
        final Relay relay;
        final DatagramSocket s;
        final Random random;
        final AtomicLong sent = new AtomicLong();
        volatile boolean running = true;
        Thread thread;

        Blaster(List<InetSocketAddress> targets, Relay relay, long seed) throws SocketException {
            this.targets = targets;
            this.relay = relay;
            this.random = new Random(seed);
            this.s = new DatagramSocket(0, LO);
        }

        void start() {
            thread = daemon("foreign", () -> {
                while (running) {
                    byte[] junk = Junk.make(random, relay.recent.get(random.nextInt(64)));
                    try {
                        s.send(new DatagramPacket(junk, junk.length, targets.get(random.nextInt(targets.size()))));
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        if (running) {
                            throw new IllegalStateException(e);
                        }
                    }
                    LockSupport.parkNanos(500_000);
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(2000);
            }
            s.close();
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
