package org.t37gw.vtsp;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.config.PortDriver;
import org.t37gw.config.VoicePort;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.t30.T30Result;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.terminal.T38Terminal;

/**
 * The {@code loopback} voice-port driver: an in-JVM line joining two of the gateway's own voice-ports
 * ({@code voice-port 0 / driver loopback 1} and {@code voice-port 1 / driver loopback 0 called-number 5550100}).
 * One instance drives both ends of the line.
 *
 * <ul>
 *   <li><b>Dial</b> on one end rings the other: {@code Listener.incoming(otherPort, calling, called)} where
 *       {@code called} is the other end's {@code called-number} when it has one, else the dialled digits, and
 *       {@code calling} is the calling number the dial presented. If call control refuses the call, the dialling
 *       leg gets {@code Disconnect} with cause 21 (call rejected); if either end is busy, cause 17 (user busy).
 *       Otherwise the dialling leg gets {@code Alerting}.</li>
 *   <li><b>Answer</b> of the ringing leg connects the line: {@code Connect} for the answering leg, then for the
 *       dialling leg.</li>
 *   <li><b>Hang-up</b> of either leg (ringing or connected) clears the line: a fax session on either end is aborted
 *       (the hanging-up end's with {@code LOCAL_ABORT}, the other's with {@code CALL_DROPPED}), then
 *       {@code Disconnect} with the given Q.850 cause for the hanging-up leg and then the other leg.</li>
 * </ul>
 *
 * <p>A fax over the line is a real T.30 exchange: each end runs a {@link T38Terminal} whose IFP packets are handed
 * to the other end's terminal on the event loop (no UDP, no loss, each packet once). Packets that arrive before the
 * other end has started its session are kept for it (as a T.38 gateway keeps the far end's CNG); packets of a call
 * that has since been cleared are dropped. Fax time runs {@code timeScale} times wall time (1 by default, or the
 * system property {@value #TIME_SCALE_PROPERTY}); both ends always run the same scale.
 *
 * <p>Threads: every method may be called from any thread and returns at once; listener calls and the fax sessions
 * run on the line's event loop.
 */
