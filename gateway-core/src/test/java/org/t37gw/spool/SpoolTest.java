package org.t37gw.spool;

import org.t37gw.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final RetryPolicy POLICY =
            new RetryPolicy(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(5), 4, Duration.ofHours(1));

    @TempDir
    Path dir;
    MutableClock clock;
    SpoolOptions options;
    Spool spool;

    @BeforeEach
    void setUp() throws IOException {
        clock = new MutableClock(T0);
        options = SpoolOptions.defaults().withRetry(POLICY).withMinFreeBytes(0);
        spool = Spool.open(dir, clock, options);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (spool != null) {
            spool.close();
        }
    }

    private Spool reopen() throws IOException {
        spool.close();
        spool = Spool.open(dir, clock, options);
        return spool;
    }

    private JobId enqueue(String kind, String payload) throws IOException {
        return spool.enqueue(kind, Map.of("to", "5550100"),
                PayloadWriter.of("doc.txt", payload.getBytes(StandardCharsets.UTF_8)));
    }

    private Path jobDir(JobId id) {
        return dir.resolve(Spool.JOBS).resolve(id.value());
    }

    /** File names in a directory, sorted. */
    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ life of a job

    @Test
    void enqueueClaimCompleteIsDurableAcrossReopen() throws IOException {
        Map<String, String> fields = new HashMap<>();
        fields.put("to", "5550100");
        fields.put("subject", "two\nlines");
        JobId id = spool.enqueue(JobKind.OFFRAMP, fields, sink -> {
            sink.write("page-1", new byte[] {1, 2, 3});
            try (OutputStream out = sink.create("page-2")) {
                for (int i = 0; i < 200_000; i++) {
                    out.write(i);
                }
            }
        });
        assertEquals(List.of("fax_payload", "fax_record"), names(jobDir(id)));
        assertEquals(List.of("page-1", "page-2"), names(jobDir(id).resolve("fax_payload")));
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));

        Job queued = spool.get(id).orElseThrow();
        assertEquals(JobState.QUEUED, queued.state());
        assertEquals(0, queued.attempts());
        assertEquals(T0, queued.nextAttempt().orElseThrow());
        assertEquals("two\nlines", queued.field("subject").orElseThrow());
        queued.verifyPayload();

        assertTrue(spool.claim(JobKind.ONRAMP, T0).isEmpty(), "other kind");
        Job active = spool.claim(JobKind.OFFRAMP, T0).orElseThrow();
        assertEquals(JobState.ACTIVE, active.state());
        assertEquals(1, active.attempts());
        assertTrue(spool.claim(JobKind.OFFRAMP, T0).isEmpty(), "handed out once");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(active.payloadPath("page-1")));
        assertEquals(200_000, Files.size(active.payloadPath("page-2")));

        clock.advance(Duration.ofSeconds(30));
        Job done = spool.complete(active);
        assertEquals(JobState.DONE, done.state());
        assertEquals(ResultCode.OK, done.result().orElseThrow());
        assertEquals(T0.plusSeconds(30), done.stateChanged());

        Job reread = reopen().get(id).orElseThrow();
        assertEquals(JobState.DONE, reread.state());
        assertEquals(1, reread.attempts());
        assertEquals("two\nlines", reread.field("subject").orElseThrow());
        reread.verifyPayload();
        assertTrue(spool.claim(JobKind.OFFRAMP, T0.plus(Duration.ofDays(9))).isEmpty());
    }

    @Test
    void claimTakesTheJobDueFirstAndWaitsForNextAttempt() throws IOException {
        JobId a = enqueue(JobKind.MAIL, "a");
        clock.advance(Duration.ofMillis(1));
        JobId b = enqueue(JobKind.MAIL, "b");
        Job ja = spool.claim(JobKind.MAIL, clock.instant()).orElseThrow();
        assertEquals(a, ja.id());
        Job sleeping = spool.retry(ja, ResultCode.SMTP_TEMPORARY, "451 try later");
        assertEquals(JobState.SLEEPING, sleeping.state());
        assertEquals(clock.instant().plus(Duration.ofMinutes(1)), sleeping.nextAttempt().orElseThrow());
        assertEquals("451 try later", sleeping.reason().orElseThrow());

        assertEquals(b, spool.claim(JobKind.MAIL, clock.instant()).orElseThrow().id());
        assertTrue(spool.claim(JobKind.MAIL, clock.instant()).isEmpty(), "a sleeps");
        assertEquals(sleeping.nextAttempt().orElseThrow(), spool.nextDue(JobKind.MAIL).orElseThrow());
        Instant due = sleeping.nextAttempt().orElseThrow();
        assertTrue(spool.claim(JobKind.MAIL, due.minusMillis(1)).isEmpty());
        Job again = spool.claim(JobKind.MAIL, due).orElseThrow();
        assertEquals(a, again.id());
        assertEquals(2, again.attempts());
        assertTrue(spool.nextDue(JobKind.MAIL).isEmpty());
    }

    @Test
    void retryAtSleepsUntilTheCallersTimeAndSurvivesReopen() throws IOException {
        JobId id = enqueue(JobKind.OFFRAMP, "x");
        Job j = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        Instant at = clock.instant().plus(Duration.ofSeconds(45));
        Job s = spool.retryAt(j, ResultCode.BUSY, "busy", at);
        assertEquals(JobState.SLEEPING, s.state());
        assertEquals(at, s.nextAttempt().orElseThrow());
        assertTrue(spool.claim(JobKind.OFFRAMP, at.minusMillis(1)).isEmpty(), "not due before its time");
        assertEquals(at, reopen().get(id).orElseThrow().nextAttempt().orElseThrow());
        assertThrows(IllegalArgumentException.class,
                () -> spool.retryAt(spool.claim(JobKind.OFFRAMP, at).orElseThrow(), ResultCode.OK, "x", at));
    }

    @Test
    void retryBacksOffThenGivesUpAtMaxAttempts() throws IOException {
        JobId id = enqueue(JobKind.OFFRAMP, "x");
        List<Duration> delays = new ArrayList<>();
        Job last = null;
        for (int i = 0; i < 4; i++) {
            Job j = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
            assertEquals(i + 1, j.attempts());
            last = spool.retry(j, ResultCode.BUSY, "busy");
            if (last.state() == JobState.SLEEPING) {
                delays.add(Duration.between(clock.instant(), last.nextAttempt().orElseThrow()));
                clock.set(last.nextAttempt().orElseThrow());
            }
        }
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)), delays);
        assertEquals(JobState.FAILED, last.state());
        assertEquals(ResultCode.RETRIES_EXHAUSTED, last.result().orElseThrow());
        assertTrue(last.reason().orElseThrow().contains("101 BUSY"), last.reason().orElseThrow());
        assertEquals(JobState.FAILED, reopen().get(id).orElseThrow().state());
    }

    @Test
    void retryGivesUpWhenTooOldAndPerKindPolicyApplies() throws IOException {
        options = options.withRetry(JobKind.MAIL,
                new RetryPolicy(Duration.ofMinutes(30), 2.0, Duration.ofHours(1), 100, Duration.ofMinutes(45)));
        reopen();
        enqueue(JobKind.MAIL, "m");
        Job j = spool.claim(JobKind.MAIL, clock.instant()).orElseThrow();
        clock.advance(Duration.ofMinutes(20));
        Job after = spool.retry(j, ResultCode.MTA_UNREACHABLE, "connection refused");
        assertEquals(JobState.FAILED, after.state(), "20 + 30 min > 45 min");
        assertEquals(ResultCode.EXPIRED, after.result().orElseThrow());
    }

    @Test
    void permanentCodeFailsAtOnceAndFailCancelsWaitingJobs() throws IOException {
        enqueue(JobKind.OFFRAMP, "1");
        JobId second = enqueue(JobKind.OFFRAMP, "2");
        Job j = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        Job failed = spool.retry(j, ResultCode.INVALID_NUMBER, "no such number");
        assertEquals(JobState.FAILED, failed.state());
        assertEquals(ResultCode.INVALID_NUMBER, failed.result().orElseThrow());
        Job cancelled = spool.fail(spool.get(second).orElseThrow(), ResultCode.CANCELLED, "by admin");
        assertEquals(JobState.FAILED, cancelled.state());
        assertTrue(spool.claim(JobKind.OFFRAMP, clock.instant()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> spool.fail(cancelled, ResultCode.OK, "x"));
        assertThrows(IllegalStateException.class, () -> spool.fail(cancelled, ResultCode.CANCELLED, "again"));
    }

    @Test
    void staleOrForeignSnapshotsAreRejected() throws IOException {
        enqueue(JobKind.ONRAMP, "x");
        Job queued = spool.list().get(0);
        assertThrows(IllegalStateException.class, () -> spool.complete(queued), "not claimed");
        Job claimed = spool.claim(JobKind.ONRAMP, clock.instant()).orElseThrow();
        assertThrows(IllegalStateException.class, () -> spool.complete(queued), "snapshot from before the claim");
        Job sleeping = spool.retry(claimed, ResultCode.NO_ANSWER, "no answer");
        assertThrows(IllegalStateException.class, () -> spool.complete(claimed), "claim already ended");
        clock.set(sleeping.nextAttempt().orElseThrow());
        Job second = spool.claim(JobKind.ONRAMP, clock.instant()).orElseThrow();
        assertThrows(IllegalStateException.class, () -> spool.retry(claimed, ResultCode.BUSY, "old claim"));
        assertThrows(IllegalStateException.class, () -> spool.update(claimed, Map.of("a", "b")));
        Job done = spool.complete(second);
        assertThrows(IllegalStateException.class, () -> spool.complete(done));
        assertThrows(IllegalArgumentException.class, () -> spool.retry(done, ResultCode.OK, "?"));
    }

    @Test
    void updateWritesFieldsDurablyAndKeepsTheClaim() throws IOException {
        JobId id = enqueue(JobKind.OFFRAMP, "p");
        Job j = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        Job u1 = spool.update(j, Map.of("pages-confirmed", "1"));
        Map<String, String> change = new HashMap<>();
        change.put("pages-confirmed", "2");
        change.put("to", null);
        Job u2 = spool.update(u1, change);
        assertEquals("2", u2.field("pages-confirmed").orElseThrow());
        assertFalse(u2.field("to").isPresent());
        assertEquals(JobState.ACTIVE, u2.state());
        assertThrows(IllegalArgumentException.class, () -> spool.update(u2, Map.of("spool.state", "DONE")));
        // the record on disk has it already, before the attempt ends
        Job onDisk = reopen().get(id).orElseThrow();
        assertEquals("2", onDisk.field("pages-confirmed").orElseThrow());
        assertEquals(JobState.QUEUED, onDisk.state(), "the attempt was cut by the reopen");
    }

    @Test
    void invalidInputIsRefusedBeforeAnythingIsWritten() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> spool.enqueue("bad kind", Map.of(), PayloadWriter.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> spool.enqueue(JobKind.MAIL, Map.of("spool.id", "x"), PayloadWriter.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> spool.enqueue(JobKind.MAIL, Map.of(), sink -> sink.write("../escape", new byte[1])));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> spool.enqueue(JobKind.MAIL, Map.of(), sink -> {
            sink.write("a", new byte[1]);
            sink.write("a", new byte[1]);
        }));
        IOException notClosed = assertThrows(IOException.class,
                () -> spool.enqueue(JobKind.MAIL, Map.of(), sink -> sink.create("open").write(1)));
        assertTrue(notClosed.getMessage().contains("not closed"), notClosed.getMessage());
        assertEquals(List.of(), names(dir.resolve(Spool.JOBS)));
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertEquals(0, spool.stats().total());
    }

    @Test
    void statsListAndPurge() throws IOException {
        for (int i = 0; i < 3; i++) {
            enqueue(JobKind.OFFRAMP, "o" + i);
        }
        enqueue(JobKind.MAIL, "m");
        spool.complete(spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow());
        spool.retry(spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow(), ResultCode.TOO_LARGE, "50 MB");
        spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        SpoolStats s = spool.stats();
        assertEquals(1, s.count(JobState.DONE));
        assertEquals(1, s.count(JobState.FAILED));
        assertEquals(1, s.count(JobState.ACTIVE));
        assertEquals(1, s.count(JobState.QUEUED));
        assertEquals(0, s.count(JobState.SLEEPING));
        assertEquals(Map.of(JobState.QUEUED, 1), s.byKind().get(JobKind.MAIL));
        assertEquals(4, s.total());
        List<Job> all = spool.list();
        assertEquals(4, all.size());
        assertEquals(all.stream().map(Job::id).sorted().toList(), all.stream().map(Job::id).toList());

        clock.advance(Duration.ofDays(2));
        assertEquals(0, spool.purge(Duration.ofDays(3)));
        assertEquals(2, spool.purge(Duration.ofDays(1)));
        assertEquals(2, spool.stats().total());
        assertEquals(2, names(dir.resolve(Spool.JOBS)).size());
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertEquals(2, reopen().stats().total());
    }

    @Test
    void severalThreadsNeverGetTheSameJob() throws Exception {
        int jobs = 120;
        for (int i = 0; i < jobs; i++) {
            enqueue(i % 2 == 0 ? JobKind.OFFRAMP : JobKind.ONRAMP, "j" + i);
        }
        Set<JobId> seen = ConcurrentHashMap.newKeySet();
        List<JobId> dup = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            String kind = t % 2 == 0 ? JobKind.OFFRAMP : JobKind.ONRAMP;
            fs.add(pool.submit(() -> {
                start.await();
                for (;;) {
                    var j = spool.claim(kind, clock.instant());
                    if (j.isEmpty()) {
                        return null;
                    }
                    if (!seen.add(j.get().id())) {
                        dup.add(j.get().id());
                    }
                    spool.complete(j.get());
                }
            }));
        }
        start.countDown();
        for (Future<?> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(List.of(), dup);
        assertEquals(jobs, seen.size());
        assertEquals(jobs, spool.stats().count(JobState.DONE));
    }

    // ------------------------------------------------------------------ recovery from each crash window

    @Test
    void activeJobsOfAPreviousProcessGoBackToQueuedWithTheirAttemptCounted() throws IOException {
        JobId id = enqueue(JobKind.OFFRAMP, "x");
        Job j = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        assertEquals(1, j.attempts());
        clock.advance(Duration.ofMinutes(3));
        Job back = reopen().get(id).orElseThrow();
        assertEquals(JobState.QUEUED, back.state());
        assertEquals(1, back.attempts());
        assertEquals(ResultCode.INTERRUPTED, back.result().orElseThrow());
        assertEquals(clock.instant(), back.nextAttempt().orElseThrow());
        Job again = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        assertEquals(2, again.attempts());
    }

    @Test
    void aJobThatKeepsCrashingTheProcessFailsAtMaxAttempts() throws IOException {
        JobId id = enqueue(JobKind.OFFRAMP, "poison");
        for (int i = 0; i < POLICY.maxAttempts(); i++) {
            assertTrue(spool.claim(JobKind.OFFRAMP, clock.instant()).isPresent(), "attempt " + (i + 1));
            reopen();
        }
        Job j = spool.get(id).orElseThrow();
        assertEquals(JobState.FAILED, j.state());
        assertEquals(ResultCode.RETRIES_EXHAUSTED, j.result().orElseThrow());
        assertTrue(j.reason().orElseThrow().contains("INTERRUPTED"), j.reason().orElseThrow());
    }

    @Test
    void halfBuiltJobsInTmpAreRemovedAndNeverSeen() throws IOException {
        spool.close();
        spool = null;
        Path tmp = dir.resolve(Spool.TMP);
        // crash while writing the payload
        Path a = Files.createDirectories(tmp.resolve("20250101T100000000-000001").resolve(Spool.PAYLOAD));
        Files.write(a.resolve("page-1"), new byte[100]);
        // crash after the record was written but before the rename into jobs/
        Path b = tmp.resolve("20250101T100000000-000002");
        Files.createDirectories(b.resolve(Spool.PAYLOAD));
        SpoolRecord rec = new SpoolRecord(new JobId("20250101T100000000-000002"), JobKind.MAIL, JobState.QUEUED, 0,
                T0, T0, T0, null, null, List.of(), Map.of(), Map.of());
        Files.write(b.resolve(Spool.RECORD), rec.encode());
        // crash in the middle of a purge
        Files.createDirectories(tmp.resolve("purge-20240101T100000000-000001").resolve(Spool.PAYLOAD));
        spool = Spool.open(dir, clock, options);
        assertEquals(0, spool.stats().total());
        assertEquals(List.of(), names(tmp));
        assertEquals(List.of(), names(dir.resolve(Spool.QUARANTINE)));
    }

    @Test
    void aStateChangeCutBeforeItsRenameKeepsTheOldState() throws IOException {
        JobId id = enqueue(JobKind.OFFRAMP, "x");
        Job active = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        spool.close();
        spool = null;
        // the process wrote the DONE record to fax_record.tmp and died before the rename; half written too
        Path tmpRecord = jobDir(id).resolve(Spool.RECORD + ".tmp");
        byte[] done = active.record().to(JobState.DONE, 1, T0, null, ResultCode.OK, null).encode();
        Files.write(tmpRecord, java.util.Arrays.copyOf(done, done.length / 2));
        spool = Spool.open(dir, clock, options);
        Job j = spool.get(id).orElseThrow();
        assertEquals(JobState.QUEUED, j.state(), "ACTIVE as on disk, then requeued");
        assertFalse(Files.exists(tmpRecord));
        assertEquals(List.of(), names(dir.resolve(Spool.QUARANTINE)));
    }

    @Test
    void aStateChangeCutAfterItsRenameHasTheNewState() throws IOException {
        JobId id = enqueue(JobKind.OFFRAMP, "x");
        Job active = spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow();
        spool.close();
        spool = null;
        // renamed, directory not yet fsync'ed: the kernel has the new record, so the next process sees it
        Files.write(jobDir(id).resolve(Spool.RECORD),
                active.record().to(JobState.DONE, 1, T0, null, ResultCode.OK, null).encode());
        spool = Spool.open(dir, clock, options);
        assertEquals(JobState.DONE, spool.get(id).orElseThrow().state());
        assertTrue(spool.claim(JobKind.OFFRAMP, clock.instant()).isEmpty());
    }

    @Test
    void unreadableJobsAreQuarantinedLoggedAndKept() throws IOException {
        JobId good = enqueue(JobKind.MAIL, "good");
        JobId garbage = enqueue(JobKind.MAIL, "g");
        JobId truncated = enqueue(JobKind.MAIL, "t");
        JobId noRecord = enqueue(JobKind.MAIL, "n");
        JobId shortPayload = enqueue(JobKind.MAIL, "payload of some length");
        JobId wrongId = enqueue(JobKind.MAIL, "w");
        spool.close();
        spool = null;
        Files.write(jobDir(garbage).resolve(Spool.RECORD), "\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1));
        byte[] rec = Files.readAllBytes(jobDir(truncated).resolve(Spool.RECORD));
        Files.write(jobDir(truncated).resolve(Spool.RECORD), java.util.Arrays.copyOf(rec, rec.length - 5));
        Files.delete(jobDir(noRecord).resolve(Spool.RECORD));
        Files.write(jobDir(shortPayload).resolve(Spool.PAYLOAD).resolve("doc.txt"), new byte[3]);
        Files.move(jobDir(wrongId), dir.resolve(Spool.JOBS).resolve("renamed-by-hand"));
        Files.writeString(dir.resolve(Spool.JOBS).resolve("stray.txt"), "editor backup");

        spool = Spool.open(dir, clock, options);
        assertEquals(List.of(good), spool.list().stream().map(Job::id).toList());
        List<String> q = names(dir.resolve(Spool.QUARANTINE));
        Set<String> expected = new HashSet<>();
        for (String n : List.of(garbage.value(), truncated.value(), noRecord.value(), shortPayload.value(),
                "renamed-by-hand", "stray.txt")) {
            expected.add(n);
            expected.add(n + "." + Spool.QUARANTINE_REASON);
        }
        assertEquals(expected, new HashSet<>(q));
        assertEquals(6, spool.stats().quarantined());
        // kept as they were, with a reason next to them
        assertEquals("editor backup", Files.readString(dir.resolve(Spool.QUARANTINE).resolve("stray.txt")));
        assertTrue(Files.readString(dir.resolve(Spool.QUARANTINE).resolve(shortPayload.value() + ".quarantine-reason"))
                .contains("has 3 bytes, record says 22"));
        assertTrue(Files.readString(dir.resolve(Spool.QUARANTINE).resolve(truncated.value() + ".quarantine-reason"))
                .contains("SpoolFormatException"));
        // a second quarantine of the same name does not overwrite the first
        spool.close();
        spool = null;
        Files.writeString(dir.resolve(Spool.JOBS).resolve("stray.txt"), "second");
        spool = Spool.open(dir, clock, options);
        assertEquals("second", Files.readString(dir.resolve(Spool.QUARANTINE).resolve("stray.txt.1")));
        assertEquals("editor backup", Files.readString(dir.resolve(Spool.QUARANTINE).resolve("stray.txt")));
        assertEquals(7, spool.stats().quarantined());
    }

    // ------------------------------------------------------------------ lock, full disk

    @Test
    void secondOpenInTheSameProcessIsRefusedAndDoesNotDropTheLock() throws IOException {
        SpoolLockedException e = assertThrows(SpoolLockedException.class, () -> Spool.open(dir, clock, options));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
        // still usable and still locked
        enqueue(JobKind.MAIL, "still works");
        assertThrows(SpoolLockedException.class, () -> Spool.open(dir.resolve(".").resolve("jobs/.."), clock, options));
        spool.close();
        spool = Spool.open(dir, clock, options);
        assertEquals(1, spool.stats().total());
        spool.close();
        assertThrows(IllegalStateException.class, () -> enqueue(JobKind.MAIL, "closed"));
        spool = null;
    }

    @Test
    void lowFreeSpaceRefusesNewJobsButNotStateChanges() throws IOException {
        long[] free = {10_000_000};
        options = options.withMinFreeBytes(1_000_000).withFreeSpace(d -> free[0]);
        reopen();
        JobId id = enqueue(JobKind.OFFRAMP, "fits");
        free[0] = 999_999;
        SpoolFullException e = assertThrows(SpoolFullException.class, () -> enqueue(JobKind.OFFRAMP, "no room"));
        assertTrue(e.getMessage().contains("999999 bytes free, minimum 1000000"), e.getMessage());
        assertTrue(e instanceof IOException);
        assertEquals(1, spool.stats().total());
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        // work already accepted goes on
        spool.complete(spool.claim(JobKind.OFFRAMP, clock.instant()).orElseThrow());
        assertEquals(JobState.DONE, spool.get(id).orElseThrow().state());
        free[0] = 1_000_000;
        enqueue(JobKind.OFFRAMP, "room again");
    }

    @Test
    void enospcWhileWritingIsASpoolFullExceptionAndLeavesNothing() throws IOException {
        SpoolFullException e = assertThrows(SpoolFullException.class, () -> spool.enqueue(JobKind.ONRAMP, Map.of(), sink -> {
            try (OutputStream out = sink.create("page-1")) {
                out.write(new byte[1000]);
                // what FileChannel.write throws when the device is full
                throw new IOException("No space left on device");
            }
        }));
        assertTrue(e.getMessage().contains("no space left"), e.getMessage());
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertEquals(List.of(), names(dir.resolve(Spool.JOBS)));
        assertTrue(Durable.isNoSpace(new java.nio.file.FileSystemException("/x", null, "No space left on device")));
        assertTrue(Durable.isNoSpace(new IOException("wrapped", new IOException("Disk quota exceeded"))));
        assertFalse(Durable.isNoSpace(new IOException("Input/output error")));
        // another failure stays what it was
        IOException other = assertThrows(IOException.class, () -> spool.enqueue(JobKind.ONRAMP, Map.of(), sink -> {
            throw new IOException("Input/output error");
        }));
        assertFalse(other instanceof SpoolFullException);
    }
}
