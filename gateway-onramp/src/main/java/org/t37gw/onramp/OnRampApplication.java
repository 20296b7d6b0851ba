package org.t37gw.onramp;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.t37gw.ccapi.Application;
import org.t37gw.ccapi.ApplicationContext;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallLeg;
import org.t37gw.ccapi.Direction;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxSessionOptions;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.LegType;
import org.t37gw.ccapi.PageSink;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.SetupDecision;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dialpeer.OutboundRoute;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.smtp.mail.FaxMailRequest;
import org.t37gw.smtp.mail.MailComposer;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.smtp.mail.SessionTarget;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.PayloadWriter;
import org.t37gw.spool.ResultCode;
import org.t37gw.spool.Spool;

/**
 * The on-ramp ({@code fax_on_vfc_onramp_app}): a fax arriving on a telephony leg is received page by page
 * into the spool's care and mailed as a TIFF-F attachment (RFC 3965 simple mode), as IOS T.37 does.
 *
 * <p>Per call: {@link #onSetup} finds the outbound mmoip dial-peer for the called number whose application is
 * {@code fax_on_vfc_onramp_app out-bound} and resolves its {@code session target} (no such peer: rejected,
 * Q.850 1); on the Setup event a worker creates the ONRAMP spool job (durable) and only then answers; on
 * Connect the FMSP receives with our CSI ({@code fax receive called-subscriber}) and ECM on; every page is
 * written to disk (fsync) before the sink returns; FaxCompleted clears the line; on Disconnect a worker
 * writes the T.30 facts into the job, spools the mail and completes the job. docs/onramp.md has the details.
 *
 * <p>Callbacks only record and hand work to the worker pool; page writes happen on the FMSP's thread
 * inside {@link PageSink#accept}, so a page is durable before the FMSP confirms it.
 */
public final class OnRampApplication implements Application {
    private static final Logger LOG = LoggerFactory.getLogger(OnRampApplication.class);

    /** The application's name on {@code application} lines. */
    public static final String NAME = "fax_on_vfc_onramp_app";

    private final Executor injectedWorker;
    private final Supplier<String> ids;
    private final DecodeLimits limits;
    private final Map<CallId, Call> calls = new ConcurrentHashMap<>();
    private final Object claimLock = new Object();

    private ApplicationContext context;
    private OnRampEnvironment env;
    private Spool spool;
    private OnRampDelivery delivery;
    private Executor worker;
    private ExecutorService ownWorker;

    /** For {@link java.util.ServiceLoader}: a worker pool of two threads, random message ids. */
    public OnRampApplication() {
        this(null, MailComposer.randomIds(), DecodeLimits.DEFAULT);
    }

