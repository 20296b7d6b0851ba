package org.t37gw.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The durable store-and-forward queue. See the package documentation for the on-disk format and the
 * guarantees; docs/spool-format.md for the record format.
 *
 * <p>Thread-safe: state changes are serialized by one lock held while the record is written and
 * fsync'ed (a few milliseconds); payload files of new jobs are written outside it. Only one process may
 * open a spool directory (a {@link FileLock} on {@code lock}).
 */
public final class Spool implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    /** Name of a job's metadata file. */
    public static final String RECORD = "fax_record";
    /** Name of a job's payload directory. */
    public static final String PAYLOAD = "fax_payload";
    static final String JOBS = "jobs";
    static final String TMP = "tmp";
    static final String QUARANTINE = "quarantine";
    static final String LOCK_FILE = "lock";
    static final String QUARANTINE_REASON = "quarantine-reason";
    private static final String PURGE_PREFIX = "purge-";

    private final SpoolDirectory disk;
    private final Path dir;
    private final Path jobsDir;
    private final Path tmpDir;
    private final Clock clock;
    private final SpoolOptions options;

    private final Object mutex = new Object();
    private final Map<JobId, Entry> jobs = new HashMap<>();
    /** QUEUED and SLEEPING jobs per kind, by due time then id. */
    private final Map<String, TreeSet<Due>> waiting = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Told (kind, listener) after new jobs of the kind were committed. */
    private final List<Map.Entry<String, Runnable>> newJobListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long claims;
    private int quarantined;
    private boolean closed;

    /** The live state of one job (guarded by {@link #mutex}). */
    private static final class Entry {
        final Path dir;
        SpoolRecord rec;
        /** Token of the current claim while ACTIVE, else 0. */
        long claim;

        Entry(Path dir, SpoolRecord rec) {
            this.dir = dir;
            this.rec = rec;
        }

        Job job() {
            return new Job(rec, dir, claim);
        }
    }

    private record Due(Instant at, JobId id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private Spool(SpoolDirectory disk, Clock clock, SpoolOptions options) {
        this.disk = disk;
        this.dir = disk.dir;
        this.jobsDir = disk.jobsDir;
        this.tmpDir = disk.tmpDir;
        this.clock = clock;
        this.options = options;
    }

    // ------------------------------------------------------------------ open, recovery, close

    /** {@link #open(Path, Clock, SpoolOptions)} with {@link SpoolOptions#defaults()}. */
    public static Spool open(Path dir, Clock clock) throws IOException {
        return open(dir, clock, SpoolOptions.defaults());
    }

    /**
     * Opens (creating if needed) the spool in {@code dir}, takes its lock and recovers: leftovers of
     * unfinished writes are removed, jobs ACTIVE in a previous process go back to QUEUED (their attempt
     * counted; FAILED when that reached the retry limits), unreadable jobs are moved to
     * {@code quarantine/} and logged, never deleted.
     *
     * @throws SpoolLockedException when another process (or another {@code Spool} here) has it open
     */
    public static Spool open(Path dir, Clock clock, SpoolOptions options) throws IOException {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
        SpoolDirectory disk = SpoolDirectory.lock(dir);
        Spool spool = null;
        try {
            spool = new Spool(disk, clock, options);
            spool.recover();
            return spool;
        } catch (IOException | RuntimeException | Error e) {
            if (spool != null) {
                spool.close();
            } else {
                disk.release();
            }
            throw e;
        }
    }

    private void recover() throws IOException {
        Instant now = clock.instant();
        disk.emptyTmp();
        List<Entry> interrupted = new ArrayList<>();
        for (SpoolDirectory.Found f : disk.scanJobs(clock)) {
            Entry e = new Entry(f.dir(), f.rec());
            jobs.put(f.rec().id(), e);
            indexWaiting(e);
            if (f.rec().state() == JobState.ACTIVE) {
                interrupted.add(e);
            }
        }
        for (Entry e : interrupted) {
            SpoolRecord r = e.rec;
            RetryPolicy policy = options.retryFor(r.kind());
            String why = "process ended during attempt " + r.attempts();
            synchronized (mutex) {
                if (r.attempts() >= policy.maxAttempts()) {
                    transitionTo(e, r.to(JobState.FAILED, r.attempts(), now, null, ResultCode.RETRIES_EXHAUSTED,
                            ResultCode.INTERRUPTED + ": " + why + "; gave up after " + r.attempts() + " attempts"));
                } else if (now.isAfter(r.created().plus(policy.maxAge()))) {
                    transitionTo(e, r.to(JobState.FAILED, r.attempts(), now, null, ResultCode.EXPIRED,
                            ResultCode.INTERRUPTED + ": " + why + "; gave up, older than " + policy.maxAge()));
                } else {
                    transitionTo(e, r.to(JobState.QUEUED, r.attempts(), now, now, ResultCode.INTERRUPTED, why));
                }
            }
        }
        quarantined = disk.countQuarantined();
        log.info("spool {} opened: {} jobs {}, {} requeued after restart, {} in {}/", dir, jobs.size(),
                stats().byState(), interrupted.size(), quarantined, QUARANTINE);
    }

    /** Releases the lock. Jobs still ACTIVE are requeued by the next {@link #open}. */
    @Override
    public void close() throws IOException {
        synchronized (mutex) {
            if (closed) {
                return;
            }
            closed = true;
            disk.release();
        }
    }

    // ------------------------------------------------------------------ enqueue

    /**
     * Adds a job, QUEUED and due now: {@link #draft}, the payload written, {@link #commit}. Returns only
     * when the job is durable.
     *
     * @param kind    the job kind (see {@link JobKind})
     * @param record  application fields; keys 1..128 of {@code [A-Za-z0-9._-]}, not {@code spool.*}
     * @param payload writes the payload files
     * @throws SpoolFullException when free space is under {@link SpoolOptions#minFreeBytes()} or a write hit ENOSPC
     */
    public JobId enqueue(String kind, Map<String, String> record, PayloadWriter payload) throws IOException {
        JobKind.check(kind);
        Objects.requireNonNull(payload, "payload");
        Map<String, String> fields = checkFields(record);
        try (JobDraft d = draft(kind)) {
            try {
                payload.writeTo(d);
            } catch (IOException e) {
                throw full(e, "writing new job " + d.id());
            }
            return commit(List.of(d), List.of(fields)).get(0);
        }
    }

    /**
     * Starts a new job in {@code tmp/<id>/}: write its payload files through the draft, then
     * {@link #commit} it (or close it to abandon it). Checks free space first.
     *
     * @throws SpoolFullException when free space is under {@link SpoolOptions#minFreeBytes()}
     */
    public JobDraft draft(String kind) throws IOException {
        JobKind.check(kind);
        checkFreeSpace();
        Instant now = clock.instant();
        JobId id;
        Path build;
        for (;;) {
            id = JobId.of(now, sequence.incrementAndGet() % 1_000_000);
            synchronized (mutex) {
                ensureOpen();
                if (jobs.containsKey(id)) {
                    continue;
                }
            }
            // (no look into jobs/ here: every job there is in the map, and the rename of a draft whose
            // name were taken there after all fails rather than replace it)
            build = tmpDir.resolve(id.value());
            try {
                Files.createDirectory(build);
                break;
            } catch (FileAlreadyExistsException e) {
                // another thread of ours, same id; take the next
            } catch (IOException e) {
                throw full(e, "creating new job " + id);
            }
        }
        try {
            Files.createDirectory(build.resolve(PAYLOAD));
        } catch (IOException | RuntimeException e) {
            try {
                Durable.deleteTree(build);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw full(io, "creating new job " + id);
            }
            throw e;
        }
        return new JobDraft(this, id, kind, now, build);
    }

    /**
     * Publishes drafts as QUEUED jobs, due now, each with its record fields; returns their ids when all
     * are durable. One step for all of them: each record is written, every draft is renamed from
     * {@code tmp/} into {@code jobs/}, then all fsyncs run at once (payload files, records, the payload
     * and job directories, {@code jobs/} and {@code tmp/}; the last two shared with concurrent commits).
     * Only then do the jobs become visible to {@link #claim}. If anything fails, every draft's directory
     * is taken back out of {@code jobs/} and deleted, and the exception is thrown.
     *
     * <p>A crash (process killed) before it returns leaves each job complete in {@code jobs/} or nothing
     * of it; a power loss during the fsyncs may leave a job incomplete, which the next start quarantines
     * (never deletes): see docs/spool-format.md.
     *
     * @param records one map of application fields per draft, as for {@link #enqueue}
     */
    public List<JobId> commit(List<JobDraft> drafts, List<Map<String, String>> records) throws IOException {
        if (drafts.size() != records.size()) {
            throw new IllegalArgumentException(drafts.size() + " drafts but " + records.size() + " records");
        }
        List<Map<String, String>> fields = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            JobDraft.checkOwner(this, drafts.get(i)).checkOpen();
            fields.add(checkFields(records.get(i)));
        }
        Instant now = clock.instant();
        List<SpoolRecord> recs = new ArrayList<>(drafts.size());
        try {
            for (int i = 0; i < drafts.size(); i++) {
                JobDraft d = drafts.get(i);
                recs.add(new SpoolRecord(d.id(), d.kind(), JobState.QUEUED, 0, d.created(), now, now, null, null,
                        d.finish(), fields.get(i), Map.of()));
            }
            disk.publish(drafts, recs, mutex, this::ensureOpen);
        } catch (IOException | RuntimeException | Error e) {
            drafts.forEach(this::discard);
            if (e instanceof IOException io) {
                throw full(io, "writing new jobs " + drafts.stream().map(JobDraft::id).toList());
            }
            throw e;
        }
        List<JobId> ids = new ArrayList<>(drafts.size());
        synchronized (mutex) {
            for (int i = 0; i < drafts.size(); i++) {
                JobDraft d = drafts.get(i);
                d.committed();
                Entry e = new Entry(jobsDir.resolve(d.id().value()), recs.get(i));
                jobs.put(d.id(), e);
                indexWaiting(e);
                ids.add(d.id());
            }
        }
        for (SpoolRecord rec : recs) {
            long bytes = rec.payload().stream().mapToLong(PayloadFile::size).sum();
            logState(rec, "new", JobState.QUEUED, rec.payload().size() + " payload files, " + bytes + " bytes");
        }
        Set<String> kinds = new java.util.HashSet<>();
        drafts.forEach(d -> kinds.add(d.kind()));
        for (Map.Entry<String, Runnable> l : newJobListeners) {
            if (kinds.contains(l.getKey())) {
                try {
                    l.getValue().run();
                } catch (RuntimeException e) {
                    log.warn("spool {}: a new-job listener for {} failed: {}", dir, l.getKey(), e.toString());
                }
            }
        }
        return ids;
    }

    /**
     * Runs {@code listener} on the committing thread each time new jobs of {@code kind} were committed
     * (after they are durable and claimable), so that a worker need not poll. It must only hand the work
     * on (wake a thread), never block; an exception it throws is logged and ignored.
     */
    public void addNewJobListener(String kind, Runnable listener) {
        JobKind.check(kind);
        newJobListeners.add(Map.entry(kind, Objects.requireNonNull(listener, "listener")));
    }

    /** Removes a listener added with {@link #addNewJobListener} (every registration of it). */
    public void removeNewJobListener(Runnable listener) {
        newJobListeners.removeIf(e -> e.getValue() == listener);
    }

    /** Deletes an abandoned draft's directory (never throws: what stays goes at the next start). */
    void discard(JobDraft d) {
        d.reopenFailed();
        disk.discard(d);
    }

    private static Map<String, String> checkFields(Map<String, String> record) {
        Map<String, String> fields = new LinkedHashMap<>();
        record.forEach((k, v) -> {
            SpoolRecord.checkFieldKey(k);
            fields.put(k, Objects.requireNonNull(v, () -> "null value for field " + k));
        });
        return fields;
    }

    private void checkFreeSpace() throws IOException {
        long min = options.minFreeBytes();
        if (min <= 0) {
            return;
        }
        long free = options.freeSpace().usableBytes(dir);
        if (free < min) {
            log.warn("spool {}: refusing new job, {} bytes free, minimum {}", dir, free, min);
            throw new SpoolFullException("spool " + dir + " is full: " + free + " bytes free, minimum " + min);
        }
    }

    private SpoolFullException fullOrNull(IOException e, String what) {
        if (e instanceof SpoolFullException f) {
            return f;
        }
        return Durable.isNoSpace(e) ? new SpoolFullException("spool " + dir + ": no space left on device " + what, e)
                : null;
    }

    private IOException full(IOException e, String what) {
        SpoolFullException f = fullOrNull(e, what);
        return f != null ? f : e;
    }

    // ------------------------------------------------------------------ claim and outcomes

    /** {@link #claim(String, Instant)} at the spool clock's now. */
    public Optional<Job> claim(String kind) throws IOException {
        return claim(kind, clock.instant());
    }

    /**
     * Hands out the job of {@code kind} that is due first (QUEUED or SLEEPING with
     * {@code next-attempt <= now}), made ACTIVE and its attempt counted, durably. Each job is handed to
     * one caller only; a DONE or FAILED job never.
     */
    public Optional<Job> claim(String kind, Instant now) throws IOException {
        Objects.requireNonNull(now, "now");
        synchronized (mutex) {
            ensureOpen();
            TreeSet<Due> q = waiting.get(kind);
            if (q == null || q.isEmpty() || q.first().at().isAfter(now)) {
                return Optional.empty();
            }
            Entry e = jobs.get(q.first().id());
            SpoolRecord r = e.rec;
            transitionTo(e, r.to(JobState.ACTIVE, r.attempts() + 1, now, null, r.result(), r.reason()));
            e.claim = ++claims;
            return Optional.of(e.job());
        }
    }

    /** When the next job of {@code kind} is due (maybe already), or empty when none waits. */
    public Optional<Instant> nextDue(String kind) {
        synchronized (mutex) {
            TreeSet<Due> q = waiting.get(kind);
            return q == null || q.isEmpty() ? Optional.empty() : Optional.of(q.first().at());
        }
    }

    /** The attempt of a claimed job succeeded: DONE. */
    public Job complete(Job job) throws IOException {
        synchronized (mutex) {
            Entry e = claimed(job);
            SpoolRecord r = e.rec;
            transitionTo(e, r.to(JobState.DONE, r.attempts(), clock.instant(), null, ResultCode.OK, null));
            e.claim = 0;
            return e.job();
        }
    }

    /**
     * Puts a claimed job to sleep until {@code notBefore}, for callers that own their retry policy (the
     * off-ramp's {@code fax send retries / retry-interval} per cause). The attempt stays counted; the
     * spool's own policy is not consulted.
     *
     * @param code a transient result code
     * @throws IllegalArgumentException for a success or permanent code
     */
    public Job retryAt(Job job, ResultCode code, String reason, Instant notBefore) throws IOException {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(notBefore, "notBefore");
        if (code.isSuccess() || code.isPermanent()) {
            throw new IllegalArgumentException("retryAt with " + code);
        }
        synchronized (mutex) {
            Entry e = claimed(job);
            SpoolRecord r = e.rec;
            SpoolRecord next = r.to(JobState.SLEEPING, r.attempts(), clock.instant(), notBefore, code, reason);
            transitionTo(e, next);
            e.claim = 0;
            return e.job();
        }
    }

    /**
     * The attempt of a claimed job failed. A transient {@code code} makes it SLEEPING until the next
     * attempt its kind's {@link RetryPolicy} allows, or FAILED ({@link ResultCode#RETRIES_EXHAUSTED},
     * {@link ResultCode#EXPIRED}) when the policy gives up; a permanent {@code code} makes it FAILED.
     *
     * @return the job after the change: look at {@link Job#state()} to know whether it gave up
     */
    public Job retry(Job job, ResultCode code, String reason) throws IOException {
        Objects.requireNonNull(code, "code");
        if (code.isSuccess()) {
            throw new IllegalArgumentException("retry with " + code);
        }
        synchronized (mutex) {
            Entry e = claimed(job);
            SpoolRecord r = e.rec;
            Instant now = clock.instant();
            SpoolRecord next;
            if (code.isPermanent()) {
                next = r.to(JobState.FAILED, r.attempts(), now, null, code, reason);
            } else {
                RetryPolicy.Decision d = options.retryFor(r.kind()).decide(r.attempts(), r.created(), now);
                if (d.retry()) {
                    next = r.to(JobState.SLEEPING, r.attempts(), now, d.nextAttempt().orElseThrow(), code, reason);
                } else {
                    next = r.to(JobState.FAILED, r.attempts(), now, null, d.giveUp(),
                            code + (reason == null ? "" : ": " + reason) + "; gave up after " + r.attempts()
                                    + " attempts");
                }
            }
            transitionTo(e, next);
            e.claim = 0;
            return e.job();
        }
    }

    /**
     * Fails a job permanently: a claimed one (its attempt failed for good), or a QUEUED or SLEEPING
     * one (cancelled by an administrator).
     */
    public Job fail(Job job, ResultCode code, String reason) throws IOException {
        Objects.requireNonNull(code, "code");
        if (code.isSuccess()) {
            throw new IllegalArgumentException("fail with " + code);
        }
        synchronized (mutex) {
            Entry e = current(job);
            SpoolRecord r = e.rec;
            transitionTo(e, r.to(JobState.FAILED, r.attempts(), clock.instant(), null, code, reason));
            e.claim = 0;
            return e.job();
        }
    }

    /**
     * Changes application fields durably (e.g. pages confirmed so far), in any state; a {@code null}
     * value removes the field. An ACTIVE job needs the snapshot of its claim.
     */
    public Job update(Job job, Map<String, String> changes) throws IOException {
        Map<String, String> copy = new HashMap<>();
        changes.forEach((k, v) -> {
            SpoolRecord.checkFieldKey(k);
            copy.put(k, v);
        });
        synchronized (mutex) {
            Entry e = jobs.get(job.id());
            ensureOpen();
            if (e == null) {
                throw new IllegalStateException("job " + job.id() + " is not in the spool");
            }
            if (e.rec.state() == JobState.ACTIVE && e.claim != job.claim()) {
                throw new IllegalStateException("job " + job.id() + " is ACTIVE under another claim");
            }
            Map<String, String> fields = new LinkedHashMap<>(e.rec.fields());
            copy.forEach((k, v) -> {
                if (v == null) {
                    fields.remove(k);
                } else {
                    fields.put(k, v);
                }
            });
            SpoolRecord next = e.rec.withFields(fields);
            write(e, next);
            e.rec = next;
            log.debug("job {} fields updated: {}", job.id(), copy.keySet());
            return e.job();
        }
    }

    /** The entry of a job the caller claimed (guarded). */
    private Entry claimed(Job job) {
        Entry e = current(job);
        if (e.rec.state() != JobState.ACTIVE) {
            throw new IllegalStateException("job " + job.id() + " is " + e.rec.state() + ", not ACTIVE");
        }
        return e;
    }

    /** The entry of a job whose snapshot is still valid for a state change (guarded). */
    private Entry current(Job job) {
        ensureOpen();
        Entry e = jobs.get(job.id());
        if (e == null) {
            throw new IllegalStateException("job " + job.id() + " is not in the spool");
        }
        if (e.rec.state().isTerminal()) {
            throw new IllegalStateException("job " + job.id() + " is already " + e.rec.state());
        }
        if (e.rec.state() == JobState.ACTIVE && e.claim != job.claim()) {
            throw new IllegalStateException("job " + job.id() + " is ACTIVE under another claim");
        }
        return e;
    }

    /**
     * The one place a job changes state: checks the transition table, writes the record durably, then
     * updates the in-memory index and logs one line. When the write fails nothing changes.
     */
    private void transitionTo(Entry e, SpoolRecord next) throws IOException {
        JobState from = e.rec.state();
        JobState to = next.state();
        if (!from.canTransitionTo(to)) {
            throw new IllegalStateException("job " + next.id() + ": illegal transition " + from + " -> " + to);
        }
        write(e, next);
        unindexWaiting(e);
        e.rec = next;
        indexWaiting(e);
        StringBuilder detail = new StringBuilder("attempt ").append(next.attempts());
        if (next.result() != null && !next.result().isSuccess() && to != JobState.ACTIVE) {
            detail.append(", ").append(next.result());
        }
        if (next.nextAttempt() != null) {
            detail.append(", next ").append(next.nextAttempt());
        }
        if (next.reason() != null && to != JobState.ACTIVE) {
            detail.append(": ").append(next.reason());
        }
        logState(next, from.name(), to, detail.toString());
    }

    private static void logState(SpoolRecord r, String from, JobState to, String detail) {
        MDC.put("job", r.id().value());
        try {
            log.info("job {} {} {} -> {} ({})", r.id(), r.kind(), from, to, detail);
        } finally {
            MDC.remove("job");
        }
    }

    private void write(Entry e, SpoolRecord next) throws IOException {
        try {
            Durable.replace(e.dir.resolve(RECORD), next.encode());
        } catch (IOException ex) {
            throw full(ex, "writing the record of job " + next.id());
        }
    }

    private void indexWaiting(Entry e) {
        if (e.rec.state().isWaiting()) {
            waiting.computeIfAbsent(e.rec.kind(), k -> new TreeSet<>()).add(new Due(e.rec.nextAttempt(), e.rec.id()));
        }
    }

    private void unindexWaiting(Entry e) {
        if (e.rec.state().isWaiting()) {
            TreeSet<Due> q = waiting.get(e.rec.kind());
            if (q != null) {
                q.remove(new Due(e.rec.nextAttempt(), e.rec.id()));
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("spool " + dir + " is closed");
        }
    }

    // ------------------------------------------------------------------ queries, purge

    /** The job, as it is now. */
    public Optional<Job> get(JobId id) {
        synchronized (mutex) {
            Entry e = jobs.get(id);
            return e == null ? Optional.empty() : Optional.of(e.job());
        }
    }

    /** All jobs, by id (that is, by creation). */
    public List<Job> list() {
        synchronized (mutex) {
            List<Job> all = new ArrayList<>(jobs.size());
            new TreeMap<>(jobs).values().forEach(e -> all.add(e.job()));
            return all;
        }
    }

    /** Counts per state and kind, for the admin endpoint. */
    public SpoolStats stats() {
        synchronized (mutex) {
            Map<JobState, Integer> byState = new EnumMap<>(JobState.class);
            for (JobState s : JobState.values()) {
                byState.put(s, 0);
            }
            Map<String, Map<JobState, Integer>> byKind = new TreeMap<>();
            for (Entry e : jobs.values()) {
                byState.merge(e.rec.state(), 1, Integer::sum);
                byKind.computeIfAbsent(e.rec.kind(), k -> new EnumMap<>(JobState.class))
                        .merge(e.rec.state(), 1, Integer::sum);
            }
            Map<String, Map<JobState, Integer>> frozen = new TreeMap<>();
            byKind.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
            return new SpoolStats(byState, frozen, quarantined);
        }
    }

    /**
     * Removes DONE and FAILED jobs that entered that state more than {@code age} ago. Each job directory
     * is first renamed into {@code tmp/} (atomic), then deleted; recovery finishes an interrupted purge.
     *
     * @return how many jobs were removed
     */
    public int purge(Duration age) throws IOException {
        Instant limit = clock.instant().minus(age);
        List<Path> doomed = new ArrayList<>();
        synchronized (mutex) {
            ensureOpen();
            List<Entry> old = new ArrayList<>();
            for (Entry e : jobs.values()) {
                if (e.rec.state().isTerminal() && e.rec.changed().isBefore(limit)) {
                    old.add(e);
                }
            }
            for (Entry e : old) {
                Path to = tmpDir.resolve(PURGE_PREFIX + e.rec.id());
                Files.move(e.dir, to, StandardCopyOption.ATOMIC_MOVE);
                jobs.remove(e.rec.id());
                doomed.add(to);
            }
            if (!doomed.isEmpty()) {
                disk.syncJobs();
            }
        }
        for (Path p : doomed) {
            Durable.deleteTree(p);
        }
        if (!doomed.isEmpty()) {
            log.info("spool {}: purged {} DONE/FAILED jobs older than {}", dir, doomed.size(), age);
        }
        return doomed.size();
    }

    /** The spool directory (real path). */
    public Path directory() {
        return dir;
    }

    @Override
    public String toString() {
        return "Spool[" + dir + "]";
    }
}
