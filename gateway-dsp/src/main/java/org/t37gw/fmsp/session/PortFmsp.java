package org.t37gw.fmsp.session;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.ccapi.FaxSessionOptions;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.PageSink;
import org.t37gw.ccapi.PageSource;
import org.t37gw.dmsp.service.FaxPages;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.PageQuality;
import org.t37gw.fmsp.t30.RemoteInfo;
import org.t37gw.fmsp.t30.T30Action;
import org.t37gw.fmsp.t30.T30Capabilities;
import org.t37gw.fmsp.t30.T30Config;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.t30.T30Result;
import org.t37gw.fmsp.terminal.IfpReceiver;
import org.t37gw.fmsp.terminal.T38Terminal;
import org.t37gw.vtsp.PortVtsp;

/**
 * The {@link Fmsp} of the gateway's voice-ports: one T.30 session ({@link T30Engine} in our {@link T38Terminal}) on
 * the connected call, over whatever carries it ({@code t38}: UDPTL to the peer; {@code loopback}: IFP in memory to
 * the other port), found through the {@link PortVtsp}.
 *
 * <p>{@link #send}: a calling sender taking pages from the core {@link PageSource} as it needs them (decoded and
 * coded again in the negotiated coding). {@link #receive}: an answering receiver handing each accepted page to the
 * {@link PageSink} as received (its coding, bits reordered to MSB first; see {@link FaxPages}). Options: local
 * identity → TSI/CSI, ECM → offered / accepted, maximum bit rate → the modems offered (14400 and 12000: V.17, V.29,
 * V.27ter; 9600 and 7200: V.29, V.27ter; 4800 and 2400: V.27ter).
 *
 * <p>Events, to the {@code events} consumer, on the port's event loop: {@code FaxModeNegotiated} before the first
 * page in a new mode (bit rate, ECM, resolution, coding), {@code PageSent} per page the far end confirmed,
 * {@code PageReceived} per page accepted (MCF or RTP; good unless RTN, which is never reported as accepted), and
 * exactly one {@code FaxCompleted}: success when T.30 says {@code OK} (and, receiving, the sink closed); otherwise the
 * diagnostic is the T.30 result, e.g. {@code "T1_EXPIRED (20, transient): T1 expired: ..."}. The page source is
 * closed and the sink closed or aborted before {@code FaxCompleted} goes out. If the call is cleared while the
 * session runs, {@code FaxCompleted} (failed, {@code CALL_DROPPED} or the abort's reason) goes out before the
 * call's {@code Disconnect}.
 */
public final class PortFmsp implements Fmsp {
    private static final Logger LOG = LoggerFactory.getLogger(PortFmsp.class);
    /** How long an aborted session may take to say DCN before it is reported ended anyway (wall time). */
    private static final long ABORT_GRACE_MILLIS = 10_000;

    private final PortVtsp vtsp;
    private final Map<CallId, Session> sessions = new ConcurrentHashMap<>();

    public PortFmsp(PortVtsp vtsp) {
        this.vtsp = Objects.requireNonNull(vtsp, "vtsp");
    }

    @Override
    public FaxSession send(CallId callId, FaxSessionOptions options, PageSource pages, Consumer<CallEvent> events) {
        Objects.requireNonNull(pages, "pages");
        Session s = new Session(callId, events, pages, null);
        s.begin(() -> T30Engine.callingSender(config(callId, options), new StreamingPageSource(pages)));
        return s;
    }

    @Override
    public FaxSession receive(CallId callId, FaxSessionOptions options, PageSink pages, Consumer<CallEvent> events) {
        Objects.requireNonNull(pages, "pages");
        Session s = new Session(callId, events, null, pages);
        s.begin(() -> T30Engine.answeringReceiver(config(callId, options)));
        return s;
    }

    /** Sessions running now. */
    public int activeSessions() {
        return sessions.size();
    }

    /** Aborts every running session (daemon stop). */
    public void abortAll(String reason) {
        for (Session s : List.copyOf(sessions.values())) {
            s.abort(reason);
        }
    }

