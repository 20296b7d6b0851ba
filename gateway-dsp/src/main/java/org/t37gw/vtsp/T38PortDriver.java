package org.t37gw.vtsp;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.PortDriver;
import org.t37gw.config.VoicePort;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.t30.T30Result;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.UdptlReceiver;
import org.t37gw.fmsp.t38.transport.UdptlChannel;
import org.t37gw.fmsp.t38.transport.UdptlConfig;
import org.t37gw.fmsp.terminal.T38Terminal;

/**
 * The {@code t38} voice-port driver ({@code driver t38 local HOST:PORT remote HOST:PORT called-number N}): one T.38
 * channel (UDPTL) with a fixed peer, until SIP signalling arrives. T.38 packets arriving from the peer while the
 * port is idle are an incoming call for {@code called-number}; dialing out connects to the peer at once (there is
 * no signalling to wait for). A connected call carries one fax session, started with {@link #startFax}, which
 * gets the packets that arrived before the answer (the far end's CNG, say).
 *
 * <p>After a call the channel is opened afresh (new UDPTL sequence numbers both ways) and packets are ignored for
 * a guard time, so the tail of the last call (repeated DCN, no-signal) does not ring the port again.
 *
 * <p>Threads: {@link Vtsp} methods may be called from any thread and return at once; listener calls and the fax
 * session run on the port's event loop.
 */
public final class T38PortDriver implements FaxLineDriver {
    private static final Logger LOG = LoggerFactory.getLogger(T38PortDriver.class);
    private static final int MAX_EARLY_PACKETS = 256;

    /** Tunables. */
    public record Options(UdptlConfig udptl, long guardMillis) {
        public static Options of(InetSocketAddress local, InetSocketAddress remote) {
            return new Options(UdptlConfig.of(local, remote), 2_000);
        }

        public Options withGuardMillis(long ms) {
            return new Options(udptl, ms);
        }
    }

    private enum State { IDLE, RINGING, CONNECTED }

    private final String port;
    private final String calledNumber;
    private final EventLoop loop;
    private final Options options;
    private Listener listener;
    private volatile UdptlChannel channel;
    private State state = State.IDLE;
    private CallId call;
    private final List<IfpPacket> early = new ArrayList<>();
    private T38Terminal terminal;
    private long quietUntilNanos;
    private boolean stopped;

    private T38PortDriver(String port, String calledNumber, EventLoop loop, Options options) {
        this.port = port;
        this.calledNumber = calledNumber;
        this.loop = loop;
        this.options = options;
    }

    /**
     * The driver of a {@code voice-port} whose driver line is {@code driver t38 ...}.
     *
     * @throws IllegalArgumentException if the port's driver is not {@code t38}
     */
    public static T38PortDriver create(VoicePort voicePort, EventLoopGroup group) {
        if (!(voicePort.driver() instanceof PortDriver.T38 t)) {
            throw new IllegalArgumentException("voice-port " + voicePort.name() + " is not a t38 port: "
                    + voicePort.driver().render());
        }
        return create(voicePort, group, Options.of(new InetSocketAddress(t.local().bareHost(), t.local().port()),
                new InetSocketAddress(t.remote().bareHost(), t.remote().port())));
    }

    /** As {@link #create(VoicePort, EventLoopGroup)} with explicit UDPTL settings and guard time. */
    public static T38PortDriver create(VoicePort voicePort, EventLoopGroup group, Options options) {
        return new T38PortDriver(voicePort.name(), voicePort.driver().calledNumber(), group.next(), options);
    }

    @Override
    public String name() {
        return "t38";
    }

    @Override
    public Set<String> ports() {
        return Set.of(port);
    }

    /** The event loop the port and its fax sessions run on. */
    public EventLoop eventLoop() {
        return loop;
    }

    /** The bound local address (useful with port 0). */
    public InetSocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public void start(Listener l) {
        this.listener = l;
        open();
    }

