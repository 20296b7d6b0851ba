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

    private T30State state = T30State.IDLE;
    private long now;
    private List<T30Action> out = new ArrayList<>();
    private final T30Timers timers = new T30Timers();
    private boolean transmitting;
    private final List<HdlcFrame> burst = new ArrayList<>();
    private T30Result result;

    // What the far end told us
    private String remoteIdent = "";
    private byte[] remoteNsf;
    private String remoteSub;
    private String remoteSid;
    private T30Capabilities remoteCaps;

    // Negotiated mode and the rates to fall back through
    private PageMode mode;
    private List<Modulation> chain = List.of();
    private int rateIndex;

    // Command repetition (T4, three tries)
    private List<HdlcFrame> lastCommand = List.of();
    private int tries;

    // Sender
    private int pageIndex;
    private int pageAttempts;
    private int pagesDone;
    private Fcf postPageCommand;
    private EcmFramer framer;
    private int blockIndex;
    private boolean[] resend;
    private int pprCount;
    private int ecmFcf2;
    private T30State rnrReturn;

    // Receiver
    private boolean dcsSeen;
    private boolean lastTcfBad;
    private boolean lastVerdictRtn;
    private boolean sendDisAfterResponse;
    private boolean busy;
    private ByteSink pageBuffer;
    private PageQuality pendingQuality;
    private List<HdlcFrame> lastResponse = List.of();
    private String lastAnsweredKey = "";
    private T30State stateAfterLastResponse;
    private EcmBlockBuffer block;
    private int ecmMissingOnPage;
    private int lastPpsCount;
    private int pendingFcf2 = -1;
    private int pendingCount;
    private String pendingKey = "";

    private T30Engine(T30Config config, PageSource source, boolean calling) {
        this.config = config;
        this.source = source;
        this.calling = calling;
        this.tag = config.logTag();
        this.xBit = calling; // T.30 5.3.6.1: 1 for the station that received DIS, here the caller
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
            busy = b.busy();
            LOG.debug("[{}] receiver {}", tag, busy ? "busy" : "ready");
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

    private sealed interface Input permits Sent, Burst, BadFrame, Ecm, Fired, Other {
    }

    private record Sent() implements Input {
    }

    private record Burst(List<HdlcFrame> frames) implements Input {
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

    private record BadFrame(boolean looksFinal) implements Input {
    }

    private record Ecm(HdlcFrame frame) implements Input {
    }

    private record Fired(T30Timer timer) implements Input {
    }

    private record Other(T30Event event) implements Input {
    }

    private void dispatch(Input in) {
        switch (state) {
            case T -> inT(in);
            case D -> inD(in);
            case I -> inI(in);
            case II_Q -> inIIQ(in);
            case IV -> inIV(in);
            case IV_PPS_Q -> inIVPpsQ(in);
            case IV_PPS_RNR -> inIVPpsRnr(in);
            case IV_CTC -> inIVCtc(in);
            case IV_EOR -> inIVEor(in);
            case ANSWERING -> inAnswering(in);
            case R -> inR(in);
            case F_TCF -> inFTcf(in);
            case F_DOC_NON_ECM -> inFDocNonEcm(in);
            case F_POST_DOC_NON_ECM -> inFPostDocNonEcm(in);
            case F_DOC_ECM -> inFDocEcm(in);
            case F_POST_DOC_ECM -> inFPostDocEcm(in);
            case F_POST_EOP -> inFPostEop(in);
            case IDLE, CALL_FINISHED -> LOG.debug("[{}] {} ignored in {}", tag, in, state);
        }
    }

    private void onFrame(byte[] bytes, boolean fcsOk) {
        if (isCommandWait()) {
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

    private boolean isCommandWait() {
        return switch (state) {
            case R, F_TCF, F_POST_DOC_NON_ECM, F_POST_DOC_ECM, F_POST_EOP -> dcsSeen;
            default -> false;
        };
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

    // ------------------------------------------------------------------ sender: phase B

    private void inT(Input in) {
        if (in instanceof Burst b) {
            if (b.has(Fcf.DCN)) {
                finish(T30Result.DCN_WHILE_TX, false, "DCN while waiting for DIS");
                return;
            }
            HdlcFrame dis = b.find(Fcf.DIS);
            if (dis == null) {
                LOG.info("[{}] no DIS in {}, still waiting", tag, b.frames());
                return;
            }
            cancel(T30Timer.T1);
            HdlcFrame csi = b.find(Fcf.CSI);
            HdlcFrame nsf = b.find(Fcf.NSF);
            remoteIdent = csi == null ? remoteIdent : Identity.decode(csi.fif());
            remoteNsf = nsf == null ? remoteNsf : nsf.fif();
            remoteCaps = DisDcsCodec.decodeDis(dis.fif());
            out.add(new T30Action.RemoteIdentified(new RemoteInfo(remoteIdent, remoteNsf, null, null, remoteCaps, null)));
            Negotiation.Outcome o = negotiate(pageIndex);
            if (o instanceof Negotiation.Refused r) {
                finish(r.result(), true, r.reason());
                return;
            }
            Negotiation.Chosen c = (Negotiation.Chosen) o;
            chain = c.fallbackChain();
            rateIndex = 0;
            mode = c.mode();
            LOG.info("[{}] chose {} (fallback {})", tag, mode, chain);
            tries = 1;
            sendDcsAndTcf();
            transitionTo(T30State.D, "DIS received");
        } else if (in instanceof Fired f && f.timer() == T30Timer.T1) {
            finish(T30Result.T1_EXPIRED, false, "no DIS");
        }
    }

    private Negotiation.Outcome negotiate(int index) {
        return Negotiation.choose(config.capabilities(), remoteCaps, source.describe(index), config.ecmFrameSize());
    }

    private void sendDcsAndTcf() {
        List<HdlcFrame> frames = new ArrayList<>();
        if (config.nsf() != null) {
            frames.add(HdlcFrame.of(Fcf.NSS, xBit, false, config.nsf()));
        }
        if (!config.ident().isEmpty()) {
            frames.add(HdlcFrame.of(Fcf.TSI, xBit, false, Identity.encode(config.ident())));
        }
        boolean sub = config.subaddress() != null && remoteCaps.subaddressing();
        boolean sid = config.senderId() != null && remoteCaps.password();
        if (sub) {
            frames.add(HdlcFrame.of(Fcf.SUB, xBit, false, Identity.encode(config.subaddress())));
        }
        if (sid) {
            frames.add(HdlcFrame.of(Fcf.SID, xBit, false, Identity.encode(config.senderId())));
        }
        frames.add(HdlcFrame.of(Fcf.DCS, xBit, true, DisDcsCodec.encodeDcs(mode, sub, sid)));
        sendV21(frames);
        LOG.info("[{}] Tx: TCF {} {} ms", tag, mode.modulation(), TCF_MILLIS);
        out.add(new T30Action.SendTcf(mode.modulation(), TCF_MILLIS));
    }

    private void inD(Input in) {
        if (in instanceof Sent) {
            listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::sendDcsAndTcf)) {
                return;
            }
            if (b.has(Fcf.CFR)) {
                cancel(T30Timer.T4);
                startPage();
            } else if (b.has(Fcf.FTT)) {
                cancel(T30Timer.T4);
                if (rateIndex + 1 >= chain.size()) {
                    finish(T30Result.CANNOT_TRAIN, true, "FTT at " + mode.modulation());
                    return;
                }
                rateIndex++;
                mode = mode.withModulation(chain.get(rateIndex));
                tries = 1;
                sendDcsAndTcf();
                transitionTo(T30State.D, "FTT, falling back to " + mode.modulation());
            } else if (b.has(Fcf.DIS)) {
                cancel(T30Timer.T4);
                retry("DIS repeated: our DCS was lost", this::sendDcsAndTcf);
            } else {
                invalidResponse(b, this::sendDcsAndTcf);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to DCS", this::sendDcsAndTcf);
        }
    }

    /**
     * What every sender state does with DCN and CRP; true if handled.
     */
    private boolean senderCommon(Burst b, Runnable repeat) {
        if (b.has(Fcf.DCN)) {
            finish(T30Result.DCN_WHILE_TX, false, "DCN in " + state);
            return true;
        }
        if (b.has(Fcf.CRP)) {
            cancel(T30Timer.T4);
            retry("CRP", repeat);
            return true;
        }
        return false;
    }

    /** Sends the command again if tries are left, else DCN with RETRYDCN. */
    private void retry(String why, Runnable repeat) {
        retry(why, repeat, T30Result.RETRYDCN);
    }

    /** Sends the command again if tries are left, else DCN with {@code exhausted}. */
    private void retry(String why, Runnable repeat, T30Result exhausted) {
        if (tries >= config.maxTries()) {
            finish(exhausted, true, why + " after " + tries + " tries in " + state);
            return;
        }
        tries++;
        LOG.info("[{}] {}: try {} of {}", tag, why, tries, config.maxTries());
        repeat.run();
    }

    /**
     * A valid frame that is no answer to our command: T.30 treats it like no response, so the command
     * is repeated at once (a try); after the last try the call ends with UNEXPECTED.
     */
    private void invalidResponse(Burst b, Runnable repeat) {
        cancel(T30Timer.T4);
        retry("unexpected " + b.last().fcf() + " in " + state, repeat, T30Result.UNEXPECTED);
    }

    // ------------------------------------------------------------------ sender: phase C/D non-ECM

    private void startPage() {
        byte[] data;
        try {
            data = source.pageData(pageIndex, mode);
        } catch (RuntimeException e) {
            finish(T30Result.PAGE_SOURCE_ERROR, true, "page " + pageIndex + ": " + e);
            return;
        }
        if (mode.ecm()) {
            framer = new EcmFramer(data, mode.ecmFrameSize());
            blockIndex = 0;
            startBlock();
        } else {
            LOG.info("[{}] Tx: page {} ({} octets) at {}", tag, pageIndex + 1, data.length, mode.modulation());
            out.add(new T30Action.SendPageData(mode.modulation(), mode, data));
            transmitting = true;
            transitionTo(T30State.I, "sending page " + (pageIndex + 1));
        }
    }

    /** MPS if the next page fits this DCS, EOM if it needs a new one, EOP after the last page. */
    private Fcf postPageCommandFor(int index) {
        if (index + 1 >= source.pageCount()) {
            return Fcf.EOP;
        }
        Negotiation.Outcome o = negotiate(index + 1);
        return o instanceof Negotiation.Chosen c && c.mode().sameDocumentParameters(mode) ? Fcf.MPS : Fcf.EOM;
    }

    private void inI(Input in) {
        if (in instanceof Sent) {
            postPageCommand = postPageCommandFor(pageIndex);
            tries = 1;
            sendCommand(HdlcFrame.of(postPageCommand, xBit, true));
            transitionTo(T30State.II_Q, "page " + (pageIndex + 1) + " sent");
        }
    }

    private void inIIQ(Input in) {
        if (in instanceof Sent) {
            listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            Fcf r = b.last().fcf();
            if (r.equals(Fcf.MCF) || r.equals(Fcf.PIP) || r.equals(Fcf.RTP)) {
                cancel(T30Timer.T4);
                if (r.equals(Fcf.PIP)) {
                    LOG.info("[{}] PIP: procedure interrupt not supported (no operator), taken as MCF", tag);
                }
                pageConfirmed();
                afterPage(r.equals(Fcf.RTP));
            } else if (r.equals(Fcf.RTN) || r.equals(Fcf.PIN)) {
                cancel(T30Timer.T4);
                pageAttempts++;
                if (pageAttempts > config.maxPageRetries()) {
                    finish(T30Result.BADPG, true, "page " + (pageIndex + 1) + " rejected " + pageAttempts + " times");
                    return;
                }
                if (rateIndex + 1 < chain.size()) {
                    rateIndex++;
                    mode = mode.withModulation(chain.get(rateIndex));
                }
                tries = 1;
                sendDcsAndTcf();
                transitionTo(T30State.D, r + ": retrain at " + mode.modulation() + " and send page " + (pageIndex + 1) + " again");
            } else {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to " + postPageCommand, this::repeatCommand);
        }
    }

    private void pageConfirmed() {
        out.add(new T30Action.PageSent(pageIndex, mode));
        pagesDone++;
        pageAttempts = 0;
    }

    /** After a confirmed page: next page, back to phase B, or phase E. */
    private void afterPage(boolean retrain) {
        if (postPageCommand.equals(Fcf.EOP)) {
            finish(T30Result.OK, true, pagesDone + " pages sent");
        } else if (postPageCommand.equals(Fcf.EOM)) {
            pageIndex++;
            transitionTo(T30State.T, "EOM confirmed, back to phase B");
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(T30Timer.T1);
        } else {
            pageIndex++;
            if (retrain) {
                tries = 1;
                sendDcsAndTcf();
                transitionTo(T30State.D, "RTP: retrain before page " + (pageIndex + 1));
            } else {
                startPage();
            }
        }
    }

    // ------------------------------------------------------------------ sender: ECM

    private void startBlock() {
        int n = framer.framesInBlock(blockIndex);
        resend = new boolean[n];
        java.util.Arrays.fill(resend, true);
        pprCount = 0;
        ecmFcf2 = blockIndex + 1 < framer.blockCount() ? Fcf.NULL_FCF2 : postPageCommandFor(pageIndex).octet(xBit);
        sendBlockFrames();
    }

    private void sendBlockFrames() {
        List<HdlcFrame> frames = new ArrayList<>();
        for (int i = 0; i < resend.length; i++) {
            if (resend[i]) {
                frames.add(framer.fcd(blockIndex, i));
            }
        }
        for (int k = 0; k < 3; k++) {
            frames.add(HdlcFrame.of(Fcf.RCP, false, false));
        }
        LOG.info("[{}] Tx: page {} block {}: {} of {} frames + 3 RCP at {}", tag, pageIndex + 1, blockIndex,
                frames.size() - 3, resend.length, mode.modulation());
        out.add(new T30Action.SendFrames(mode.modulation(), frames));
        transmitting = true;
        transitionTo(T30State.IV, "sending partial page " + blockIndex + " of page " + (pageIndex + 1));
    }

    private HdlcFrame ppsFrame() {
        return HdlcFrame.of(Fcf.PPS, xBit, true, (byte) ecmFcf2, (byte) pageIndex, (byte) blockIndex,
                (byte) (resend.length - 1));
    }

    private void inIV(Input in) {
        if (in instanceof Sent) {
            tries = 1;
            sendCommand(ppsFrame());
            transitionTo(T30State.IV_PPS_Q, "partial page sent");
        }
    }

    private void inIVPpsQ(Input in) {
        if (in instanceof Sent) {
            listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            if (!ecmResponse(b)) {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to PPS", this::repeatCommand);
        }
    }

    /** MCF, PPR, RNR (and ERR after EOR) in answer to PPS, EOR or RR; true if handled. */
    private boolean ecmResponse(Burst b) {
        Fcf r = b.last().fcf();
        if (r.equals(Fcf.MCF) || r.equals(Fcf.ERR)) {
            cancel(T30Timer.T4);
            cancel(T30Timer.T5);
            if (r.equals(Fcf.ERR)) {
                LOG.warn("[{}] ERR: block {} of page {} accepted with errors", tag, blockIndex, pageIndex + 1);
            }
            blockDone();
            return true;
        }
        if (r.equals(Fcf.PPR)) {
            cancel(T30Timer.T4);
            cancel(T30Timer.T5);
            boolean[] asked = EcmBlockBuffer.requested(b.last().fif(), resend.length);
            int n = 0;
            for (boolean a : asked) {
                n += a ? 1 : 0;
            }
            pprCount++;
            LOG.info("[{}] PPR {} of {}: {} frames to send again", tag, pprCount, config.pprLimit(), n);
            if (n == 0) {
                // Nothing asked for: the far end lost our PPS's meaning; ask again.
                tries = 1;
                sendCommand(ppsFrame());
                transitionTo(T30State.IV_PPS_Q, "empty PPR");
                return true;
            }
            resend = asked;
            if (pprCount >= config.pprLimit()) {
                tries = 1;
                if (rateIndex + 1 < chain.size()) {
                    rateIndex++;
                    Modulation next = chain.get(rateIndex);
                    sendCommand(HdlcFrame.of(Fcf.CTC, xBit, true, (byte) 0, (byte) (next.dcsCode() << 2)));
                    transitionTo(T30State.IV_CTC, pprCount + " PPRs: continue to correct at " + next);
                } else {
                    sendCommand(HdlcFrame.of(Fcf.EOR, xBit, true, (byte) ecmFcf2));
                    transitionTo(T30State.IV_EOR, pprCount + " PPRs at the lowest rate: end of retransmission");
                }
            } else {
                sendBlockFrames();
            }
            return true;
        }
        if (r.equals(Fcf.RNR)) {
            cancel(T30Timer.T4);
            if (!timers.isRunning(T30Timer.T5)) {
                arm(T30Timer.T5);
            }
            if (state != T30State.IV_PPS_RNR) {
                rnrReturn = state;
            }
            tries = 1;
            sendCommand(HdlcFrame.of(Fcf.RR, xBit, true));
            transitionTo(T30State.IV_PPS_RNR, "RNR: receiver not ready");
            return true;
        }
        return false;
    }

    private void blockDone() {
        if (blockIndex + 1 < framer.blockCount()) {
            blockIndex++;
            startBlock();
            return;
        }
        postPageCommand = Fcf.of(ecmFcf2);
        pageConfirmed();
        afterPage(false);
    }

    private void inIVPpsRnr(Input in) {
        if (in instanceof Sent) {
            listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            Fcf r = b.last().fcf();
            if (rnrReturn == T30State.IV_CTC && r.equals(Fcf.CTR)) {
                cancel(T30Timer.T5);
                inIVCtc(in);
                return;
            }
            if (!ecmResponse(b)) {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to RR", this::repeatCommand);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T5) {
            finish(T30Result.T5_EXPIRED, true, "receiver not ready for " + config.duration(T30Timer.T5) + " ms");
        }
    }

    private void inIVCtc(Input in) {
        if (in instanceof Sent) {
            listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            if (b.has(Fcf.CTR)) {
                cancel(T30Timer.T4);
                mode = mode.withModulation(chain.get(rateIndex));
                pprCount = 0;
                sendBlockFrames();
            } else if (b.has(Fcf.RNR)) {
                ecmResponse(b);
            } else {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to CTC", this::repeatCommand);
        }
    }

    private void inIVEor(Input in) {
        if (in instanceof Sent) {
            listenV21AndArm(T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (senderCommon(b, this::repeatCommand)) {
                return;
            }
            Fcf r = b.last().fcf();
            if (r.equals(Fcf.ERR) || r.equals(Fcf.RNR)) {
                ecmResponse(b);
            } else {
                invalidResponse(b, this::repeatCommand);
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T4) {
            retry("no response to EOR", this::repeatCommand);
        }
    }

    // ------------------------------------------------------------------ receiver: phase B

    private void inAnswering(Input in) {
        if (in instanceof Sent) {
            sendDis();
            transitionTo(T30State.R, "CED sent, DIS sent");
        } else if (in instanceof Fired f && f.timer() == T30Timer.T1) {
            finish(T30Result.T1_EXPIRED, false, "CED never completed");
        }
    }

    private void sendDis() {
        List<HdlcFrame> frames = new ArrayList<>();
        if (config.nsf() != null) {
            frames.add(HdlcFrame.of(Fcf.NSF, false, false, config.nsf()));
        }
        if (!config.ident().isEmpty()) {
            frames.add(HdlcFrame.of(Fcf.CSI, false, false, Identity.encode(config.ident())));
        }
        frames.add(HdlcFrame.of(Fcf.DIS, false, true, DisDcsCodec.encodeDis(config.capabilities())));
        sendV21(frames);
        lastResponse = frames;
    }

    private void inR(Input in) {
        if (in instanceof Sent) {
            if (sendDisAfterResponse) {
                sendDisAfterResponse = false;
                sendDis();
                return;
            }
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(dcsSeen ? T30Timer.T2 : T30Timer.T4);
        } else if (in instanceof Burst b) {
            if (b.has(Fcf.DCS)) {
                processDcs(b);
            } else if (b.has(Fcf.DCN)) {
                T30Result r = lastVerdictRtn ? T30Result.BADPG
                        : lastTcfBad ? T30Result.TCFBADTRAIN
                        : pagesDoneAndEom() ? T30Result.OK : T30Result.DCN_WHILE_RX;
                finish(r, false, "DCN waiting for DCS");
            } else if (b.has(Fcf.CRP)) {
                resendLastResponse("CRP");
            } else if (!answerDuplicate(b)) {
                LOG.info("[{}] unexpected {} waiting for DCS, ignored", tag, b.last().fcf());
            }
        } else if (in instanceof BadFrame bf && bf.looksFinal()) {
            sendCrp();
        } else if (in instanceof Fired f) {
            if (f.timer() == T30Timer.T4 && !dcsSeen) {
                sendDis(); // T.30: DIS repeated until T1
            } else if (f.timer() == T30Timer.T1) {
                finish(T30Result.T1_EXPIRED, false, "no DCS");
            } else if (f.timer() == T30Timer.T2) {
                finish(T30Result.T2_EXPIRED, true, "no command after " + (lastTcfBad ? "FTT" : "response"));
            }
        }
    }

    private boolean pagesDoneAndEom() {
        return pagesDone > 0;
    }

    private void processDcs(Burst b) {
        HdlcFrame dcsFrame = b.find(Fcf.DCS);
        DisDcsCodec.Dcs dcs;
        try {
            dcs = DisDcsCodec.decodeDcs(dcsFrame.fif());
        } catch (IllegalArgumentException e) {
            finish(T30Result.RX_INVALCMD, true, e.getMessage());
            return;
        }
        String problem = Negotiation.checkDcs(config.capabilities(), dcs.mode());
        if (!problem.isEmpty() || !dcs.receiveFax()) {
            finish(T30Result.INCOMPATIBLE, true, problem.isEmpty() ? "DCS bit 10 not set" : problem);
            return;
        }
        HdlcFrame tsi = b.find(Fcf.TSI);
        HdlcFrame nss = b.find(Fcf.NSS);
        HdlcFrame sub = b.find(Fcf.SUB);
        HdlcFrame sid = b.find(Fcf.SID);
        remoteIdent = tsi == null ? remoteIdent : Identity.decode(tsi.fif());
        remoteNsf = nss == null ? remoteNsf : nss.fif();
        remoteSub = sub == null ? remoteSub : Identity.decode(sub.fif());
        remoteSid = sid == null ? remoteSid : Identity.decode(sid.fif());
        boolean first = mode == null || !mode.equals(dcs.mode());
        mode = dcs.mode();
        dcsSeen = true;
        lastVerdictRtn = false;
        cancel(T30Timer.T1);
        cancel(T30Timer.T4);
        if (first) {
            out.add(new T30Action.RemoteIdentified(new RemoteInfo(remoteIdent, remoteNsf, remoteSub, remoteSid, null, mode)));
        }
        out.add(new T30Action.StartReceive(mode.modulation(), false));
        restart(T30Timer.T2);
        transitionTo(T30State.F_TCF, "DCS " + mode);
    }

    private void inFTcf(Input in) {
        if (in instanceof Sent) {
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(T30Timer.T2);
        } else if (in instanceof Other o && o.event() instanceof T30Event.TcfReceived t) {
            cancel(T30Timer.T2);
            lastAnsweredKey = "";
            boolean good = t.stats().longestZeroRunMillis() >= config.tcfMinZeroRunMillis();
            LOG.info("[{}] TCF at {}: {} ms, longest zero run {} ms, {} one bits: {}", tag, mode.modulation(),
                    t.stats().durationMillis(), t.stats().longestZeroRunMillis(), t.stats().nonZeroBits(), good ? "good" : "bad");
            lastTcfBad = !good;
            if (good) {
                respond(Fcf.CFR, "DCS", mode.ecm() ? T30State.F_DOC_ECM : T30State.F_DOC_NON_ECM);
                startReceivingPage();
            } else {
                respond(Fcf.FTT, "DCS", T30State.R);
            }
        } else if (in instanceof Burst b) {
            receiverCommon(b, T30Result.DCN_WHILE_RX);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            LOG.info("[{}] no TCF, waiting for DCS again", tag);
            transitionTo(T30State.R, "no TCF");
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(T30Timer.T2);
        }
    }

    private void startReceivingPage() {
        if (pageBuffer == null) {
            pageBuffer = new ByteSink(config.maxPageBytes());
        }
        if (mode.ecm() && (block == null || block.frameSize() != mode.ecmFrameSize())) {
            block = new EcmBlockBuffer(mode.ecmFrameSize());
        }
    }

    /**
     * DCN, DCS, CRP and repeated commands in any receiver state; true if handled, else logged and ignored.
     */
    private boolean receiverCommon(Burst b, T30Result onDcn) {
        if (b.has(Fcf.DCN)) {
            finish(lastTcfBad ? T30Result.TCFBADTRAIN : onDcn, false, "DCN in " + state);
            return true;
        }
        if (b.has(Fcf.DCS)) {
            processDcs(b);
            return true;
        }
        if (b.has(Fcf.CRP)) {
            resendLastResponse("CRP");
            return true;
        }
        if (answerDuplicate(b)) {
            return true;
        }
        LOG.info("[{}] unexpected {} in {}, ignored", tag, b.last().fcf(), state);
        return false;
    }

    /** If {@code b} is the command we last answered (our response was lost), answer it again. */
    private boolean answerDuplicate(Burst b) {
        if (!lastAnsweredKey.isEmpty() && commandKey(b.last()).equals(lastAnsweredKey)) {
            LOG.info("[{}] {} repeated: our response was lost", tag, b.last().fcf());
            resendLastResponse("repeat");
            if (stateAfterLastResponse != null && stateAfterLastResponse != state && state.canGoTo(stateAfterLastResponse)) {
                transitionTo(stateAfterLastResponse, "answered again");
            }
            return true;
        }
        return false;
    }

    private static String commandKey(HdlcFrame f) {
        return f.fcf().name() + java.util.HexFormat.of().formatHex(f.fif());
    }

    private void respond(Fcf response, String toKey, T30State next) {
        respondFrames(List.of(HdlcFrame.of(response, xBit, true)), toKey, next);
    }

    private void respondFrames(List<HdlcFrame> frames, String toKey, T30State next) {
        sendV21(frames);
        lastResponse = frames;
        lastAnsweredKey = toKey;
        stateAfterLastResponse = next;
        if (next != state) {
            transitionTo(next, frames.get(frames.size() - 1).fcf() + " sent");
        }
    }

    private void resendLastResponse(String why) {
        if (lastResponse.isEmpty()) {
            return;
        }
        LOG.info("[{}] {}: sending {} again", tag, why, lastResponse.get(lastResponse.size() - 1).fcf());
        sendV21(lastResponse);
    }

    private void sendCrp() {
        LOG.info("[{}] bad final frame: asking for the command again", tag);
        sendV21(List.of(HdlcFrame.of(Fcf.CRP, xBit, true)));
    }

    // ------------------------------------------------------------------ receiver: non-ECM page

    private void inFDocNonEcm(Input in) {
        if (in instanceof Sent) {
            out.add(new T30Action.StartReceive(mode.modulation(), false));
            arm(T30Timer.T2);
        } else if (in instanceof Other o) {
            T30Event e = o.event();
            if (e instanceof T30Event.CarrierUp) {
                cancel(T30Timer.T2);
                lastAnsweredKey = "";
            } else if (e instanceof T30Event.PageDataReceived d) {
                cancel(T30Timer.T2);
                lastAnsweredKey = "";
                pageBuffer.append(d.chunk());
            } else if (e instanceof T30Event.PageDataEnd end) {
                cancel(T30Timer.T2);
                pendingQuality = judge(end.lines(), end.badLines());
                LOG.info("[{}] page {} received: {} octets, {} lines, {} bad: {}", tag, pagesDone + 1,
                        pageBuffer.size(), end.lines(), end.badLines(), pendingQuality.verdict());
                transitionTo(T30State.F_POST_DOC_NON_ECM, "page data ended");
                out.add(new T30Action.StartReceive(Modulation.V21, true));
                arm(T30Timer.T2);
            }
        } else if (in instanceof Burst b) {
            receiverCommon(b, T30Result.DCN_DATA_RX);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            finish(T30Result.T2_EXPIRED, true, "no page carrier");
        }
    }

    private PageQuality judge(int lines, int bad) {
        PageQuality.Verdict v;
        if (lines <= 0 || pageBuffer.truncated()) {
            v = PageQuality.Verdict.RTN;
        } else {
            double share = (double) bad / lines;
            v = share <= config.mcfMaxBadShare() ? PageQuality.Verdict.MCF
                    : share <= config.rtpMaxBadShare() ? PageQuality.Verdict.RTP : PageQuality.Verdict.RTN;
        }
        return new PageQuality(lines, bad, 0, v);
    }

    private static boolean isPostPageCommand(Fcf f) {
        return f.equals(Fcf.MPS) || f.equals(Fcf.EOM) || f.equals(Fcf.EOP)
                || f.equals(Fcf.PRI_MPS) || f.equals(Fcf.PRI_EOM) || f.equals(Fcf.PRI_EOP);
    }

    /** PRI-x as x: we have no operator to hand the line to (T.30 procedure interrupt). */
    private Fcf withoutInterrupt(Fcf f) {
        if (f.equals(Fcf.PRI_MPS) || f.equals(Fcf.PRI_EOM) || f.equals(Fcf.PRI_EOP)) {
            LOG.info("[{}] {}: procedure interrupt not supported (no operator), taken as the plain command", tag, f);
            return f.equals(Fcf.PRI_MPS) ? Fcf.MPS : f.equals(Fcf.PRI_EOM) ? Fcf.EOM : Fcf.EOP;
        }
        return f;
    }

    private void inFPostDocNonEcm(Input in) {
        if (in instanceof Sent) {
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(T30Timer.T2);
        } else if (in instanceof Burst b) {
            HdlcFrame cmd = b.last();
            if (!isPostPageCommand(cmd.fcf())) {
                receiverCommon(b, T30Result.DCN_PHASE_D_RX);
                return;
            }
            cancel(T30Timer.T2);
            Fcf c = withoutInterrupt(cmd.fcf());
            PageQuality q = pendingQuality;
            Fcf response = switch (q.verdict()) {
                case MCF -> Fcf.MCF;
                case RTP -> Fcf.RTP;
                case RTN -> Fcf.RTN;
            };
            lastVerdictRtn = q.verdict() == PageQuality.Verdict.RTN;
            if (!lastVerdictRtn) {
                deliverPage(pageBuffer.toByteArray(), q);
            }
            pageBuffer.clear();
            T30State next;
            if (lastVerdictRtn || q.verdict() == PageQuality.Verdict.RTP && c.equals(Fcf.MPS)) {
                next = T30State.R; // the sender retrains with DCS
            } else if (c.equals(Fcf.MPS)) {
                next = T30State.F_DOC_NON_ECM;
            } else if (c.equals(Fcf.EOM)) {
                next = T30State.R;
                enterPhaseBAgain();
            } else {
                next = T30State.F_POST_EOP;
            }
            respond(response, commandKey(cmd), next);
        } else if (in instanceof BadFrame bf && bf.looksFinal()) {
            sendCrp();
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            finish(T30Result.T2_EXPIRED, true, "no post-page command");
        }
    }

    private void enterPhaseBAgain() {
        sendDisAfterResponse = true;
        dcsSeen = false;
        arm(T30Timer.T1);
    }

    private void deliverPage(byte[] data, PageQuality q) {
        pagesDone++;
        out.add(new T30Action.PageReceived(pagesDone, mode, data, q));
    }

    private void inFPostEop(Input in) {
        if (in instanceof Sent) {
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(T30Timer.T2);
        } else if (in instanceof Burst b) {
            if (b.has(Fcf.DCN)) {
                finish(T30Result.OK, false, pagesDone + " pages received");
            } else if (b.has(Fcf.CRP)) {
                resendLastResponse("CRP");
            } else if (!answerDuplicate(b)) {
                LOG.info("[{}] unexpected {} waiting for DCN, ignored", tag, b.last().fcf());
            }
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            finish(T30Result.OK, false, pagesDone + " pages received, no DCN");
        }
    }

    // ------------------------------------------------------------------ receiver: ECM

    private void inFDocEcm(Input in) {
        if (in instanceof Sent) {
            out.add(new T30Action.StartReceive(mode.modulation(), true));
            arm(T30Timer.T2);
        } else if (in instanceof Ecm e) {
            cancel(T30Timer.T2);
            HdlcFrame f = e.frame();
            if (f.fcf().equals(Fcf.FCD) && f.fifLength() >= 1) {
                lastAnsweredKey = ""; // new data: a PPS with the same numbers is a new question
                byte[] fif = f.fif();
                if (!block.put(fif[0] & 0xFF, java.util.Arrays.copyOfRange(fif, 1, fif.length))) {
                    LOG.warn("[{}] FCD #{} of {} octets does not fit frame size {}, dropped", tag, fif[0] & 0xFF,
                            fif.length - 1, mode.ecmFrameSize());
                }
            } else if (f.fcf().equals(Fcf.RCP)) {
                endOfPartialPage("RCP");
            }
        } else if (in instanceof Other o) {
            if (o.event() instanceof T30Event.CarrierUp) {
                cancel(T30Timer.T2);
            } else if (o.event() instanceof T30Event.CarrierDown) {
                endOfPartialPage("carrier down");
            }
        } else if (in instanceof Burst b) {
            Fcf c = b.last().fcf();
            if (c.equals(Fcf.PPS) || c.equals(Fcf.EOR) || c.equals(Fcf.CTC) || c.equals(Fcf.RR)) {
                if (answerDuplicate(b)) {
                    return;
                }
                endOfPartialPage(c + " without RCP");
                inFPostDocEcm(in);
                return;
            }
            receiverCommon(b, T30Result.DCN_DATA_RX);
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            finish(T30Result.T2_EXPIRED, true, "no ECM data");
        }
    }

    private void endOfPartialPage(String why) {
        transitionTo(T30State.F_POST_DOC_ECM, why);
        out.add(new T30Action.StartReceive(Modulation.V21, true));
        restart(T30Timer.T2);
    }

    private void inFPostDocEcm(Input in) {
        if (in instanceof Sent) {
            out.add(new T30Action.StartReceive(Modulation.V21, true));
            arm(T30Timer.T2);
        } else if (in instanceof Burst b) {
            HdlcFrame cmd = b.last();
            Fcf c = cmd.fcf();
            if (answerDuplicate(b)) {
                return;
            }
            if (c.equals(Fcf.PPS) && cmd.fifLength() >= 4) {
                cancel(T30Timer.T2);
                int fcf2 = cmd.fifOctet(0);
                int count = cmd.fifOctet(3) + 1;
                lastPpsCount = count;
                int missing = block.missing(count);
                if (missing == 0) {
                    blockComplete(fcf2, count, Fcf.MCF, commandKey(cmd));
                } else {
                    LOG.info("[{}] partial page {}/{}: {} of {} frames missing, PPR", tag, cmd.fifOctet(1),
                            cmd.fifOctet(2), missing, count);
                    respondFrames(List.of(HdlcFrame.of(Fcf.PPR, xBit, true, block.pprBitmap(count))),
                            commandKey(cmd), T30State.F_DOC_ECM);
                }
            } else if (c.equals(Fcf.EOR) && cmd.fifLength() >= 1) {
                cancel(T30Timer.T2);
                int missing = block.missing(lastPpsCount);
                ecmMissingOnPage += missing;
                LOG.warn("[{}] EOR: accepting partial page with {} frames missing", tag, missing);
                blockComplete(cmd.fifOctet(0), lastPpsCount, Fcf.ERR, commandKey(cmd));
            } else if (c.equals(Fcf.CTC) && cmd.fifLength() >= 2) {
                cancel(T30Timer.T2);
                Modulation m = Modulation.fromDcsCode((cmd.fifOctet(1) >> 2) & 0x0F);
                if (m == null || !config.capabilities().modems().contains(m.family())) {
                    finish(T30Result.RX_INVALCMD, true, "CTC with an impossible rate");
                    return;
                }
                mode = mode.withModulation(m);
                respond(Fcf.CTR, commandKey(cmd), T30State.F_DOC_ECM);
            } else if (c.equals(Fcf.RR)) {
                cancel(T30Timer.T2);
                if (pendingFcf2 < 0) {
                    resendLastResponse("RR");
                } else if (busy) {
                    sendV21(List.of(HdlcFrame.of(Fcf.RNR, xBit, true)));
                } else {
                    int f2 = pendingFcf2;
                    pendingFcf2 = -1;
                    blockComplete(f2, pendingCount, Fcf.MCF, pendingKey);
                }
            } else {
                receiverCommon(b, T30Result.DCN_PHASE_D_RX);
            }
        } else if (in instanceof BadFrame bf && bf.looksFinal()) {
            sendCrp();
        } else if (in instanceof Fired f && f.timer() == T30Timer.T2) {
            finish(T30Result.T2_EXPIRED, true, "no PPS");
        }
    }

    private void blockComplete(int fcf2, int count, Fcf response, String key) {
        if (busy && response.equals(Fcf.MCF)) {
            pendingFcf2 = fcf2;
            pendingCount = count;
            pendingKey = key;
            LOG.info("[{}] partial page complete but storage busy: RNR", tag);
            lastResponse = List.of(HdlcFrame.of(Fcf.RNR, xBit, true));
            sendV21(lastResponse);
            if (state != T30State.F_POST_DOC_ECM) {
                transitionTo(T30State.F_POST_DOC_ECM, "RNR sent");
            }
            return;
        }
        pageBuffer.append(block.assemble(count));
        block.clear();
        T30State next;
        if (fcf2 == Fcf.NULL_FCF2) {
            next = T30State.F_DOC_ECM;
        } else {
            Fcf c = withoutInterrupt(Fcf.of(fcf2));
            PageQuality q = new PageQuality(-1, 0, ecmMissingOnPage,
                    ecmMissingOnPage == 0 ? PageQuality.Verdict.MCF : PageQuality.Verdict.RTP);
            LOG.info("[{}] page {} received: {} octets by ECM, {} frames missing", tag, pagesDone + 1,
                    pageBuffer.size(), ecmMissingOnPage);
            deliverPage(pageBuffer.toByteArray(), q);
            pageBuffer.clear();
            ecmMissingOnPage = 0;
            if (c.equals(Fcf.MPS)) {
                next = T30State.F_DOC_ECM;
            } else if (c.equals(Fcf.EOM)) {
                next = T30State.R;
                enterPhaseBAgain();
            } else {
                next = T30State.F_POST_EOP;
            }
        }
        if (next == state) {
            // RNR was pending in F_POST_DOC_ECM and the next state is the same: nothing to change
            sendV21(List.of(HdlcFrame.of(response, xBit, true)));
            return;
        }
        respond(response, key, next);
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

    private void transitionTo(T30State next, String why) {
        if (!state.canGoTo(next)) {
            throw new IllegalStateException("[" + tag + "] illegal transition " + state + " -> " + next + " (" + why + ")");
        }
        LOG.info("[{}] state {} -> {} ({})", tag, state, next, why);
        state = next;
    }

    private void sendV21(List<HdlcFrame> frames) {
        for (HdlcFrame f : frames) {
            LOG.info("[{}] Tx: {}", tag, T30Trace.describe(f));
        }
        out.add(new T30Action.SendFrames(Modulation.V21, frames));
        transmitting = true;
    }

    private void sendCommand(HdlcFrame f) {
        lastCommand = List.of(f);
        sendV21(lastCommand);
    }

    private void repeatCommand() {
        sendV21(lastCommand);
    }

    private void listenV21AndArm(T30Timer t) {
        out.add(new T30Action.StartReceive(Modulation.V21, true));
        arm(t);
    }

    private void arm(T30Timer t) {
        timers.arm(t, now + config.duration(t), out::add);
    }

    private void restart(T30Timer t) {
        if (timers.isRunning(t) || t == T30Timer.T2) {
            arm(t);
        }
    }

    private void cancel(T30Timer t) {
        timers.cancel(t, out::add);
    }

    private void finish(T30Result r, boolean sendDcn, String detail) {
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
