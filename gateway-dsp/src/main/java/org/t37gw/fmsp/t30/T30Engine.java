package org.t37gw.fmsp.t30;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The T.30 session engine: a pure state machine for the calling station that sends and the called
 * station that receives, phases A to E, with and without ECM (T.30 Annex A).
 *
 * <p>Drive it with {@link #start(long)} and {@link #onEvent(T30Event, long)}, passing the time of each
 * event; carry out the returned {@link T30Action}s in order. The engine never blocks, never reads a
 * clock and does no I/O. Timers are kept inside: call {@code onEvent(new Timeout(), now)} at or after
 * {@link #nextDeadline()} (the {@link T30Action.SetTimer} actions say the same).
 *
 * <p>The engine holds the shared state and plumbing (state transitions, timers, frame output, the end
 * of the call) and hands each input to the handler of the current state: {@link T30Sender} for the
 * sending states, {@link T30Receiver} for the receiving ones.
 *
 * <p>Not thread-safe: one session, one caller at a time.
 */
public final class T30Engine {
    private static final Logger LOG = LoggerFactory.getLogger(T30Engine.class);

    /** T.30 5.3.6.1.4: TCF is 1.5 s of zeros. */
    public static final int TCF_MILLIS = 1_500;
    private static final int MAX_BURST_FRAMES = 16;

    private final T30Config config;
    private final PageSource source;
    private final boolean calling;
    private final String tag;
    private final boolean xBit;

    private final T30Sender sender;
    private final T30Receiver receiver;

    private T30State state = T30State.IDLE;
    private long now;
    /** The actions of the event being handled; replaced per event, so never keep a reference. */
    List<T30Action> out = new ArrayList<>();
    final T30Timers timers = new T30Timers();
    boolean transmitting;
    private final List<HdlcFrame> burst = new ArrayList<>();
    private T30Result result;

    // What the far end told us
    String remoteIdent = "";
    byte[] remoteNsf;

    // Negotiated mode (the current one) and the pages done, sent or received
    PageMode mode;
    int pagesDone;

    private T30Engine(T30Config config, PageSource source, boolean calling) {
        this.config = config;
        this.source = source;
        this.calling = calling;
        this.tag = config.logTag();
        this.xBit = calling; // T.30 5.3.6.1: 1 for the station that received DIS, here the caller
        this.sender = new T30Sender(this, config, source, tag, xBit);
        this.receiver = new T30Receiver(this, config, tag, xBit);
    }

    /** An engine for the calling station sending {@code pages}. */
    public static T30Engine callingSender(T30Config config, PageSource pages) {
        if (pages == null) {
            throw new IllegalArgumentException("a sender needs pages");
        }
        return new T30Engine(config, pages, true);
    }

    /** An engine for the called station receiving. */
    public static T30Engine answeringReceiver(T30Config config) {
        return new T30Engine(config, null, false);
    }

    // ------------------------------------------------------------------ public API

    /** Starts phase A/B. */
    public List<T30Action> start(long nowMillis) {
        begin(nowMillis);
        if (state != T30State.IDLE) {
            throw new IllegalStateException("already started");
        }
        if (isSender()) {
            if (source.pageCount() < 1) {
                transitionTo(T30State.T, "start");
                finish(T30Result.NOPAGE, false, "page source is empty");
                return end();
            }
            transitionTo(T30State.T, "calling, waiting for DIS");
            out.add(new T30Action.SendTone(T30Action.Tone.CNG, 0));
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(T30Timer.T1);
        } else {
            transitionTo(T30State.ANSWERING, "answering, sending CED");
            out.add(new T30Action.SendTone(T30Action.Tone.CED, config.cedMillis()));
            transmitting = true;
            arm(T30Timer.T1);
        }
        return end();
    }

    /** Handles one event that happened at {@code nowMillis}; returns the actions to carry out. */
    public List<T30Action> onEvent(T30Event event, long nowMillis) {
        begin(nowMillis);
        if (state == T30State.IDLE) {
            throw new IllegalStateException("not started");
        }
        if (state == T30State.CALL_FINISHED) {
            LOG.debug("[{}] {} after the call ended, ignored", tag, event.getClass().getSimpleName());
            return List.of();
        }
        if (event instanceof T30Event.SendComplete) {
            if (!transmitting) {
                LOG.debug("[{}] SendComplete with nothing being sent, ignored", tag);
                return end();
            }
            transmitting = false;
            dispatch(new Sent());
        } else if (event instanceof T30Event.Timeout) {
            fireTimers();
        } else if (event instanceof T30Event.FrameReceived f) {
            onFrame(f.frame(), f.fcsOk());
        } else if (event instanceof T30Event.Hangup) {
            boolean done = state == T30State.F_POST_EOP;
            finish(done ? T30Result.OK : T30Result.CALL_DROPPED, false, "line hung up in " + state);
        } else if (event instanceof T30Event.Abort a) {
            boolean onLine = state != T30State.T && state != T30State.ANSWERING;
            finish(a.reason(), onLine, "aborted by driver");
        } else if (event instanceof T30Event.ReceiverBusy b) {
            receiver.setBusy(b.busy());
            LOG.debug("[{}] receiver {}", tag, b.busy() ? "busy" : "ready");
        } else {
            dispatch(new Other(event));
        }
        return end();
    }

    public T30State state() {
        return state;
    }

    /** When the engine next needs a {@link T30Event.Timeout}, if any timer runs. */
    public OptionalLong nextDeadline() {
        return timers.next();
    }

    public boolean isFinished() {
        return state == T30State.CALL_FINISHED;
    }

    public Optional<T30Result> result() {
        return Optional.ofNullable(result);
    }

    /** The current (last) negotiated mode, if phase B got that far. */
    public Optional<PageMode> mode() {
        return Optional.ofNullable(mode);
    }

    public boolean isSender() {
        return source != null;
    }

    // ------------------------------------------------------------------ inputs to state handlers

    sealed interface Input permits Sent, Burst, BadFrame, Ecm, Fired, Other {
    }

    record Sent() implements Input {
    }

    record Burst(List<HdlcFrame> frames) implements Input {
        HdlcFrame find(Fcf fcf) {
            for (HdlcFrame f : frames) {
                if (f.fcf().equals(fcf)) {
                    return f;
                }
            }
            return null;
        }

        boolean has(Fcf fcf) {
            return find(fcf) != null;
        }

        /** The final (last) frame of the burst: the command or response itself. */
        HdlcFrame last() {
            return frames.get(frames.size() - 1);
        }
    }

    record BadFrame(boolean looksFinal) implements Input {
    }

    record Ecm(HdlcFrame frame) implements Input {
    }

    record Fired(T30Timer timer) implements Input {
    }

    record Other(T30Event event) implements Input {
    }

    private void dispatch(Input in) {
        switch (state) {
            case T -> sender.inT(in);
            case D -> sender.inD(in);
            case I -> sender.inI(in);
            case II_Q -> sender.inIIQ(in);
            case IV -> sender.inIV(in);
            case IV_PPS_Q -> sender.inIVPpsQ(in);
            case IV_PPS_RNR -> sender.inIVPpsRnr(in);
            case IV_CTC -> sender.inIVCtc(in);
            case IV_EOR -> sender.inIVEor(in);
            case ANSWERING -> receiver.inAnswering(in);
            case R -> receiver.inR(in);
            case F_TCF -> receiver.inFTcf(in);
            case F_DOC_NON_ECM -> receiver.inFDocNonEcm(in);
            case F_POST_DOC_NON_ECM -> receiver.inFPostDocNonEcm(in);
            case F_DOC_ECM -> receiver.inFDocEcm(in);
            case F_POST_DOC_ECM -> receiver.inFPostDocEcm(in);
            case F_POST_EOP -> receiver.inFPostEop(in);
            case IDLE, CALL_FINISHED -> LOG.debug("[{}] {} ignored in {}", tag, in, state);
        }
    }

    private void onFrame(byte[] bytes, boolean fcsOk) {
        if (receiver.isCommandWait()) {
            restart(T30Timer.T2); // T.30: T2 restarts on signal detection
        }
        if (transmitting) {
            LOG.debug("[{}] Rx while transmitting (half duplex), ignored", tag);
            return;
        }
        if (!fcsOk) {
            boolean looksFinal = bytes.length >= 2 && (bytes[1] & 0xFF) == HdlcFrame.CONTROL_FINAL;
            LOG.info("[{}] Rx: bad FCS, {} octets{}", tag, bytes.length, looksFinal ? ", final" : "");
            burst.clear();
            dispatch(new BadFrame(looksFinal));
            return;
        }
        Optional<HdlcFrame> parsed = HdlcFrame.parse(bytes);
        if (parsed.isEmpty()) {
            LOG.info("[{}] Rx: garbage, not a T.30 HDLC frame ({} octets), ignored", tag, bytes.length);
            return;
        }
        HdlcFrame f = parsed.get();
        Fcf fcf = f.fcf();
        if (fcf.equals(Fcf.FCD) || fcf.equals(Fcf.RCP)) {
            if (LOG.isTraceEnabled()) {
                LOG.trace("[{}] Rx: {}", tag, T30Trace.describe(f));
            }
            dispatch(new Ecm(f));
            return;
        }
        LOG.info("[{}] Rx: {}", tag, T30Trace.describe(f));
        if (!fcf.isKnown()) {
            LOG.warn("[{}] Rx: unknown FCF 0x{}, ignored", tag, String.format("%02X", f.fcfOctet()));
            if (f.isFinal()) {
                burst.clear();
            }
            return;
        }
        if (fcf.hasXBit() && f.xBit() == xBit) {
            if (!config.lenient()) {
                LOG.warn("[{}] Rx: {} has our own X bit, ignored (strict)", tag, fcf);
                return;
            }
            LOG.info("[{}] Rx: {} has our own X bit, accepted (lenient)", tag, fcf);
        }
        burst.add(f);
        if (f.isFinal()) {
            List<HdlcFrame> b = List.copyOf(burst);
            burst.clear();
            dispatch(new Burst(b));
        } else if (burst.size() > MAX_BURST_FRAMES) {
            LOG.warn("[{}] Rx: {} frames without a final one, dropped", tag, burst.size());
            burst.clear();
        }
    }

    private void fireTimers() {
        while (true) {
            if (state == T30State.CALL_FINISHED) {
                return;
            }
            T30Timer due = timers.takeDue(now);
            if (due == null) {
                return;
            }
            LOG.info("[{}] {} expired in {}", tag, due, state);
            dispatch(new Fired(due));
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void begin(long nowMillis) {
        now = nowMillis;
        out = new ArrayList<>();
    }

    private List<T30Action> end() {
        List<T30Action> a = List.copyOf(out);
        out = new ArrayList<>();
        return a;
    }

    void transitionTo(T30State next, String why) {
        if (!state.canGoTo(next)) {
            throw new IllegalStateException("[" + tag + "] illegal transition " + state + " -> " + next + " (" + why + ")");
        }
        LOG.info("[{}] state {} -> {} ({})", tag, state, next, why);
        state = next;
    }

    void sendV21(List<HdlcFrame> frames) {
        for (HdlcFrame f : frames) {
            LOG.info("[{}] Tx: {}", tag, T30Trace.describe(f));
        }
        out.add(new T30Action.SendFrames(Modulation.V21, frames));
        transmitting = true;
    }

    void listenV21AndArm(T30Timer t) {
        out.add(new T30Action.StartReceive(Modulation.V21, true));
        arm(t);
    }

    void arm(T30Timer t) {
        timers.arm(t, now + config.duration(t), out::add);
    }

    void restart(T30Timer t) {
        if (timers.isRunning(t) || t == T30Timer.T2) {
            arm(t);
        }
    }

    void cancel(T30Timer t) {
        timers.cancel(t, out::add);
    }

    void finish(T30Result r, boolean sendDcn, String detail) {
        timers.cancelAll(out::add);
        if (sendDcn) {
            sendV21(List.of(HdlcFrame.of(Fcf.DCN, xBit, true)));
        }
        result = r;
        T30State last = state;
        transitionTo(T30State.CALL_FINISHED, r.name() + ": " + detail);
        if (r.isSuccess()) {
            LOG.info("[{}] call complete: {} ({})", tag, r, detail);
        } else {
            LOG.warn("[{}] call failed in {}: {} ({})", tag, last, r, detail);
        }
        out.add(new T30Action.CallComplete(r, new CallSummary(pagesDone, remoteIdent, mode, last, detail)));
    }
}