    /** The T.30 settings for a session with these options. */
    static T30Config config(CallId callId, FaxSessionOptions options) {
        FaxSessionOptions o = options == null ? FaxSessionOptions.defaults() : options;
        T30Config.Builder b = T30Config.builder()
                .ident(o.localIdent())
                .logTag("call " + callId);
        if (!o.subaddress().isEmpty()) {
            b.subaddress(o.subaddress());
        }
        return b
                .capabilities(T30Capabilities.full().withEcm(o.ecm()).withModems(modems(o.maxBitRate())))
                .build();
    }

    /** The modem families whose rates stay within {@code maxBitRate}, as far as families allow. */
    static Set<Modulation.Family> modems(int maxBitRate) {
        if (maxBitRate >= 12000) {
            return EnumSet.of(Modulation.Family.V27TER, Modulation.Family.V29, Modulation.Family.V17);
        } else if (maxBitRate >= 7200) {
            return EnumSet.of(Modulation.Family.V27TER, Modulation.Family.V29);
        }
        return EnumSet.of(Modulation.Family.V27TER);
    }

    /** The core's view of a negotiated mode. */
    static CallEvent.FaxModeNegotiated negotiated(CallId callId, PageMode m) {
        return new CallEvent.FaxModeNegotiated(callId, m.modulation().bitRate(), m.ecm(), resolution(m), coding(m));
    }

    static FaxResolution resolution(PageMode m) {
        return switch (m.resolution()) {
            case STANDARD -> FaxResolution.STANDARD;
            case FINE -> FaxResolution.FINE;
            case SUPERFINE, R16_SUPERFINE -> FaxResolution.SUPERFINE;
        };
    }

    static FaxCoding coding(PageMode m) {
        return FaxCoding.valueOf(m.coding().name());
    }

    /** An accepted page as the core's {@link FaxPage}: its coding, MSB first. */
    static FaxPage toFaxPage(T30Action.PageReceived p) {
        PageMode m = p.mode();
        int width = IfpReceiver.params(m).width();
        byte[] lineOrder = p.data();
        int rows = p.quality().lines();
        if (rows < 0) {
            rows = FaxPages.decode(lineOrder, FillOrder.LSB_FIRST, coding(m), resolution(m), width).height();
        }
        return new FaxPage(width, rows, resolution(m), coding(m), FaxPages.reverseBits(lineOrder));
    }

    private final class Session implements FaxSession, T38Terminal.Listener {
        private final CallId callId;
        private final Consumer<CallEvent> events;
        private final PageSource source;
        private final PageSink sink;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile T38Terminal terminal;
        private volatile String abortReason;
        private PageMode reportedMode;

        Session(CallId callId, Consumer<CallEvent> events, PageSource source, PageSink sink) {
            this.callId = Objects.requireNonNull(callId, "callId");
            this.events = Objects.requireNonNull(events, "events");
            this.source = source;
            this.sink = sink;
        }

        void begin(java.util.function.Supplier<T30Engine> engine) {
            if (sessions.putIfAbsent(callId, this) != null) {
                finish(T30Result.LOCAL_ABORT, "a fax session is already running on call " + callId);
                return;
            }
            if (!vtsp.isConnected(callId)) {
                finish(T30Result.CALL_DROPPED, "call " + callId + " is not connected");
                return;
            }
            LOG.info("call {}: fax session starts, {}", callId, source != null ? "sending" : "receiving");
            try {
                terminal = vtsp.startFax(callId, engine.get(), this);
            } catch (RuntimeException e) {
                finish(T30Result.CALL_DROPPED, e.getMessage());
                return;
            }
            terminal.outcome().whenComplete((o, ex) -> {
                if (ex != null) {
                    finish(T30Result.LOCAL_ABORT, ex.toString());
                } else {
                    finish(o.result(), o.summary() == null ? "" : o.summary().detail());
                }
            });
            vtsp.whenGone(callId, this::lineGone);
        }

        @Override
        public CallId callId() {
            return callId;
        }

