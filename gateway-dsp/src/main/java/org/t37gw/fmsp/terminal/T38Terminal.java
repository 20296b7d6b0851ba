package org.t37gw.fmsp.terminal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.fmsp.t30.CallSummary;
import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.RemoteInfo;
import org.t37gw.fmsp.t30.T30Action;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.t30.T30Event;
import org.t37gw.fmsp.t30.T30Result;
import org.t37gw.fmsp.t30.T30State;
import org.t37gw.fmsp.t38.IfpPacket;

/**
 * The T.38 terminal: runs one {@link T30Engine} over IFP packets. The mapping is done by the pure
 * {@link IfpTransmitter} and {@link IfpReceiver}; this class only keeps time, on one Netty event loop: the
 * engine's clock is fax time (wall time since start multiplied by the time scale), outgoing packets are paced at
 * the modem rate with scheduled tasks, and the engine's timers are scheduled tasks too. Nothing blocks.
 *
 * <p>The owner wires the packets: outgoing ones go to an {@link IfpOutput} (a {@code UdptlChannel} normally),
 * incoming ones come in through {@link #onIfp} and {@link #onGap} on the same event loop. All methods must be
 * called on {@link #eventLoop()} (use {@link #start()} from anywhere: it hops onto the loop).
 */
public final class T38Terminal {
    private static final Logger LOG = LoggerFactory.getLogger(T38Terminal.class);

    /** Where the terminal's packets go. */
    @FunctionalInterface
    public interface IfpOutput {
        void send(IfpPacket packet, int copies);
    }

    /** What the session produces besides its end; every method runs on the event loop. */
    public interface Listener {
        default void remoteIdentified(RemoteInfo info) {
        }

        default void pageSent(int index, PageMode mode) {
        }

        /** An accepted page; the data is as received (T.4/T.6, first bit on the line in the LSB). */
        default void pageReceived(T30Action.PageReceived page) throws Exception {
        }
    }

    /** How the session ended. */
    public record Outcome(T30Result result, CallSummary summary, PageMode mode, String remoteIdent) {
    }

    private final T30Engine engine;
    private final EventLoop loop;
    private final IfpOutput output;
    private final Listener listener;
    private final double timeScale;
    private final IfpTransmitter tx = new IfpTransmitter();
    private final IfpReceiver rx = new IfpReceiver();
    private final ArrayDeque<TxStep> queue = new ArrayDeque<>();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private long startNanos;
    private double txClock;
    private boolean pumping;
    private ScheduledFuture<?> pumpTask;
    /** The paced pump's task, one per terminal rather than one per scheduled packet. */
    private final Runnable pumpLater = () -> {
        pumpTask = null;
        pump();
    };
    private ScheduledFuture<?> timerTask;
    private long timerAt = Long.MIN_VALUE;
    private T30Action.CallComplete complete;
    private String remoteIdent = "";
    private boolean started;
    private boolean timeoutDeferred;
    private long deferredSince;
    /** Longest the engine's timers wait for the far end's signal to end (fax ms). */
    private static final long MAX_DEFER_MILLIS = 10_000;

