package org.t37gw.offramp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.t37gw.ccapi.Application;
import org.t37gw.ccapi.ApplicationContext;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallLeg;
import org.t37gw.ccapi.Direction;
import org.t37gw.ccapi.FaxSessionOptions;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.LegSetup;
import org.t37gw.ccapi.LegType;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.SetupDecision;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.FaxSend;
import org.t37gw.config.GatewayConfig;
import org.t37gw.config.RetryPolicy;
import org.t37gw.daemon.RunningConfig;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.dialpeer.MaxConnTracker;
import org.t37gw.dialpeer.OutboundRoute;
import org.t37gw.dmsp.render.CoverPage;
import org.t37gw.dmsp.render.HeaderSpec;
import org.t37gw.dmsp.render.HeaderValues;
import org.t37gw.dmsp.render.RenderException;
import org.t37gw.smtp.client.OutboundMail;
import org.t37gw.smtp.dsn.Action;
import org.t37gw.smtp.dsn.DsnBuilder;
import org.t37gw.smtp.dsn.DsnDecision;
import org.t37gw.smtp.dsn.MdnBuilder;
import org.t37gw.smtp.dsn.NotifyPolicy;
import org.t37gw.smtp.dsn.NotifyRequest;
import org.t37gw.smtp.dsn.OriginalRecipient;
import org.t37gw.smtp.dsn.Ret;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.JobState;
import org.t37gw.spool.ResultCode;
import org.t37gw.spool.Spool;

/**
 * {@code fax_on_vfc_offramp_app}: faxes the OFFRAMP spool jobs the SMTP server writes (one per
 * {@code FAX=} recipient) and reports back with DSNs and MDNs. See docs/offramp.md.
 *
 * <p>One worker thread owns every job in progress: it claims due jobs, renders their pages (cached per job),
 * hunts the outbound POTS dial-peers (respecting {@code max-conn}), registers the outbound leg and dials;
 * the call's events, which arrive on driver threads, are handed to the same thread, so no job state is ever
 * shared between threads. Nothing blocks on a line: the worker starts things and returns.
 */
public final class OffRampApplication implements Application {

    /** The application name on the config's {@code application} lines. */
    public static final String NAME = "fax_on_vfc_offramp_app";
    /** Payload file of an OFFRAMP job (written by the SMTP server). */
    public static final String MESSAGE = "message.eml";
    /** Product named in MDNs. */
    public static final String PRODUCT = "t37gw";

    // Record fields this application adds (see docs/offramp.md)
    static final String F_PAGES = "pages";
    static final String F_PAGES_CONFIRMED = "pages-confirmed";
    static final String F_SKIPPED = "skipped";
    static final String F_LAST_CALL = "last-call";
    static final String F_DSN_DELAY = "dsn-delay";
    static final String F_DSN_FINAL = "dsn-final";
    static final String F_MDN = "mdn-sent";
    static final String F_FINAL = "final-result";
    static final String F_FINAL_STATUS = "final-status";
    static final String F_FINAL_DIAG = "final-diagnostic";
    static final String F_FINAL_REASON = "final-reason";

    private static final Logger LOG = LoggerFactory.getLogger(OffRampApplication.class);

    private final OffRampOptions options;
    private final boolean ownThread;
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private ApplicationContext context;
    private Spool spool;
    private MaxConnTracker maxConn;
    private volatile boolean stopped;

    // owned by the worker thread
    private final Map<CallId, Attempt> byCall = new HashMap<>();
    private final Deque<Attempt> waitingForLine = new ArrayDeque<>();
    private int inProgress;

    /** For {@link java.util.ServiceLoader}: default options, a worker thread of its own. */
    public OffRampApplication() {
        this(OffRampOptions.DEFAULT, null);
    }