        @Override
        public void abort(String reason) {
            if (finished.get()) {
                return;
            }
            abortReason = reason == null || reason.isEmpty() ? "aborted" : reason;
            LOG.info("call {}: fax session aborted: {}", callId, abortReason);
            T38Terminal t = terminal;
            if (t == null) {
                finish(T30Result.LOCAL_ABORT, abortReason);
                return;
            }
            t.abort(T30Result.LOCAL_ABORT);
            CompletableFuture.delayedExecutor(ABORT_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                    .execute(() -> finish(T30Result.LOCAL_ABORT, abortReason + " (no clean end in time)"));
        }

        /** The call was cleared under the session: it is over, whatever T.30 would still say. */
        private void lineGone() {
            if (finished.get()) {
                return;
            }
            T38Terminal t = terminal;
            if (t != null) {
                t.abort(T30Result.CALL_DROPPED);
            }
            finish(abortReason != null ? T30Result.LOCAL_ABORT : T30Result.CALL_DROPPED,
                    abortReason != null ? abortReason : "the call was cleared during the session");
        }

        private void finish(T30Result result, String detail) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            sessions.remove(callId, this);
            boolean ok = result.isSuccess();
            CallEvent.FaxFailure failure = failureOf(result);
            String diagnostic = ok ? "" : result.toString()
                    + (abortReason != null && result == T30Result.LOCAL_ABORT ? " (" + abortReason + ")" : "")
                    + (detail == null || detail.isEmpty() ? "" : "; " + detail);
            if (source != null) {
                try {
                    source.close();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("call {}: closing the page source failed: {}", callId, e.toString());
                }
            }
            if (sink != null) {
                if (ok) {
                    try {
                        sink.close();
                    } catch (IOException | RuntimeException e) {
                        LOG.error("call {}: the received document could not be completed", callId, e);
                        ok = false;
                        diagnostic = "storing the received document failed: " + e.getMessage();
                        failure = CallEvent.FaxFailure.LOCAL;
                        sink.abort();
                    }
                } else {
                    sink.abort();
                }
            }
            LOG.info("call {}: fax session ended: {}", callId, ok ? "OK" : diagnostic);
            events.accept(new CallEvent.FaxCompleted(callId, ok, diagnostic, failure));
        }

        private void modeOf(PageMode m) {
            if (reportedMode == null || !reportedMode.equals(m)) {
                reportedMode = m;
                events.accept(negotiated(callId, m));
            }
        }

        @Override
        public void remoteIdentified(RemoteInfo info) {
            LOG.debug("call {}: far end {}", callId, info);
            if (info.ident() != null && !info.ident().isBlank() && !finished.get()) {
                events.accept(new CallEvent.RemoteIdentified(callId, info.ident()));
            }
        }

        @Override
        public void pageSent(int index, PageMode mode) {
            if (finished.get()) {
                return;
            }
            modeOf(mode);
            events.accept(new CallEvent.PageSent(callId, index + 1));
        }

        @Override
        public void pageReceived(T30Action.PageReceived page) throws Exception {
            if (finished.get()) {
                throw new IllegalStateException("page after the session ended");
            }
            modeOf(page.mode());
            sink.accept(toFaxPage(page));
            events.accept(new CallEvent.PageReceived(callId, page.number(),
                    page.quality().verdict() != PageQuality.Verdict.RTN));
        }
    }

    /** The kind of failure a T.30 result is, for the applications' retry decisions. */
    static CallEvent.FaxFailure failureOf(T30Result r) {
        return switch (r) {
            case OK -> CallEvent.FaxFailure.NONE;
            case CEDTONE, T0_EXPIRED, NO_CARRIER, T1_EXPIRED -> CallEvent.FaxFailure.NO_FAX_ANSWER;
            case CANNOT_TRAIN, TCFBADTRAIN -> CallEvent.FaxFailure.TRAINING;
            case INCOMPATIBLE, RX_INCAPABLE, NORESSUPPORT, NOSIZESUPPORT, NOCODINGSUPPORT -> CallEvent.FaxFailure.INCOMPATIBLE;
            case CALL_DROPPED, RETRYDCN, RX_INVALCMD, UNEXPECTED, DCN_WHILE_TX, DCN_WHILE_RX, DCN_DATA_RX, DCN_PHASE_D_RX,
                    T2_EXPIRED, T5_EXPIRED, BADPG, LOCAL_ABORT -> CallEvent.FaxFailure.DROPPED;
            case PAGE_SOURCE_ERROR, NOPAGE -> CallEvent.FaxFailure.LOCAL;
        };
    }
}