    /**
     * @param timeScale fax time runs this many times faster than wall time (1 for real peers; tests use the
     *                  same factor on both ends, as the spandsp peer's {@code --time-scale})
     */
    public T38Terminal(T30Engine engine, EventLoop loop, IfpOutput output, Listener listener, double timeScale) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("time scale must be positive: " + timeScale);
        }
        this.engine = Objects.requireNonNull(engine);
        this.loop = Objects.requireNonNull(loop);
        this.output = Objects.requireNonNull(output);
        this.listener = listener == null ? new Listener() { } : listener;
        this.timeScale = timeScale;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** Completes when the call is over and everything queued (the DCN) has gone out. */
    public CompletableFuture<Outcome> outcome() {
        return done;
    }

    /** Starts the session on the event loop. */
    public CompletableFuture<Outcome> start() {
        loop.execute(() -> {
            startNanos = System.nanoTime();
            started = true;
            execute(engine.start(now()));
        });
        return done;
    }

    /** Ends the session from outside (timeout, operator): the engine sends DCN if it is on the line. */
    public void abort(T30Result reason) {
        loop.execute(() -> {
            if (started && !engine.isFinished()) {
                execute(engine.onEvent(new T30Event.Abort(reason), now()));
            }
        });
    }

    /** A packet from the far end, in order. */
    public void onIfp(IfpPacket packet) {
        if (!started || complete != null) {
            return;
        }
        for (T30Event e : rx.onIfp(packet)) {
            if (complete != null) {
                return;
            }
            execute(engine.onEvent(e, now()));
        }
        if (timeoutDeferred && !rx.receiving()) {
            fireTimeout();
        }
    }

    /**
     * A timer is due. While the far end's signal is on the line it waits for the signal's end, as a modem's
     * host cannot send over a carrier it is receiving (T.30 5.4.3: the response timer runs until a signal is
     * detected); otherwise a repeated command would collide with the response it is waiting for.
     */
    private void fireTimeout() {
        if (engine.isFinished() || complete != null) {
            return;
        }
        if (rx.receiving() && queue.isEmpty()) {
            if (!timeoutDeferred) {
                timeoutDeferred = true;
                deferredSince = now();
                LOG.debug("timer due while receiving a signal: deferred until it ends");
            }
            if (now() - deferredSince < MAX_DEFER_MILLIS) {
                return;
            }
        }
        timeoutDeferred = false;
        execute(engine.onEvent(new T30Event.Timeout(), now()));
    }

    /** Packets from the far end were lost for good. */
    public void onGap() {
        rx.onGap();
    }

    /** Fax time in ms since start. */
    long now() {
        return (long) ((System.nanoTime() - startNanos) * timeScale / 1_000_000.0);
    }

    private double nowExact() {
        return (System.nanoTime() - startNanos) * timeScale / 1_000_000.0;
    }

    private void execute(List<T30Action> actions) {
        int lastTx = -1;
        for (int i = 0; i < actions.size(); i++) {
            if (IfpTransmitter.isTransmit(actions.get(i))) {
                lastTx = i;
            }
        }
        for (int i = 0; i < actions.size(); i++) {
            T30Action a = actions.get(i);
            if (IfpTransmitter.isTransmit(a)) {
                if (queue.isEmpty()) {
                    txClock = Math.max(txClock, nowExact()); // the line is free once the last hold has passed
                }
                queue.addAll(tx.plan(a, i == lastTx));
            } else if (a instanceof T30Action.StartReceive r) {
                RxMode m = rxMode(r);
                if (queue.isEmpty()) {
                    rx.expect(m);
                } else {
                    queue.add(new TxStep.Listen(m));
                }
            } else if (a instanceof T30Action.RemoteIdentified ri) {
                if (!ri.info().ident().isEmpty()) {
                    remoteIdent = ri.info().ident();
                }
                listener.remoteIdentified(ri.info());
            } else if (a instanceof T30Action.PageSent ps) {
                listener.pageSent(ps.index(), ps.mode());
            } else if (a instanceof T30Action.PageReceived pr) {
                try {
                    listener.pageReceived(pr);
                } catch (Exception e) {
                    LOG.warn("storing page {} failed: {}", pr.number(), e.toString());
                    if (!engine.isFinished()) {
                        execute(engine.onEvent(new T30Event.Abort(T30Result.LOCAL_ABORT), now()));
                    }
                    return;
                }
            } else if (a instanceof T30Action.CallComplete c) {
                complete = c;
            }
        }
        rescheduleTimer();
        pump();
    }

    private RxMode rxMode(T30Action.StartReceive r) {
        Modulation m = r.modulation();
        if (r.hdlc()) {
            return RxMode.hdlc(m);
        }
        if (engine.state() == T30State.F_TCF || engine.mode().isEmpty()) {
            return RxMode.tcf(m);
        }
        return RxMode.page(engine.mode().get().withModulation(m));
    }

    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!queue.isEmpty()) {
                TxStep s = queue.peek();
                if (s instanceof TxStep.Send send) {
                    double now = nowExact();
                    if (txClock > now + 0.5) {
                        schedulePump(txClock - now);
                        return;
                    }
                    queue.poll();
                    output.send(send.packet(), send.copies());
                    txClock = Math.max(txClock, now - 200) + send.holdMillis();
                } else if (s instanceof TxStep.Listen l) {
                    queue.poll();
                    rx.expect(l.mode());
                } else {
                    queue.poll();
                    if (!engine.isFinished()) {
                        execute(engine.onEvent(new T30Event.SendComplete(), now()));
                    }
                }
            }
            if (complete != null && queue.isEmpty() && !done.isDone()) {
                finish();
            }
        } finally {
            pumping = false;
        }
    }

    private void schedulePump(double faxMillis) {
        long nanos = (long) (faxMillis * 1_000_000.0 / timeScale);
        pumpTask = loop.schedule(pumpLater, nanos, TimeUnit.NANOSECONDS);
    }

    private void rescheduleTimer() {
        OptionalLong d = engine.nextDeadline();
        if (engine.isFinished() || d.isEmpty()) {
            cancelTimer();
            return;
        }
        if (timerTask != null && timerAt == d.getAsLong()) {
            return;
        }
        cancelTimer();
        timerAt = d.getAsLong();
        long nanos = (long) (Math.max(0, timerAt - nowExact()) * 1_000_000.0 / timeScale);
        timerTask = loop.schedule(() -> {
            timerTask = null;
            fireTimeout();
            if (timeoutDeferred) {
                // check again in case the signal's end never comes
                timerTask = loop.schedule(this::fireTimeout, (long) (MAX_DEFER_MILLIS * 1_000_000.0 / timeScale),
                        TimeUnit.NANOSECONDS);
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timerTask != null) {
            timerTask.cancel(false);
            timerTask = null;
        }
    }

    private void finish() {
        cancelTimer();
        CallSummary s = complete.summary();
        String ident = s.remoteIdent() == null || s.remoteIdent().isEmpty() ? remoteIdent : s.remoteIdent();
        done.complete(new Outcome(complete.result(), s, s.lastMode(), ident));
    }
}