public final class LoopbackPortDriver implements FaxLineDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackPortDriver.class);
    private static final int MAX_EARLY_PACKETS = 256;

    /** System property with the time scale of loopback fax sessions (tests and demos; default 1). */
    public static final String TIME_SCALE_PROPERTY = "t37gw.loopback.timeScale";

    private enum State { IDLE, ALERTING, RINGING, CONNECTED }

    /** One end of the line. Guarded by the event loop. */
    private final class End {
        final String port;
        final String calledNumber;
        End peer;
        State state = State.IDLE;
        CallId call;
        T38Terminal terminal;
        final List<IfpPacket> early = new ArrayList<>();

        End(String port, String calledNumber) {
            this.port = port;
            this.calledNumber = calledNumber;
        }

        void clear() {
            state = State.IDLE;
            call = null;
            terminal = null;
            early.clear();
        }
    }

    private final End a;
    private final End b;
    private final EventLoop loop;
    private final double timeScale;
    private Listener listener;
    private boolean stopped;
    /** Bumped when a call is cleared, so packets still in flight from it are dropped. */
    private long generation;

    private LoopbackPortDriver(String portA, String calledA, String portB, String calledB, EventLoop loop,
                               double timeScale) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("time scale must be positive: " + timeScale);
        }
        this.a = new End(portA, calledA);
        this.b = new End(portB, calledB);
        a.peer = b;
        b.peer = a;
        this.loop = loop;
        this.timeScale = timeScale;
    }

    /**
     * The line joining two {@code loopback} voice-ports that name each other, in real time unless the system
     * property {@value #TIME_SCALE_PROPERTY} says otherwise.
     */
    public static LoopbackPortDriver create(VoicePort one, VoicePort other, EventLoopGroup group) {
        return create(one, other, group, systemTimeScale());
    }

    /**
     * The line joining two {@code loopback} voice-ports that name each other.
     *
     * @param timeScale fax time runs this many times faster than wall time (1 in service; tests use 10 or so)
     * @throws IllegalArgumentException if the ports are not loopback ports naming each other
     */
    public static LoopbackPortDriver create(VoicePort one, VoicePort other, EventLoopGroup group, double timeScale) {
        if (!(one.driver() instanceof PortDriver.Loopback l1) || !(other.driver() instanceof PortDriver.Loopback l2)
                || !l1.peerPort().equals(other.name()) || !l2.peerPort().equals(one.name())
                || one.name().equals(other.name())) {
            throw new IllegalArgumentException("voice-ports " + one.name() + " and " + other.name()
                    + " are not two loopback ports naming each other");
        }
        return new LoopbackPortDriver(one.name(), l1.calledNumber(), other.name(), l2.calledNumber(), group.next(),
                timeScale);
    }

    /** The time scale from {@value #TIME_SCALE_PROPERTY}, 1 when unset or not a positive number. */
    public static double systemTimeScale() {
        String v = System.getProperty(TIME_SCALE_PROPERTY);
        if (v == null || v.isBlank()) {
            return 1;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && d <= 1000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        LOG.warn("{}={} is not a time scale in (0, 1000]; using 1", TIME_SCALE_PROPERTY, v);
        return 1;
    }

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public Set<String> ports() {
        return Set.of(a.port, b.port);
    }

    public double timeScale() {
        return timeScale;
    }

    /** The event loop the line and its fax sessions run on. */
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public void start(Listener l) {
        this.listener = l;
    }

    @Override
    public void stop() {
        var done = loop.submit(() -> {
            stopped = true;
            End e = a.call != null ? a : b.call != null ? b : null;
            if (e != null) {
                clear(e, Q850Cause.NORMAL_CLEARING);
            }
        });
        if (!done.awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            LOG.warn("loopback line {}-{}: stop did not finish in 5 s", a.port, b.port);
        }
    }

    private End end(String port) {
        return a.port.equals(port) ? a : b.port.equals(port) ? b : null;
    }

    private End endOf(CallId id) {
        return id.equals(a.call) ? a : id.equals(b.call) ? b : null;
    }

    @Override
    public void dial(CallId callId, String port, String number, String calling) {
        loop.execute(() -> {
            End e = end(port);
            if (e == null) {
                LOG.warn("loopback line {}-{}: dial on voice-port {}, not one of its ports", a.port, b.port, port);
                listener.event(new CallEvent.Disconnect(callId, Q850Cause.REQUESTED_CHANNEL_NOT_AVAILABLE));
                return;
            }
            if (stopped || e.state != State.IDLE || e.peer.state != State.IDLE) {
                LOG.info("voice-port {}: dial {} for call {}: line busy", port, number, callId);
                listener.event(new CallEvent.Disconnect(callId, Q850Cause.USER_BUSY));
                return;
            }
            End far = e.peer;
            e.call = callId;
            e.state = State.ALERTING; // a dial on the far end from inside incoming() finds the line busy
            String called = far.calledNumber != null ? far.calledNumber : number;
            LOG.info("voice-port {}: call {} dials {}: ringing voice-port {} for {}", port, callId, number, far.port,
                    called);
            Optional<CallId> in;
            try {
                in = listener.incoming(far.port, calling, called);
            } catch (RuntimeException ex) {
                LOG.error("voice-port {}: call control failed on an incoming call", far.port, ex);
                in = Optional.empty();
            }
            if (!callId.equals(e.call)) {
                // cleared from inside incoming() (a hang-up cannot get here: it is queued); nothing more to do
                return;
            }
            if (in.isEmpty()) {
                LOG.info("voice-port {}: call for {} refused", far.port, called);
                e.clear();
                listener.event(new CallEvent.Disconnect(callId, Q850Cause.CALL_REJECTED));
                return;
            }
            far.call = in.get();
            far.state = State.RINGING;
            listener.event(new CallEvent.Alerting(callId));
        });
    }

    @Override
    public void answer(CallId callId) {
        loop.execute(() -> {
            End e = endOf(callId);
            if (e == null || e.state != State.RINGING) {
                LOG.warn("loopback line {}-{}: answer for {} but no such call is ringing", a.port, b.port, callId);
                return;
            }
            e.state = State.CONNECTED;
            e.peer.state = State.CONNECTED;
            LOG.info("voice-port {}: call {} answered, connected to call {} on voice-port {}", e.port, callId,
                    e.peer.call, e.peer.port);
            listener.event(new CallEvent.Connect(callId));
            listener.event(new CallEvent.Connect(e.peer.call));
        });
    }

    @Override
    public void hangUp(CallId callId, Q850Cause cause) {
        loop.execute(() -> {
            End e = endOf(callId);
            if (e == null) {
                LOG.debug("loopback line {}-{}: hang-up of {}: not a call on the line (already cleared)", a.port,
                        b.port, callId);
                return;
            }
            clear(e, cause);
        });
    }

    /** Clears the line from end {@code e}'s side. On the loop. */
    private void clear(End e, Q850Cause cause) {
        End far = e.peer;
        CallId near = e.call;
        CallId other = far.call;
        generation++;
        if (e.terminal != null && !e.terminal.outcome().isDone()) {
            e.terminal.abort(T30Result.LOCAL_ABORT);
        }
        if (far.terminal != null && !far.terminal.outcome().isDone()) {
            far.terminal.abort(T30Result.CALL_DROPPED);
        }
        e.clear();
        far.clear();
        LOG.info("voice-port {}: call {} hung up, cause {}{}", e.port, near, cause,
                other == null ? "" : "; call " + other + " on voice-port " + far.port + " cleared");
        listener.event(new CallEvent.Disconnect(near, cause));
        if (other != null) {
            listener.event(new CallEvent.Disconnect(other, cause));
        }
    }

    @Override
    public T38Terminal startFax(CallId callId, T30Engine engine, T38Terminal.Listener sessionListener) {
        long[] gen = new long[1];
        End[] from = new End[1];
        T38Terminal t = new T38Terminal(engine, loop, (p, copies) -> deliver(from[0].peer, gen[0], p),
                sessionListener, timeScale);
        loop.execute(() -> {
            End e = endOf(callId);
            if (e == null || e.state != State.CONNECTED) {
                LOG.warn("loopback line {}-{}: fax for {} but no such call is connected; not started", a.port,
                        b.port, callId);
                return;
            }
            if (e.terminal != null && !e.terminal.outcome().isDone()) {
                LOG.warn("voice-port {}: a fax session is already running on call {}; not started", e.port, callId);
                return;
            }
            from[0] = e;
            gen[0] = generation;
            e.terminal = t;
            t.start();
            loop.execute(() -> {
                // after start() has run on the loop: the far end's packets that came first
                if (e.terminal == t && gen[0] == generation) {
                    List<IfpPacket> kept = new ArrayList<>(e.early);
                    e.early.clear();
                    for (IfpPacket p : kept) {
                        t.onIfp(p);
                    }
                }
            });
        });
        return t;
    }

    /** A packet from one end's terminal, handed to the other end after what is already queued. On the loop. */
    private void deliver(End to, long gen, IfpPacket p) {
        loop.execute(() -> {
            if (gen != generation || to.state != State.CONNECTED) {
                return; // the call it belonged to is gone
            }
            if (to.terminal != null) {
                to.terminal.onIfp(p);
            } else if (to.early.size() < MAX_EARLY_PACKETS) {
                to.early.add(p);
            }
        });
    }

    @Override
    public String toString() {
        return "loopback " + a.port + "-" + b.port;
    }
}