    /**
     * @param worker runs job creation and mailing ({@code null}: a pool of two threads of its own; tests pass
     *               a direct executor)
     * @param ids    unique tokens for Message-ID and MIME boundaries
     * @param limits limits of the page decoder
     */
    public OnRampApplication(Executor worker, Supplier<String> ids, DecodeLimits limits) {
        this.injectedWorker = worker;
        this.ids = ids;
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Opens {@code STATE/onramp} and mails every fax a previous process left unmailed. */
    @Override
    public void start(ApplicationContext ctx) {
        this.context = ctx;
        this.env = ctx.service(OnRampEnvironment.class).orElse(null);
        this.spool = ctx.service(Spool.class).orElse(null);
        if (env == null || spool == null) {
            LOG.error("{}: no {} offered; every call will be rejected", NAME,
                    env == null ? "OnRampEnvironment (gateway-onramp's component)" : "spool");
            return;
        }
        if (injectedWorker != null) {
            worker = injectedWorker;
        } else {
            AtomicInteger n = new AtomicInteger();
            ownWorker = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "onramp-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            worker = ownWorker;
        }
        try {
            Files.createDirectories(env.workDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + env.workDir() + ": " + e.getMessage(), e);
        }
        delivery = new OnRampDelivery(spool, env.workDir(), ctx.clock(), ids);
        delivery.onMailSpooled(() -> ctx.service(org.t37gw.smtp.client.MailDeliveryService.class)
                .ifPresent(org.t37gw.smtp.client.MailDeliveryService::wakeUp));
        int recovered = recoverAll();
        try {
            delivery.removeOrphans();
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", env.workDir(), e.getMessage());
        }
        LOG.info("{} started: {} unfinished faxes recovered, pages in {}", NAME, recovered, env.workDir());
    }

    @Override
    public void stop() {
        for (Call c : calls.values()) {
            Fmsp.FaxSession s = c.session;
            if (s != null) {
                s.abort("gateway stopping");
            }
        }
        if (ownWorker != null) {
            ownWorker.shutdown();
            try {
                if (!ownWorker.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("{}: mail of received faxes still being spooled at stop; recovered at next start", NAME);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Claims every due ONRAMP job (left ACTIVE by a dead process, or waiting after a failed mailing). */
    private int recoverAll() {
        int n = 0;
        while (true) {
            Optional<Job> j;
            try {
                j = spool.claim(JobKind.ONRAMP);
            } catch (IOException e) {
                LOG.error("cannot claim ONRAMP jobs: {}", e.getMessage());
                return n;
            }
            if (j.isEmpty()) {
                return n;
            }
            recover(j.get());
            n++;
        }
    }

    private void recover(Job job) {
        MDC.put("job", job.id().value());
        try {
            delivery.recover(job, env.config().get());
        } catch (IOException | RuntimeException e) {
            LOG.error("job {}: recovery failed: {}; retried later", job.id(), e.toString());
            retryLater(job, e);
        } finally {
            MDC.remove("job");
        }
    }

    private void retryLater(Job job, Exception e) {
        try {
            spool.get(job.id()).filter(j -> j.state() == org.t37gw.spool.JobState.ACTIVE)
                    .ifPresent(j -> {
                        try {
                            spool.retry(j, ResultCode.LOCAL_RESOURCES, e.getMessage());
                        } catch (IOException ex) {
                            LOG.error("job {}: cannot record the failure: {}", job.id(), ex.getMessage());
                        }
                    });
        } catch (RuntimeException ex) {
            LOG.error("job {}: cannot record the failure: {}", job.id(), ex.toString());
        }
    }

    // ------------------------------------------------------------------ call control

    @Override
    public SetupDecision onSetup(CallLeg leg) {
        if (leg.direction() != Direction.INBOUND || leg.type() != LegType.TELEPHONY) {
            return SetupDecision.reject(Q850Cause.SERVICE_NOT_AVAILABLE, NAME + " takes inbound telephony legs only");
        }
        if (env == null || spool == null || delivery == null) {
            return SetupDecision.reject(Q850Cause.TEMPORARY_FAILURE, NAME + " not started (no spool or environment)");
        }
        if (context.service(Vtsp.class).isEmpty() || context.service(Fmsp.class).isEmpty()) {
            return SetupDecision.reject(Q850Cause.RESOURCE_UNAVAILABLE, "no " + (context.service(Vtsp.class).isEmpty()
                    ? "VTSP" : "FMSP") + " service to answer and receive with");
        }
        Optional<DialPeer> peer = mmoipPeer(leg.called());
        if (peer.isEmpty()) {
            return SetupDecision.reject(Q850Cause.UNALLOCATED_NUMBER, "no mmoip dial-peer with application " + NAME
                    + " out-bound for called number '" + leg.called() + "'");
        }
        DialPeer p = peer.get();
        GatewayConfig cfg = env.config().get();
        String mailto;
        try {
            mailto = new SessionTarget(p.sessionTarget() == null ? "mailto:" : p.sessionTarget()).resolve(
                    new SessionTarget.Values(leg.called(), leg.calling(), null, null), cfg.hostname());
        } catch (SessionTarget.UnresolvedTargetException | IllegalArgumentException e) {
            return SetupDecision.reject(Q850Cause.NO_ROUTE_TO_DESTINATION, "dial-peer " + p.tag() + ": "
                    + e.getMessage());
        }
        calls.put(leg.id(), new Call(leg, p, mailto, csi(cfg, leg.called())));
        LOG.info("call {}: fax for {} from {} will be mailed to {} (dial-peer {})", leg.id(), leg.called(),
                leg.calling(), mailto, p.tag());
        return SetupDecision.ACCEPT;
    }

    /** IOS: the first outbound mmoip peer for the number whose application is this one, out-bound. */
    private Optional<DialPeer> mmoipPeer(String called) {
        for (OutboundRoute r : context.dialPeers().matchOutbound(DialPeer.Kind.MMOIP, called)) {
            DialPeer p = r.peer();
            if (NAME.equals(p.application()) && p.applicationOutbound()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code fax receive called-subscriber}: {@code $d$} = the called number; only digits, + and space. */
    static String csi(GatewayConfig cfg, String called) {
        String cs = cfg.faxReceive().calledSubscriber();
        if (cs == null) {
            return "";
        }
        String v = cs.replace("$d$", called == null ? "" : called);
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            if ((c >= '0' && c <= '9') || c == '+' || c == ' ') {
                sb.append(c);
            }
        }
        String s = sb.toString().strip();
        return s.length() > 20 ? s.substring(s.length() - 20) : s;
    }

    @Override
    public void onEvent(CallLeg leg, CallEvent event) {
        Call c = calls.get(leg.id());
        if (c == null) {
            return;
        }
        if (event instanceof CallEvent.Setup) {
            worker.execute(() -> openJobAndAnswer(c));
        } else if (event instanceof CallEvent.Connect) {
            startReceiving(c);
        } else if (event instanceof CallEvent.FaxModeNegotiated m) {
            c.mode(m);
        } else if (event instanceof CallEvent.RemoteIdentified r) {
            c.remoteIdent(r.ident());
        } else if (event instanceof CallEvent.PageReceived p) {
            c.pageReported(p);
        } else if (event instanceof CallEvent.FaxCompleted f) {
            c.completed(f);
            context.service(Vtsp.class).ifPresent(v -> v.hangUp(c.leg.id(), Q850Cause.NORMAL_CLEARING));
        } else if (event instanceof CallEvent.Disconnect d) {
            calls.remove(leg.id());
            Fmsp.FaxSession s = c.disconnected(d.cause(), clock().instant());
            if (s != null) {
                s.abort("line dropped: " + d.cause());
            }
            worker.execute(() -> finish(c));
        }
    }

    private Clock clock() {
        return context.clock();
    }

    /** Worker: the ONRAMP job is durable before the line is answered. */
    private void openJobAndAnswer(Call c) {
        MDC.put("call", c.leg.id().toString());
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(OnRampRecord.CALL_ID, c.leg.id().toString());
            fields.put(OnRampRecord.CALLING, c.leg.calling());
            fields.put(OnRampRecord.CALLED, c.leg.called());
            fields.put(OnRampRecord.PORT, OnRampRecord.nullToEmpty(c.leg.port()));
            fields.put(OnRampRecord.POTS_PEER, Integer.toString(c.leg.dialPeerTag()));
            fields.put(OnRampRecord.MMOIP_PEER, Integer.toString(c.peer.tag()));
            fields.put(OnRampRecord.MAILTO, c.mailto);
            fields.put(OnRampRecord.DSN, MailEnvelope.notifyParameter(c.peer.dsn()));
            fields.put(OnRampRecord.MDN, OnRampRecord.yesNo(c.peer.mdn()));
            fields.put(OnRampRecord.IMAGE_ENCODING, OnRampRecord.lower(c.peer.imageEncoding()));
            fields.put(OnRampRecord.IMAGE_RESOLUTION, OnRampRecord.lower(c.peer.imageResolution()));
            fields.put(OnRampRecord.PAGES_RECEIVED, "0");
            Job job = createAndClaim(fields);
            if (!c.opened(job, new ReceivedDocument(delivery.tiffOf(job.id()), c.peer.imageEncoding(),
                    c.peer.imageResolution(), limits, clock()))) {
                LOG.info("call {}: gone before it was answered", c.leg.id());
                spool.fail(job, ResultCode.CANCELLED, "caller hung up before the call was answered");
                return;
            }
            LOG.info("call {}: job {} created; answering", c.leg.id(), job.id());
            context.service(Vtsp.class).orElseThrow().answer(c.leg.id());
        } catch (IOException | RuntimeException e) {
            LOG.error("call {}: cannot create the ONRAMP job ({}); not answering", c.leg.id(), e.toString());
            context.service(Vtsp.class).ifPresent(v -> v.hangUp(c.leg.id(), Q850Cause.RESOURCE_UNAVAILABLE));
        } finally {
            MDC.remove("call");
        }
    }

    /**
     * Creates the ONRAMP job and claims it, so it is ACTIVE for the whole call (a crash leaves it ACTIVE; the
     * spool's recovery makes it QUEUED and {@link #start} mails it). Claims hand out the job due first, so
     * older due ONRAMP jobs (left from a failed mailing) are claimed first and recovered on the worker.
     */
    private Job createAndClaim(Map<String, String> fields) throws IOException {
        List<Job> leftovers = new ArrayList<>();
        Job mine = null;
        synchronized (claimLock) {
            JobId id = spool.enqueue(JobKind.ONRAMP, fields, PayloadWriter.NONE);
            while (mine == null) {
                Optional<Job> j = spool.claim(JobKind.ONRAMP);
                if (j.isEmpty()) {
                    throw new IOException("job " + id + " just enqueued but not claimable");
                }
                if (j.get().id().equals(id)) {
                    mine = j.get();
                } else {
                    leftovers.add(j.get());
                }
            }
        }
        for (Job l : leftovers) {
            worker.execute(() -> recover(l));
        }
        return mine;
    }

    private void startReceiving(Call c) {
        if (!c.answered(clock().instant())) {
            LOG.warn("call {}: connected without a spool job; clearing", c.leg.id());
            context.service(Vtsp.class).ifPresent(v -> v.hangUp(c.leg.id(), Q850Cause.TEMPORARY_FAILURE));
            return;
        }
        Fmsp fmsp = context.service(Fmsp.class).orElseThrow();
        FaxSessionOptions options = new FaxSessionOptions(c.csi, 14400, true);
        LOG.info("call {}: receiving, CSI '{}', ECM on", c.leg.id(), c.csi);
        Fmsp.FaxSession s = fmsp.receive(c.leg.id(), options, c.sink(), context.callManager()::fire);
        c.session(s);
    }

    /** Worker: writes the facts, mails what arrived, completes the job. */
    private void finish(Call c) {
        Job job = c.job();
        if (job == null) {
            return; // never answered: nothing received, nothing to mail (the CDR has the call)
        }
        MDC.put("job", job.id().value());
        try {
            c.closeDocument();
            Map<String, String> facts = c.facts();
            job = spool.update(job, facts);
            delivery.deliver(job, delivery.tiffOf(job.id()), env.config().get());
        } catch (IOException | RuntimeException e) {
            LOG.error("job {}: mailing the fax failed: {}; the pages stay in {} and are mailed later", job.id(),
                    e.toString(), delivery.tiffOf(job.id()));
            retryLater(job, e);
        } finally {
            MDC.remove("job");
        }
    }

    // ------------------------------------------------------------------ one call

    /** What the application knows of one call; guarded by itself. */
    private final class Call {
        final CallLeg leg;
        final DialPeer peer;
        final String mailto;
        final String csi;
        private Job job;
        private ReceivedDocument document;
        private Fmsp.FaxSession session;
        private CallEvent.FaxModeNegotiated mode;
        String remoteIdent;
        private CallEvent.FaxCompleted completed;
        private Q850Cause cause;
        private Instant answered;
        private Instant ended;
        private int rtnPages;
        private boolean disconnected;
        private String sinkFailure;

        Call(CallLeg leg, DialPeer peer, String mailto, String csi) {
            this.leg = leg;
            this.peer = peer;
            this.mailto = mailto;
            this.csi = csi;
        }

        /** The job exists; false if the line dropped meanwhile (finish already ran without a job). */
        synchronized boolean opened(Job j, ReceivedDocument d) {
            if (disconnected) {
                return false;
            }
            job = j;
            document = d;
            return true;
        }

        synchronized Job job() {
            return job;
        }

        synchronized boolean answered(Instant at) {
            if (job == null) {
                return false;
            }
            answered = at;
            try {
                job = spool.update(job, Map.of(OnRampRecord.ANSWERED, at.toString()));
            } catch (IOException e) {
                LOG.warn("call {}: answer time not recorded: {}", leg.id(), e.getMessage());
            }
            return true;
        }

        synchronized void session(Fmsp.FaxSession s) {
            session = s;
        }

        synchronized void mode(CallEvent.FaxModeNegotiated m) {
            mode = m;
        }

        /** The far machine's TSI, as it read on the line. */
        synchronized void remoteIdent(String tsi) {
            remoteIdent = tsi;
        }

        synchronized void pageReported(CallEvent.PageReceived p) {
            if (!p.good()) {
                rtnPages++;
            }
        }

        synchronized void completed(CallEvent.FaxCompleted f) {
            completed = f;
        }

        /** The line is gone; returns the session to abort if it had not ended. */
        synchronized Fmsp.FaxSession disconnected(Q850Cause c, Instant at) {
            disconnected = true;
            cause = c;
            ended = at;
            return completed == null ? session : null;
        }

        /** FMSP thread: one page, durable (file forced, page count in the record) when this returns. */
        synchronized void accept(FaxPage page) throws IOException {
            if (document == null || disconnected) {
                throw new IOException("call " + leg.id() + ": no page accepted "
                        + (document == null ? "before the spool job exists" : "after the line dropped"));
            }
            document.add(page);
            Map<String, String> f = new LinkedHashMap<>();
            f.put(OnRampRecord.PAGES_RECEIVED, Integer.toString(document.pages()));
            f.put(OnRampRecord.LAST_PAGE, clock().instant().toString());
            f.putAll(modeFacts());
            job = spool.update(job, f);
            LOG.info("call {}: page {} ({}) on disk", leg.id(), document.pages(), page);
        }

        synchronized void sinkFailed(String why) {
            sinkFailure = why;
        }

        synchronized void closeDocument() throws IOException {
            if (document != null) {
                document.close();
            }
        }

        private Map<String, String> modeFacts() {
            Map<String, String> f = new LinkedHashMap<>();
            if (mode != null) {
                f.put(OnRampRecord.BIT_RATE, Integer.toString(mode.bitRate()));
                f.put(OnRampRecord.ECM, OnRampRecord.yesNo(mode.ecm()));
                f.put(OnRampRecord.RESOLUTION, OnRampRecord.lower(mode.resolution()));
                f.put(OnRampRecord.CODING, mode.coding().name());
            }
            return f;
        }

        /** The fax_record facts of the finished call (item: fax_record and CDR). */
        synchronized Map<String, String> facts() {
            int pages = document == null ? 0 : document.pages();
            boolean success = completed != null && completed.success();
            FaxMailRequest.Outcome outcome = pages == 0 ? FaxMailRequest.Outcome.FAILED
                    : success ? FaxMailRequest.Outcome.COMPLETE : FaxMailRequest.Outcome.PARTIAL;
            String reason;
            if (success) {
                reason = "";
            } else if (completed != null && !completed.diagnostic().isEmpty()) {
                reason = completed.diagnostic();
            } else if (sinkFailure != null) {
                reason = sinkFailure;
            } else {
                reason = "call dropped before the fax ended (Q.850 " + cause + ")";
            }
            Map<String, String> f = new LinkedHashMap<>(modeFacts());
            if (mode == null && document != null && document.coding() != null) {
                f.put(OnRampRecord.CODING, document.coding().name());
            }
            f.put(OnRampRecord.REMOTE_ID, remoteIdent == null ? "" : remoteIdent);
            f.put(OnRampRecord.PAGES, Integer.toString(pages));
            f.put(OnRampRecord.PAGES_RTN, Integer.toString(rtnPages));
            f.put(OnRampRecord.BAD_LINES, Integer.toString(document == null ? 0 : document.badLines()));
            Instant start = answered == null ? ended : answered;
            f.put(OnRampRecord.DURATION, Long.toString(start == null || ended == null ? 0
                    : Math.max(0, Duration.between(start, ended).toSeconds())));
            f.put(OnRampRecord.RESULT, outcome.label());
            f.put(OnRampRecord.REASON, reason);
            f.put(OnRampRecord.CAUSE, cause == null ? "" : Integer.toString(cause.code()));
            return f;
        }

        PageSink sink() {
            return new PageSink() {
                @Override
                public void accept(FaxPage page) throws IOException {
                    try {
                        Call.this.accept(page);
                    } catch (IOException | RuntimeException e) {
                        LOG.error("call {}: page not stored: {}", leg.id(), e.toString());
                        sinkFailed("page not stored: " + e.getMessage());
                        throw e;
                    }
                }

                @Override
                public void close() {
                    // the document is completed when the call ends (finish)
                }

                @Override
                public void abort() {
                    // a failed session keeps the pages already on disk: they are mailed as a partial fax
                    LOG.info("call {}: fax session failed; the pages received so far are kept", leg.id());
                }
            };
        }
    }
}