    /**
     * @param options  settings
     * @param executor runs the worker's tasks one at a time, in order (tests pass one they drive by hand);
     *                 {@code null}: a thread of its own that also polls the spool every
     *                 {@link OffRampOptions#pollInterval()}. With an executor given, nothing polls on its own:
     *                 call {@link #poll()}.
     */
    public OffRampApplication(OffRampOptions options, Executor executor) {
        this.options = options;
        this.executor = executor;
        this.ownThread = executor == null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ApplicationContext ctx) {
        this.context = ctx;
        this.spool = ctx.service(Spool.class).orElse(null);
        this.maxConn = ctx.service(MaxConnTracker.class).orElseGet(MaxConnTracker::new);
        if (spool == null) {
            LOG.error("{}: no spool offered, the off-ramp is idle", NAME);
            return;
        }
        if (ownThread) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "offramp");
                t.setDaemon(true);
                return t;
            });
            executor = scheduler;
            long ms = options.pollInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::pollNow, 0, ms, TimeUnit.MILLISECONDS);
            // new mail is worked on when it is committed, not at the next poll
            spool.addNewJobListener(JobKind.OFFRAMP, wake);
        }
        LOG.info("{} started: up to {} jobs at once, unrenderable parts {}", NAME, options.maxCalls(),
                options.unrenderable());
    }

    /** Told by the spool when new OFFRAMP jobs were committed (an SMTP session's thread). */
    private final Runnable wake = () -> {
        if (!stopped) {
            try {
                poll();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }
    };

    @Override
    public void stop() {
        stopped = true;
        if (spool != null) {
            spool.removeNewJobListener(wake);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Off-ramp calls are outbound; an inbound leg offered to this application is refused. */
    @Override
    public SetupDecision onSetup(CallLeg leg) {
        return SetupDecision.reject(Q850Cause.SERVICE_NOT_AVAILABLE, NAME + " takes no inbound calls");
    }

    @Override
    public void onEvent(CallLeg leg, CallEvent event) {
        if (event instanceof CallEvent.Setup || stopped) {
            return;
        }
        executor.execute(() -> handle(event));
    }

    /** Asks the worker to look for due jobs now (e.g. after new mail was spooled). */
    public void poll() {
        executor.execute(this::pollNow);
    }

    // ------------------------------------------------------------------ worker

    private final class Attempt {
        Job job;
        final GatewayConfig cfg;
        final String number;
        final Set<Integer> triedTags = new HashSet<>();
        Path pages;
        int totalPages;
        int confirmedAtStart;
        int confirmedThisCall;
        String tsi;
        String dialString;
        OutboundRoute route;
        MaxConnTracker.Permit permit;
        CallId callId;
        boolean connected;
        CallEvent.FaxCompleted completed;
        Fmsp.FaxSession session;
        Vtsp vtsp;

        Attempt(Job job, GatewayConfig cfg) {
            this.job = job;
            this.cfg = cfg;
            this.number = job.field("number").orElse("");
        }

        String f(String key) {
            return job.field(key).orElse("");
        }
    }

    private void pollNow() {
        if (stopped || spool == null) {
            return;
        }
        try {
            retryWaiting();
            while (inProgress < options.maxCalls()) {
                Optional<Job> j = spool.claim(JobKind.OFFRAMP);
                if (j.isEmpty()) {
                    break;
                }
                inProgress++;
                begin(j.get());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("off-ramp poll failed", e);
        }
    }

    private void begin(Job job) {
        MDC.put("job", job.id().value());
        Attempt a = new Attempt(job, config());
        try {
            if (job.field(F_FINAL).isPresent()) { // decided before a restart: only the reports and the state are left
                try {
                    finishRecorded(a);
                } finally {
                    ended();
                }
                return;
            }
            LOG.info("job {}: attempt {} to fax {} for {}", job.id(), job.attempts(), a.number, a.f("sender"));
            if (!preparePages(a)) {
                return;
            }
            int confirmed = parseInt(a.f(F_PAGES_CONFIRMED));
            if (confirmed >= a.totalPages) { // every page confirmed before a restart: it went through
                done(a, Outcome.success(a.totalPages));
                return;
            }
            a.confirmedAtStart = confirmed;
            a.tsi = tsi(a.cfg.faxSend(), a.f("sender"));
            DialPeerTable table = context.dialPeers();
            if (table.matchOutbound(DialPeer.Kind.POTS, a.number).isEmpty()) {
                done(a, new Outcome(ResultCode.NO_ROUTE, null, "4.4", "X-T37GW; no dial-peer for " + a.number,
                        "no dial-peer for " + a.number));
                return;
            }
            dialNext(a);
        } catch (IOException | RuntimeException e) {
            LOG.error("job {}: failed to start", job.id(), e);
            safeRetry(a, new Outcome(ResultCode.LOCAL_RESOURCES, null, "3.0", null, "local error: " + e), null);
        } finally {
            MDC.remove("job");
        }
    }

    /** Renders (or finds cached) pages. False when the job ended here. */
    private boolean preparePages(Attempt a) throws IOException {
        Path dir = workDir().resolve(a.job.id().value());
        Path file = dir.resolve("pages.tif");
        Path meta = dir.resolve("pages.properties");
        if (Files.isRegularFile(file) && Files.isRegularFile(meta)) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(meta)) {
                p.load(in);
            }
            a.pages = file;
            a.totalPages = parseInt(p.getProperty("pages"));
            if (a.totalPages > 0) {
                return true;
            }
        }
        Files.createDirectories(dir);
        byte[] eml;
        try (var in = a.job.openPayload(MESSAGE)) {
            eml = in.readAllBytes();
        }
        MimeDocument doc = MimeDocument.parse(eml);
        FaxSend fs = a.cfg.faxSend();
        HeaderSpec header = new HeaderSpec(fs.leftHeader(), fs.centerHeader(), fs.rightHeader());
        ZonedDateTime now = ZonedDateTime.ofInstant(context.clock().instant(), context.clock().getZone());
        String sender = headerSender(doc, a.f("sender"));
        HeaderValues values = new HeaderValues(sender, a.number, now);
        CoverPage.Info cover = null;
        if (wantsCover(fs.coverpage(), a.f("cover"), doc.hasText())) {
            List<String> details = fs.coverpage().showDetail() ? doc.headerLines() : List.of();
            cover = new CoverPage.Info(fs.coverpage().comment(), sender, a.number, doc.subject(), now, 0, details);
        }
        FaxPages.Settings s = new FaxPages.Settings(options.paper(), options.limits(), header,
                options.headerOnAttachments(), options.unrenderable());
        try {
            FaxPages.Result r = FaxPages.render(doc, s, values, cover, file);
            Properties p = new Properties();
            p.setProperty("pages", Integer.toString(r.pages()));
            p.setProperty("cover", Boolean.toString(r.cover()));
            Path tmp = dir.resolve("pages.properties.tmp");
            try (var out = Files.newOutputStream(tmp)) {
                p.store(out, "page cache of job " + a.job.id());
            }
            Files.move(tmp, meta, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            a.pages = file;
            a.totalPages = r.pages();
            Map<String, String> ch = new LinkedHashMap<>();
            ch.put(F_PAGES, Integer.toString(r.pages()));
            ch.put(F_SKIPPED, r.skipped().isEmpty() ? null : String.join("; ",
                    r.skipped().stream().map(MimeDocument.Skipped::toString).toList()));
            a.job = spool.update(a.job, ch);
            LOG.info("job {}: {} pages{}{}", a.job.id(), r.pages(), r.cover() ? " (cover page first)" : "",
                    r.skipped().isEmpty() ? "" : ", not faxed: " + r.skipped());
            return true;
        } catch (RenderException e) {
            String tail = switch (e.reason()) {
                case TOO_LARGE, TOO_MANY_PAGES -> "3.4";
                default -> "6.1";
            };
            ResultCode code = switch (e.reason()) {
                case TOO_LARGE, TOO_MANY_PAGES -> ResultCode.TOO_LARGE;
                case UNSUPPORTED -> ResultCode.UNSUPPORTED_CONTENT;
                default -> ResultCode.BAD_DOCUMENT;
            };
            done(a, new Outcome(code, null, tail, "X-T37GW; " + e.getMessage(), "document: " + e.getMessage()));
            return false;
        } catch (FaxPages.ContentRefusedException e) {
            done(a, new Outcome(ResultCode.UNSUPPORTED_CONTENT, null, "6.1", "X-T37GW; " + e.getMessage(),
                    e.getMessage()));
            return false;
        }
    }

    /**
     * Cover page: {@code fax send coverpage enable} for mails with text (Cisco: never for TIFF-only mail);
     * under {@code coverpage e-mail-controllable}, {@code /cover=yes} or {@code /cover=no} of the address decides.
     */
    static boolean wantsCover(FaxSend.Coverpage cp, String coverField, boolean hasText) {
        if (cp.emailControllable() && coverField.equalsIgnoreCase("yes")) {
            return true;
        }
        if (cp.emailControllable() && coverField.equalsIgnoreCase("no")) {
            return false;
        }
        return cp.enable() && hasText;
    }

    private void dialNext(Attempt a) throws IOException {
        DialPeerTable table = context.dialPeers();
        Vtsp vtsp = context.service(Vtsp.class).orElse(null);
        boolean anyDriven = false;
        boolean anyFull = false;
        for (OutboundRoute r : table.matchOutbound(DialPeer.Kind.POTS, a.number)) {
            if (a.triedTags.contains(r.peer().tag())) {
                continue;
            }
            String port = r.peer().port();
            if (vtsp == null || port == null || !vtsp.ports().contains(port)) {
                continue;
            }
            anyDriven = true;
            Optional<MaxConnTracker.Permit> permit = maxConn.tryAcquire(r.peer());
            if (permit.isEmpty()) {
                anyFull = true;
                continue;
            }
            a.triedTags.add(r.peer().tag());
            a.route = r;
            a.permit = permit.get();
            a.vtsp = vtsp;
            a.dialString = r.dialString();
            a.connected = false;
            a.completed = null;
            a.confirmedThisCall = 0;
            CallId id = context.callManager().register(new LegSetup(Direction.OUTBOUND, LegType.TELEPHONY,
                    a.tsi.isEmpty() ? null : a.tsi, a.number, r.peer().tag(), port, NAME)).leg().id();
            a.callId = id;
            byCall.put(id, a);
            a.job = spool.update(a.job, Map.of(F_LAST_CALL, id + " dial-peer " + r.peer().tag() + " port " + port
                    + " dial " + a.dialString));
            LOG.info("job {}: call {} dial-peer {} port {} dialing {}", a.job.id(), id, r.peer().tag(), port,
                    a.dialString);
            vtsp.dial(id, port, a.dialString, a.tsi.isEmpty() ? null : a.tsi);
            return;
        }
        if (anyFull) {
            LOG.info("job {}: every dial-peer for {} is at max-conn, waiting for a line", a.job.id(), a.number);
            waitingForLine.add(a);
            return;
        }
        if (!a.triedTags.isEmpty()) { // hunted through every route: the lines failed
            return; // the caller classifies with the last cause
        }
        done(a, new Outcome(ResultCode.NO_ROUTE, null, "4.4",
                "X-T37GW; no port driver for the dial-peers of " + a.number,
                "no dial-peer with a working port for " + a.number + (anyDriven ? "" : " (no port driver)")));
    }

    private void retryWaiting() throws IOException {
        int n = waitingForLine.size();
        for (int i = 0; i < n; i++) {
            Attempt a = waitingForLine.poll();
            MDC.put("job", a.job.id().value());
            try {
                dialNext(a);
            } finally {
                MDC.remove("job");
            }
        }
    }

    private void handle(CallEvent event) {
        Attempt a = byCall.get(event.callId());
        if (a == null) {
            return;
        }
        MDC.put("job", a.job.id().value());
        try {
            if (event instanceof CallEvent.Connect) {
                connected(a);
            } else if (event instanceof CallEvent.PageSent p) {
                a.confirmedThisCall = Math.max(a.confirmedThisCall, p.page());
                a.job = spool.update(a.job, Map.of(F_PAGES_CONFIRMED,
                        Integer.toString(a.confirmedAtStart + a.confirmedThisCall)));
            } else if (event instanceof CallEvent.FaxCompleted f) {
                a.completed = f;
                a.vtsp.hangUp(a.callId, Q850Cause.NORMAL_CLEARING);
            } else if (event instanceof CallEvent.Disconnect d) {
                disconnected(a, d.cause());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("job {}: event {} failed", a.job.id(), event, e);
        } finally {
            MDC.remove("job");
        }
    }

    private void connected(Attempt a) throws IOException {
        a.connected = true;
        Optional<Fmsp> fmsp = context.service(Fmsp.class);
        if (fmsp.isEmpty()) {
            LOG.error("job {}: no FMSP offered, hanging up", a.job.id());
            a.completed = new CallEvent.FaxCompleted(a.callId, false, "no fax media service provider");
            a.vtsp.hangUp(a.callId, Q850Cause.RESOURCE_UNAVAILABLE);
            return;
        }
        FaxSend fs = a.cfg.faxSend();
        // the FAX= address's /T33S= sub-address goes out in the T.30 SUB frame
        FaxSessionOptions o = new FaxSessionOptions(a.tsi, fs.maxSpeed(), options.ecm(), a.f("subaddress"));
        CachedPageSource source = new CachedPageSource(a.pages, a.confirmedAtStart);
        LOG.info("job {}: connected, sending pages {}..{}", a.job.id(), a.confirmedAtStart + 1, a.totalPages);
        a.session = fmsp.get().send(a.callId, o, source, context.callManager()::fire);
    }

    private void disconnected(Attempt a, Q850Cause cause) throws IOException {
        byCall.remove(a.callId);
        if (a.permit != null) {
            a.permit.close();
            a.permit = null;
        }
        int confirmed = a.confirmedAtStart + a.confirmedThisCall;
        Outcome o;
        if (a.completed != null && a.completed.success() && confirmed >= a.totalPages) {
            o = Outcome.success(a.totalPages);
        } else if (a.completed != null && a.completed.success()) {
            // success without every page confirmed: trust the session, the pages count is ours
            o = Outcome.success(a.totalPages);
        } else if (a.connected) {
            o = Outcome.faxFailed(a.completed == null ? null : a.completed.diagnostic(),
                    a.completed == null ? CallEvent.FaxFailure.UNKNOWN : a.completed.failure(), cause, a.confirmedThisCall);
        } else {
            if (Outcome.huntOn(cause)) {
                LOG.info("job {}: dial-peer {} failed with cause {}, hunting on", a.job.id(),
                        a.route.peer().tag(), cause);
                int before = byCall.size();
                dialNext(a);
                if (byCall.size() > before || waitingForLine.contains(a) || isFinished(a)) {
                    retryWaiting();
                    return;
                }
            }
            o = Outcome.notConnected(cause);
        }
        if (o.code().isSuccess()) {
            done(a, o);
        } else {
            failedAttempt(a, o);
        }
        retryWaiting();
    }

    private boolean isFinished(Attempt a) {
        return spool.get(a.job.id()).map(j -> j.state() != JobState.ACTIVE).orElse(true);
    }

    /** A failed attempt: retry under {@code fax send retries} for its cause, or give up. */
    private void failedAttempt(Attempt a, Outcome o) throws IOException {
        LOG.info("job {}: attempt {} failed: {} {}", a.job.id(), a.job.attempts(), o.code(), o.reason());
        if (o.code().isPermanent() || a.cfg.mtaReceive().permanentError()) {
            done(a, o);
            return;
        }
        RetryPolicy.Rule rule = a.cfg.faxSend().retry().ruleFor(o.cause());
        int retriesDone = Math.max(0, a.job.attempts() - 1);
        if (!rule.mayRetry(retriesDone)) {
            done(a, new Outcome(ResultCode.RETRIES_EXHAUSTED, o.cause(), o.statusTail(), o.diagnostic(),
                    o.code() + ": " + o.reason() + "; gave up after " + a.job.attempts() + " attempts"));
            return;
        }
        safeRetry(a, o, rule.delayBefore(retriesDone + 1));
    }

    /** @param delay until the next attempt, or {@code null}: the spool's {@code RetryPolicy} decides */
    private void safeRetry(Attempt a, Outcome o, java.time.Duration delay) {
        try {
            if (a.job.field(F_DSN_DELAY).isEmpty()) {
                Optional<String> id = sendDsn(a.job, Action.DELAYED, o, null);
                if (id.isPresent()) {
                    a.job = spool.update(a.job, Map.of(F_DSN_DELAY, id.get()));
                }
            }
            // fax send retry-interval decides when (exponential backoff); fax send retries decided whether
            // (a local error, delay null, is left to the spool's own retry policy)
            Job after = delay == null ? spool.retry(a.job, o.code(), o.reason())
                    : spool.retryAt(a.job, o.code(), o.reason(), context.clock().instant().plus(delay));
            a.job = after;
            if (after.state() == JobState.FAILED) { // the spool's own limits gave up
                sendFinalReports(a, new Outcome(after.result().orElse(ResultCode.RETRIES_EXHAUSTED), o.cause(),
                        o.statusTail(), o.diagnostic(), after.reason().orElse(o.reason())));
                cleanUp(a);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("job {}: could not record the failed attempt", a.job.id(), e);
        } finally {
            ended();
        }
    }

    /** The job's final outcome: recorded, reported once, then DONE or FAILED. */
    private void done(Attempt a, Outcome o) throws IOException {
        try {
            Map<String, String> ch = new LinkedHashMap<>();
            ch.put(F_FINAL, Integer.toString(o.code().code()));
            ch.put(F_FINAL_STATUS, o.statusTail());
            ch.put(F_FINAL_DIAG, o.diagnostic());
            ch.put(F_FINAL_REASON, o.reason());
            a.job = spool.update(a.job, ch);
            finishRecorded(a);
        } finally {
            ended();
        }
    }

    private void ended() {
        inProgress = Math.max(0, inProgress - 1);
    }

    /** Sends what is not yet sent of the recorded final outcome's reports and ends the job. */
    private void finishRecorded(Attempt a) throws IOException {
        Job j = a.job;
        Outcome o = new Outcome(ResultCode.valueOf(parseInt(j.field(F_FINAL).orElse("999"))), null,
                j.field(F_FINAL_STATUS).orElse("0.0"), j.field(F_FINAL_DIAG).orElse(null),
                j.field(F_FINAL_REASON).orElse(""));
        sendFinalReports(a, o);
        if (a.job.state() == JobState.ACTIVE) {
            a.job = o.code().isSuccess() ? spool.complete(a.job) : spool.fail(a.job, o.code(), o.reason());
        }
        LOG.info("job {}: {} {}", a.job.id(), a.job.state(), o.reason());
        cleanUp(a);
    }

    private void cleanUp(Attempt a) {
        Path dir = workDir().resolve(a.job.id().value());
        try (Stream<Path> s = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("job {}: page cache {} not removed: {}", a.job.id(), dir, e.toString());
        }
    }

    private void sendFinalReports(Attempt a, Outcome o) throws IOException {
        boolean ok = o.code().isSuccess();
        if (a.job.field(F_DSN_FINAL).isEmpty()) {
            boolean skippedParts = a.job.field(F_SKIPPED).isPresent();
            Optional<String> id = sendDsn(a.job, ok ? Action.DELIVERED : Action.FAILED, o,
                    ok && skippedParts ? Action.FAILED : null);
            a.job = spool.update(a.job, Map.of(F_DSN_FINAL, id.orElse("none")));
        }
        if (a.job.field(F_MDN).isEmpty()) {
            Optional<String> id = sendMdn(a.job, ok);
            a.job = spool.update(a.job, Map.of(F_MDN, id.orElse("none")));
        }
    }

    // ------------------------------------------------------------------ reports

    /**
     * Builds and spools a DSN if NOTIFY and the config let us. {@code alsoWhen}: a second condition that
     * also warrants this report (a fax that went out with parts left behind is reported when FAILURE was
     * asked for, even without SUCCESS: the left-out parts are a processing failure, RFC 3965 §4).
     */
    private Optional<String> sendDsn(Job job, Action action, Outcome o, Action alsoWhen) throws IOException {
        GatewayConfig cfg = config();
        String sender = job.field("sender").orElse("");
        NotifyRequest notify = NotifyRequest.parse(job.field("notify").orElse("")).orElse(NotifyRequest.DEFAULT);
        boolean disable = cfg.mtaReceive().disableDsn();
        DsnDecision d = NotifyPolicy.decide(event(action), notify, sender, disable);
        if (d instanceof DsnDecision.Suppress s && alsoWhen != null
                && NotifyPolicy.decide(event(alsoWhen), notify, sender, disable) instanceof DsnDecision.Send) {
            d = new DsnDecision.Send(action);
        }
        if (d instanceof DsnDecision.Suppress s) {
            LOG.info("job {}: no {} DSN: {}", job.id(), action.field(), s.reason());
            return Optional.empty();
        }
        byte[] original;
        try (var in = job.openPayload(MESSAGE)) {
            original = in.readAllBytes();
        }
        MimeDocument doc = MimeDocument.parse(original);
        String status = action.statusClass() + "." + (action == Action.DELIVERED ? "0.0" : o.statusTail());
        OriginalRecipient orcpt = orcpt(job.field("orcpt").orElse(""));
        Instant now = context.clock().instant();
        DsnBuilder.Recipient r = new DsnBuilder.Recipient(orcpt, job.field("recipient").orElse(""), action, status,
                o.diagnostic(), job.field("number").orElse(null), now, null);
        String envid = job.field("envid").filter(s -> !s.isEmpty()).orElse(null);
        Ret ret = Ret.parse(job.field("ret").orElse("")).orElse(null);
        DsnBuilder.Report report = new DsnBuilder.Report(sender, envid, received(job), ret, doc.messageId(),
                doc.subject(), humanText(job, action, o), List.of(r));
        try {
            byte[] bytes = new DsnBuilder(cfg.hostname(), context.clock()).build(report, original);
            String id = OutboundMail.of(new MailEnvelope("", List.of(sender), Set.of(), null), "dsn", null)
                    .enqueue(spool, out -> out.write(bytes)).value();
            wakeDelivery();
            LOG.info("job {}: {} DSN {} to {} as job {}", job.id(), action.field(), status, sender, id);
            return Optional.of(id);
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException("DSN not built: " + e.getMessage(), e);
        }
    }

    private static NotifyPolicy.Event event(Action a) {
        return switch (a) {
            case DELIVERED -> NotifyPolicy.Event.DELIVERED;
            case RELAYED, EXPANDED -> NotifyPolicy.Event.RELAYED;
            case FAILED -> NotifyPolicy.Event.FAILED;
            case DELAYED -> NotifyPolicy.Event.DELAYED;
        };
    }

    private String humanText(Job job, Action action, Outcome o) {
        String number = job.field("number").orElse("");
        StringBuilder sb = new StringBuilder();
        switch (action) {
            case DELIVERED -> sb.append("Your message was sent as a fax to ").append(number).append(" (")
                    .append(job.field(F_PAGES).orElse("?")).append(" pages).\n");
            case DELAYED -> sb.append("Your fax to ").append(number).append(" could not be sent yet (")
                    .append(o.reason()).append("). The gateway keeps trying; you will hear again when it"
                            + " succeeds or gives up.\n");
            default -> sb.append("Your fax to ").append(number).append(" could not be sent: ")
                    .append(o.reason()).append(".\n");
        }
        job.field(F_SKIPPED).ifPresent(s -> sb.append("\nNot faxed (cannot be rendered): ").append(s).append('\n'));
        return sb.toString();
    }

    private Optional<String> sendMdn(Job job, boolean ok) throws IOException {
        GatewayConfig cfg = config();
        if (!cfg.mtaReceive().generateMdn()) {
            return Optional.empty();
        }
        byte[] original;
        try (var in = job.openPayload(MESSAGE)) {
            original = in.readAllBytes();
        }
        MimeDocument doc = MimeDocument.parse(original);
        if (doc.dispositionNotificationTo() == null || MdnBuilder.isMdn(doc.contentType())) {
            return Optional.empty();
        }
        String to;
        try {
            InternetAddress[] as = InternetAddress.parseHeader(doc.dispositionNotificationTo(), false);
            if (as.length == 0) {
                return Optional.empty();
            }
            to = as[0].getAddress();
        } catch (AddressException e) {
            LOG.warn("job {}: no MDN, bad Disposition-Notification-To: {}", job.id(), e.getMessage());
            return Optional.empty();
        }
        OriginalRecipient orcpt = orcpt(job.field("orcpt").orElse(""));
        MdnBuilder.Report r = new MdnBuilder.Report(to, orcpt == null ? null : orcpt.address(),
                job.field("recipient").orElse(""), doc.messageId(), doc.subject(),
                ok ? MdnBuilder.Disposition.PROCESSED : MdnBuilder.Disposition.PROCESSED_ERROR, null);
        try {
            byte[] bytes = new MdnBuilder(cfg.hostname(), PRODUCT, context.clock()).build(r, headerBlock(original));
            String id = OutboundMail.of(new MailEnvelope("", List.of(to), Set.of(), null), "mdn", null)
                    .enqueue(spool, out -> out.write(bytes)).value();
            wakeDelivery();
            LOG.info("job {}: MDN ({}) to {} as job {}", job.id(), ok ? "processed" : "processed/error", to, id);
            return Optional.of(id);
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException("MDN not built: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Makes the mail delivery service look at the spool now (a DSN or MDN was just spooled). */
    private void wakeDelivery() {
        context.service(org.t37gw.smtp.client.MailDeliveryService.class)
                .ifPresent(org.t37gw.smtp.client.MailDeliveryService::wakeUp);
    }

    private GatewayConfig config() {
        Optional<GatewayConfig> c = context.service(GatewayConfig.class);
        if (c.isPresent()) {
            return c.get();
        }
        return context.service(RunningConfig.class).map(RunningConfig::config)
                .orElseGet(() -> ConfigLoader.embeddedDefault().config());
    }

    private Path workDir() {
        if (options.workDir() != null) {
            return options.workDir();
        }
        Path parent = spool.directory().getParent();
        return (parent != null ? parent : spool.directory()).resolve("offramp");
    }

    private static Instant received(Job job) {
        try {
            return Instant.parse(job.field("received").orElse(""));
        } catch (RuntimeException e) {
            return job.created();
        }
    }

    private static OriginalRecipient orcpt(String field) {
        int semi = field.indexOf(';');
        if (semi <= 0) {
            return null;
        }
        try {
            return new OriginalRecipient(field.substring(0, semi), field.substring(semi + 1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] headerBlock(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        int endLf = s.indexOf("\n\n");
        int cut = end >= 0 ? end + 2 : endLf >= 0 ? endLf + 1 : s.length();
        return s.substring(0, cut).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The sender for {@code $s$}: the From address, else the envelope sender. */
    static String headerSender(MimeDocument doc, String envelopeSender) {
        if (doc.from() != null) {
            try {
                InternetAddress[] as = InternetAddress.parseHeader(doc.from(), false);
                if (as.length > 0 && as[0].getAddress() != null) {
                    return as[0].getAddress();
                }
            } catch (AddressException e) {
                // fall through
            }
        }
        return envelopeSender;
    }

    /**
     * Our TSI: {@code fax send transmitting-subscriber}; {@code $s$} takes the digits of the sender's local
     * part (a mail address has none: empty). Only digits, {@code +} and space, at most 20 (T.30).
     */
    static String tsi(FaxSend fs, String sender) {
        String t = fs.transmittingSubscriber();
        if (t == null) {
            return "";
        }
        if (t.equalsIgnoreCase("$s$")) {
            int at = sender.indexOf('@');
            t = at >= 0 ? sender.substring(0, at) : sender;
            if (!t.matches("[+0-9 ().-]+")) {
                return "";
            }
        }
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            if ((c >= '0' && c <= '9') || c == '+' || c == ' ') {
                sb.append(c);
            }
        }
        String s = sb.toString().strip();
        return s.length() > 20 ? s.substring(0, 20) : s;
    }

    private static int parseInt(String s) {
        try {
            return s == null || s.isEmpty() ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