    private void open() {
        try {
            channel = UdptlChannel.open(loop, options.udptl(), new UdptlChannel.Listener() {
                @Override
                public void onIfp(int seq, IfpPacket packet) {
                    received(packet);
                }

                @Override
                public void onGap(UdptlReceiver.Gap gap) {
                    if (terminal != null) {
                        terminal.onGap();
                    }
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted opening voice-port " + port, e);
        }
    }

    @Override
    public void stop() {
        CallId c = onLoop(() -> {
            stopped = true;
            return call;
        });
        if (c != null) {
            hangUp(c, Q850Cause.NORMAL_CLEARING);
        }
        channel.close();
    }

    @Override
    public void dial(CallId callId, String port, String number, String calling) {
        loop.execute(() -> {
            if (state != State.IDLE || stopped) {
                listener.event(new CallEvent.Disconnect(callId, Q850Cause.USER_BUSY));
                return;
            }
            LOG.info("voice-port {}: dialing {} on the T.38 peer {}", this.port, number, options.udptl().remote());
            call = callId;
            state = State.CONNECTED;
            listener.event(new CallEvent.Alerting(callId));
            listener.event(new CallEvent.Connect(callId));
        });
    }

    @Override
    public void answer(CallId callId) {
        loop.execute(() -> {
            if (state != State.RINGING || !callId.equals(call)) {
                LOG.warn("voice-port {}: answer for {} but the port is {}", port, callId, state);
                return;
            }
            state = State.CONNECTED;
            listener.event(new CallEvent.Connect(callId));
        });
    }

    @Override
    public void hangUp(CallId callId, Q850Cause cause) {
        CompletableFuture<Boolean> ended = new CompletableFuture<>();
        loop.execute(() -> {
            if (!callId.equals(call)) {
                ended.complete(false);
                return;
            }
            if (terminal != null && !terminal.outcome().isDone()) {
                terminal.abort(T30Result.LOCAL_ABORT);
            }
            terminal = null;
            call = null;
            state = State.IDLE;
            early.clear();
            quietUntilNanos = System.nanoTime() + options.guardMillis() * 1_000_000;
            listener.event(new CallEvent.Disconnect(callId, cause));
            ended.complete(true);
        });
        // a fresh channel for the next call: new sequence numbers both ways (a peer's next call starts again
        // at its first sequence number, which the old receiver would take for late packets)
        ended.thenAcceptAsync(was -> {
            if (was && !onLoop(() -> stopped)) {
                channel.close();
                reopen(0);
            }
        });
    }

    /** NIO closes a datagram socket only after its selector has let go of it: retry the bind for a while. */
    private void reopen(int attempt) {
        try {
            open();
        } catch (IllegalStateException e) {
            if (attempt >= 100) {
                LOG.error("voice-port {}: cannot open its T.38 channel again: {}", port, e.getMessage());
                return;
            }
            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> reopen(attempt + 1));
        }
    }

    /**
     * Test-only system property: fax time on t38 ports runs this many times faster than wall time, to
     * match a peer that compresses time the same way (the spandsp test peer's {@code --time-scale}).
     * Unset in service: real time, as real peers expect.
     */
    public static final String TIME_SCALE_PROPERTY = "t37gw.t38.timeScale";

    /** The time scale of {@link #TIME_SCALE_PROPERTY}, 1 when unset. */
    public static double systemTimeScale() {
        String v = System.getProperty(TIME_SCALE_PROPERTY);
        if (v == null || v.isBlank()) {
            return 1;
        }
        double d = Double.parseDouble(v.trim());
        if (!(d > 0) || d > 100) {
            throw new IllegalArgumentException(TIME_SCALE_PROPERTY + " must be in (0, 100]: " + v);
        }
        return d;
    }

    /**
     * As {@link #startFax(CallId, T30Engine, T38Terminal.Listener, double)} in real time (a real peer's), or
     * in the time scale of {@link #TIME_SCALE_PROPERTY} when a test sets it.
     */
    @Override
    public T38Terminal startFax(CallId callId, T30Engine engine, T38Terminal.Listener sessionListener) {
        return startFax(callId, engine, sessionListener, systemTimeScale());
    }

    /**
     * Runs a fax session on the connected call: {@code engine} (a calling sender after {@link #dial}, an answering
     * receiver after {@link #answer}) over this port's channel, with the packets that came before.
     */
    public T38Terminal startFax(CallId callId, T30Engine engine, T38Terminal.Listener sessionListener,
                                double timeScale) {
        T38Terminal t = new T38Terminal(engine, loop, (p, copies) -> channel.send(p, copies), sessionListener, timeScale);
        loop.execute(() -> {
            if (state != State.CONNECTED || !callId.equals(call)) {
                throw new IllegalStateException("voice-port " + port + ": no connected call " + callId);
            }
            terminal = t;
            t.start();
            loop.execute(() -> {
                for (IfpPacket p : early) {
                    t.onIfp(p);
                }
                early.clear();
            });
        });
        return t;
    }

    private void received(IfpPacket p) {
        switch (state) {
            case CONNECTED -> {
                if (terminal != null) {
                    terminal.onIfp(p);
                } else if (early.size() < MAX_EARLY_PACKETS) {
                    early.add(p);
                }
            }
            case RINGING -> {
                if (early.size() < MAX_EARLY_PACKETS) {
                    early.add(p);
                }
            }
            case IDLE -> {
                if (stopped || System.nanoTime() < quietUntilNanos) {
                    return;
                }
                Optional<CallId> id = listener.incoming(port, null, calledNumber);
                if (id.isEmpty()) {
                    LOG.info("voice-port {}: incoming T.38 call refused", port);
                    quietUntilNanos = System.nanoTime() + options.guardMillis() * 1_000_000;
                    return;
                }
                LOG.info("voice-port {}: incoming T.38 call {} for {}", port, id.get(), calledNumber);
                call = id.get();
                state = State.RINGING;
                early.add(p);
            }
        }
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return loop.submit(task).syncUninterruptibly().getNow();
    }
}
