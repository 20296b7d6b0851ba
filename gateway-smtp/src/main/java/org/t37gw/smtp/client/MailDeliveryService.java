package org.t37gw.smtp.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.t37gw.daemon.LifeCycle;
import org.t37gw.smtp.client.OutboundMail.RecipientState;
import org.t37gw.smtp.client.SmtpDeliverer.Result;
import org.t37gw.smtp.client.SmtpDeliverer.Status;
import org.t37gw.smtp.mail.ComposedMail;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.JobState;
import org.t37gw.spool.ResultCode;
import org.t37gw.spool.Spool;

/**
 * Delivers the spool's {@link JobKind#MAIL} jobs: on-ramp mail, and the DSNs and MDNs the off-ramp
 * sends back. One thread claims due jobs and delivers each to its pending recipients, into the local
 * {@link Maildir} or over SMTP ({@link SmtpDeliverer}); then
 * <ul>
 * <li>every recipient delivered: the job is DONE;</li>
 * <li>some got a transient failure (4xx, no server reachable): the delivered ones are recorded and the
 *     job goes back to the spool, which retries it with exponential backoff (its {@code RetryPolicy});
 *     only the recipients still pending are tried next time;</li>
 * <li>some got a 5xx: the message is wrapped and spooled as a new MAIL job to
 *     {@code mta send postmaster} with the reason; without a postmaster (or when that mail itself is
 *     refused) the job FAILS, the message stays in the spool, and an ERROR line says where.</li>
 * </ul>
 *
 * <p>At-least-once: a recipient is marked delivered (an fsync'ed spool write) right after the MTA's 250
 * to the data; if the process dies between that 250 and the write, or the connection breaks after the
 * data was sent but before the reply, the next attempt sends it again. Nothing is ever marked delivered
 * that was not confirmed.
 */
public final class MailDeliveryService implements LifeCycle {

    private static final Logger log = LoggerFactory.getLogger(MailDeliveryService.class);

    /** Longest sleep between looks at the spool, for MAIL jobs spooled without {@link #submit}. */
    public static final Duration MAX_IDLE = Duration.ofSeconds(30);
    private static final String MAILDIR_FAILURE = "Maildir write failed: ";

    private final Spool spool;
    private volatile DeliverySettings settings;
    private final Clock clock;
    private volatile SmtpDeliverer smtp;
    private volatile Maildir maildir;

    private final Object scheduleLock = new Object();
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> next;
    private volatile boolean running;
    private volatile long delivered;
    private volatile long attempts;

    public MailDeliveryService(Spool spool, DeliverySettings settings, Clock clock) {
        this(spool, settings, clock,
                settings.maildir() == null ? null : new Maildir(settings.maildir(), settings.hostname(), clock));
    }

    MailDeliveryService(Spool spool, DeliverySettings settings, Clock clock, Maildir maildir) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.smtp = new SmtpDeliverer(settings);
        this.maildir = maildir;
    }

    /**
     * Takes new settings (a config reload): mail delivered from now on uses the new server list, TLS,
     * auth, postmaster and Maildir; a delivery in progress finishes with what it started with.
     */
    public synchronized void reconfigure(DeliverySettings next) {
        Objects.requireNonNull(next, "settings");
        Maildir md = maildir;
        if (next.maildir() == null) {
            md = null;
        } else if (md == null || !md.root().equals(next.maildir())) {
            md = new Maildir(next.maildir(), next.hostname(), clock);
            try {
                md.create();
            } catch (IOException e) {
                log.warn("new Maildir {}: {}; delivery into it will be retried", next.maildir(), e.toString());
            }
        }
        smtp = new SmtpDeliverer(next);
        maildir = md;
        settings = next;
        log.info("mail delivery reconfigured: {}", describe());
        wakeUp();
    }

    // ------------------------------------------------------------------ submitting

    /** Spools {@code mail} (see {@link OutboundMail#enqueue}) and wakes the service. */
    public JobId submit(OutboundMail mail, OutboundMail.MessageWriter message) throws IOException {
        JobId id = mail.enqueue(spool, message);
        wakeUp();
        return id;
    }

    /** Spools a composed on-ramp mail and wakes the service. */
    public JobId submit(ComposedMail mail) throws IOException {
        return submit(OutboundMail.of(mail), mail::writeTo);
    }

    // ------------------------------------------------------------------ lifecycle and scheduling

    @Override
    public String name() {
        return "mail-delivery";
    }

    @Override
    public void start() throws IOException {
        synchronized (scheduleLock) {
            if (running) {
                return;
            }
            if (maildir != null) {
                maildir.create();
                maildir.cleanTmp(Maildir.TMP_MAX_AGE);
            }
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "t37gw-mail-delivery");
                t.setDaemon(true);
                return t;
            });
            running = true;
            next = executor.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
        }
        log.info("mail delivery started: {}", describe());
    }

    /**
     * Stops after the delivery in progress, waiting at most the I/O timeout; a delivery cut short leaves
     * its job ACTIVE, and the spool requeues it on the next start.
     */
    @Override
    public void stop() throws InterruptedException {
        ScheduledExecutorService ex;
        synchronized (scheduleLock) {
            if (!running) {
                return;
            }
            running = false;
            ex = executor;
            // the idle tick (up to MAX_IDLE ahead) would otherwise still run after shutdown, and be waited for
            if (next != null) {
                next.cancel(false);
            }
            ex.shutdown();
        }
        if (!ex.awaitTermination(settings.ioTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
            ex.shutdownNow();
            log.warn("mail delivery stopped while a delivery was in progress; its job is retried after restart");
        }
        log.info("mail delivery stopped");
    }

    @Override
    public String describe() {
        String via = settings.maildirForAll() ? "Maildir " + settings.maildir()
                : settings.servers().stream().map(s -> s.host() + ":" + s.port()).toList()
                + " tls " + settings.tls().name().toLowerCase(java.util.Locale.ROOT)
                + (settings.maildir() == null ? "" : ", local domains " + settings.localDomains() + " to Maildir "
                + settings.maildir());
        return name() + " via " + via + (running ? "" : " (stopped)") + ", " + delivered + " delivered in "
                + attempts + " attempts";
    }

    /** Makes the service look at the spool now (e.g. a MAIL job was just spooled). */
    public void wakeUp() {
        synchronized (scheduleLock) {
            if (!running) {
                return;
            }
            reschedule(0);
        }
    }

    private void tick() {
        try {
            deliverDue();
        } catch (RuntimeException | IOException e) {
            log.error("mail delivery round failed: {}", e.toString(), e);
        }
        synchronized (scheduleLock) {
            if (!running) {
                return;
            }
            long delay = MAX_IDLE.toMillis();
            Optional<Instant> due = spool.nextDue(JobKind.MAIL);
            if (due.isPresent()) {
                delay = Math.max(0, Math.min(delay, Duration.between(clock.instant(), due.get()).toMillis()));
            }
            reschedule(delay);
        }
    }

    /**
     * Replaces the pending tick (guarded by scheduleLock). Cancelling the tick that is running does not
     * stop it; the executor has one thread, so ticks never overlap.
     */
    private void reschedule(long delayMillis) {
        if (next != null) {
            next.cancel(false);
        }
        next = executor.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ delivering

    /**
     * Attempts every MAIL job due now, one after the other, in the calling thread.
     *
     * @return how many jobs were attempted
     */
    public synchronized int deliverDue() throws IOException {
        int n = 0;
        for (Optional<Job> j; (j = spool.claim(JobKind.MAIL, clock.instant())).isPresent(); ) {
            n++;
            attempts++;
            MDC.put("job", j.get().id().value());
            try {
                attempt(j.get());
            } finally {
                MDC.remove("job");
            }
        }
        return n;
    }

    private void attempt(Job claimed) throws IOException {
        OutboundMail mail;
        try {
            mail = OutboundMail.fromFields(claimed.fields());
            claimed.verifyPayload();
        } catch (IOException | RuntimeException e) {
            log.error("job {}: MAIL job unusable, FAILED; its files stay in {}: {}", claimed.id(),
                    claimed.payloadDir(), e.toString());
            spool.fail(claimed, ResultCode.PERMANENT_OTHER, "unusable MAIL job: " + e.getMessage());
            return;
        }
        Path eml = claimed.payloadPath(OutboundMail.MESSAGE);
        String envid = claimed.id().value();
        Attempt a = new Attempt(claimed, mail);

        List<OutboundMail.Recipient> local = new ArrayList<>();
        List<OutboundMail.Recipient> remote = new ArrayList<>();
        for (OutboundMail.Recipient r : mail.pending()) {
            (settings.isLocal(r.address()) && maildir != null ? local : remote).add(r);
        }
        List<Result> failures = new ArrayList<>();
        for (OutboundMail.Recipient r : local) {
            try {
                Path file = maildir.deliver(mail.sender(), r.address(), eml);
                a.record(List.of(new Result(r.address(), Status.DELIVERED, 250, "Maildir " + file.getFileName())));
            } catch (IOException e) {
                log.warn("job {}: Maildir delivery to {} failed: {}", claimed.id(), r.address(), e.toString());
                failures.add(new Result(r.address(), Status.TEMPORARY, 0, MAILDIR_FAILURE + maildir.root() + ": " + e));
            }
        }
        if (!remote.isEmpty()) {
            for (Result r : smtp.deliver(mail.sender(), remote, mail.ret(), envid, eml, a::record)) {
                if (r.status() != Status.DELIVERED) {
                    failures.add(r);
                }
            }
        }
        finish(a, failures, eml);
    }

    /** The job being attempted, its latest snapshot, and what has been recorded. */
    private final class Attempt {
        Job job;
        OutboundMail mail;

        Attempt(Job job, OutboundMail mail) {
            this.job = job;
            this.mail = mail;
        }

        /** Records outcomes durably, right away (for DELIVERED: right after the 250). */
        void record(List<Result> results) throws IOException {
            java.util.Map<String, String> changes = new java.util.LinkedHashMap<>();
            for (Result r : results) {
                int i = mail.indexOf(r.address());
                RecipientState s = switch (r.status()) {
                    case DELIVERED -> RecipientState.DELIVERED;
                    case PERMANENT -> RecipientState.REJECTED;
                    case TEMPORARY -> RecipientState.PENDING;
                };
                mail = mail.with(i, s, r.reply());
                changes.putAll(mail.recipientFields(i));
                if (s == RecipientState.DELIVERED) {
                    delivered++;
                    log.info("job {}: delivered to {} ({})", job.id(), r.address(), r.reply());
                }
            }
            job = spool.update(job, changes);
        }
    }

    private void finish(Attempt a, List<Result> failures, Path eml) throws IOException {
        List<Result> rejected = failures.stream().filter(r -> r.status() == Status.PERMANENT).toList();
        List<Result> transients = failures.stream().filter(r -> r.status() == Status.TEMPORARY).toList();
        if (!failures.isEmpty()) {
            a.record(failures);
        }
        String rejectNote = null;
        if (!rejected.isEmpty()) {
            rejectNote = handToPostmaster(a, rejected, eml);
        }
        if (!transients.isEmpty()) {
            boolean replied = transients.stream().anyMatch(r -> r.code() >= 400);
            boolean local = transients.stream().allMatch(r -> r.reply().startsWith(MAILDIR_FAILURE));
            ResultCode code = replied ? ResultCode.SMTP_TEMPORARY
                    : local ? ResultCode.LOCAL_RESOURCES : ResultCode.MTA_UNREACHABLE;
            String reason = transients.stream().map(r -> r.address() + ": " + r.reply()).distinct()
                    .reduce((x, y) -> x + "; " + y).orElse("");
            Job after = spool.retry(a.job, code, (rejectNote == null ? "" : rejectNote + "; ") + reason);
            if (after.state() == JobState.FAILED) {
                log.error("job {}: gave up on {} after {} attempts; the message stays in {}: {}", after.id(),
                        transients.stream().map(Result::address).toList(), after.attempts(), eml,
                        after.reason().orElse(""));
            } else {
                log.info("job {}: {} pending, next attempt {}", after.id(),
                        transients.stream().map(Result::address).toList(), after.nextAttempt().orElse(null));
            }
            return;
        }
        boolean anyRejected = a.mail.recipients().stream().anyMatch(r -> r.state() == RecipientState.REJECTED);
        if (anyRejected) {
            spool.fail(a.job, ResultCode.SMTP_PERMANENT, rejectNote != null ? rejectNote
                    : "recipients rejected in an earlier attempt; see the record");
        } else {
            spool.complete(a.job);
        }
    }

    /**
     * Wraps the message for {@code mta send postmaster} as a new MAIL job; returns the note for the
     * original job's reason. Logs ERROR when there is no postmaster or this is already a postmaster copy.
     */
    private String handToPostmaster(Attempt a, List<Result> rejected, Path eml) {
        List<String> lines = rejected.stream().map(r -> r.address() + ": " + r.reply()).toList();
        String who = String.join("; ", lines);
        if (a.mail.bounceOf() != null) {
            log.error("job {}: the postmaster copy of job {} was refused too ({}); both messages stay in the spool: {} "
                    + "and the job {} payload", a.job.id(), a.mail.bounceOf(), who, eml, a.mail.bounceOf());
            return "postmaster copy of job " + a.mail.bounceOf() + " refused: " + who;
        }
        if (settings.postmaster() == null) {
            log.error("job {}: refused ({}) and no mta send postmaster is configured; the message stays in {}",
                    a.job.id(), who, eml);
            return "refused, no postmaster: " + who;
        }
        try {
            String token = clock.millis() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            OutboundMail pm = OutboundMail.of(new MailEnvelope("", List.of(settings.postmaster()),
                            java.util.Set.of(), null), "postmaster", null)
                    .bouncing(a.job.id().value());
            JobId id = pm.enqueue(spool, out -> PostmasterNotice.write(out, settings.hostname(), settings.postmaster(),
                    a.job.id().value(), a.mail, lines, eml, clock.instant(), clock.getZone(), token));
            log.warn("job {}: refused ({}); handed to postmaster {} as job {}", a.job.id(), who,
                    settings.postmaster(), id);
            return "refused, handed to postmaster " + settings.postmaster() + " as job " + id + ": " + who;
        } catch (IOException | RuntimeException e) {
            log.error("job {}: refused ({}) and the copy for postmaster {} could not be spooled ({}); "
                    + "the message stays in {}", a.job.id(), who, settings.postmaster(), e.toString(), eml);
            return "refused, postmaster copy failed (" + e.getMessage() + "): " + who;
        }
    }
}
