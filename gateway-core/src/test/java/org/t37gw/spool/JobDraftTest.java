package org.t37gw.spool;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.testing.MutableClock;

/** {@link Spool#draft} and {@link Spool#commit}: a job built in place, published in one step. */
class JobDraftTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock;
    SpoolOptions options;
    Spool spool;

    @BeforeEach
    void setUp() throws IOException {
        clock = new MutableClock(T0);
        options = SpoolOptions.defaults().withMinFreeBytes(0);
        spool = Spool.open(dir, clock, options);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (spool != null) {
            spool.close();
        }
    }

    private static List<String> names(Path d) throws IOException {
        return SpoolTest.names(d);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDraftIsInvisibleUntilCommittedThenDurableAndClaimable() throws IOException {
        JobId id;
        try (JobDraft d = spool.draft(JobKind.OFFRAMP)) {
            id = d.id();
            try (OutputStream out = d.create("message.eml")) {
                out.write(bytes("Subject: hi\r\n\r\nbody\r\n"));
            }
            clock.advance(Duration.ofSeconds(3));
            assertEquals(List.of(id.value()), names(dir.resolve(Spool.TMP)));
            assertEquals(List.of(), names(dir.resolve(Spool.JOBS)));
            assertTrue(spool.get(id).isEmpty());
            assertTrue(spool.claim(JobKind.OFFRAMP).isEmpty());
            assertEquals(List.of(id), spool.commit(List.of(d), List.of(Map.of("to", "5550100"))));
        }
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertEquals(List.of(id.value()), names(dir.resolve(Spool.JOBS)));
        Job job = spool.get(id).orElseThrow();
        assertEquals(JobState.QUEUED, job.state());
        assertEquals(T0, job.created(), "created when the draft began");
        assertEquals("5550100", job.field("to").orElseThrow());
        spool.close();
        spool = Spool.open(dir, clock, options);
        Job again = spool.claim(JobKind.OFFRAMP).orElseThrow();
        assertEquals(id, again.id());
        assertArrayEquals(bytes("Subject: hi\r\n\r\nbody\r\n"),
                Files.readAllBytes(again.payloadDir().resolve("message.eml")));
    }

    @Test
    void closingWithoutCommitLeavesNothingAndACommittedDraftCannotBeCommittedAgain() throws IOException {
        JobDraft open = spool.draft(JobKind.OFFRAMP);
        OutputStream unfinished = open.create("message.eml");
        unfinished.write(new byte[100_000]);
        open.close();
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertThrows(IllegalStateException.class, () -> open.create("other"));

        JobDraft d = spool.draft(JobKind.MAIL);
        d.write("a", bytes("x"));
        JobId id = spool.commit(List.of(d), List.of(Map.of())).get(0);
        d.close();
        assertThrows(IllegalStateException.class, () -> spool.commit(List.of(d), List.of(Map.of())));
        assertTrue(spool.get(id).isPresent(), "a second commit attempt does not disturb the job");
        assertEquals(List.of(id.value()), names(dir.resolve(Spool.JOBS)));
    }

    @Test
    void anUnclosedPayloadStreamFailsTheCommitAndNothingStays() throws IOException {
        try (JobDraft d = spool.draft(JobKind.OFFRAMP)) {
            d.create("message.eml").write(1);
            IOException e = assertThrows(IOException.class,
                    () -> spool.commit(List.of(d), List.of(Map.of())));
            assertTrue(e.getMessage().contains("not closed"), e.getMessage());
        }
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertEquals(List.of(), names(dir.resolve(Spool.JOBS)));
        assertEquals(0, spool.list().size());
    }

    @Test
    void oneMessageForSeveralJobsIsWrittenOnceAndLinked() throws IOException {
        byte[] message = bytes("Subject: to three\r\n\r\n" + "x".repeat(70_000) + "\r\n");
        List<JobId> ids;
        try (JobDraft first = spool.draft(JobKind.OFFRAMP);
             JobDraft second = spool.draft(JobKind.OFFRAMP);
             JobDraft third = spool.draft(JobKind.OFFRAMP)) {
            first.write("message.eml", message);
            second.link("message.eml", first, "message.eml");
            third.link("copy.eml", first, "message.eml");
            assertThrows(IOException.class, () -> third.link("x", first, "absent.eml"));
            ids = spool.commit(List.of(first, second, third),
                    List.of(Map.of("n", "1"), Map.of("n", "2"), Map.of("n", "3")));
        }
        assertEquals(3, new HashSet<>(ids).size());
        Set<Object> inodes = new HashSet<>();
        for (JobId id : ids) {
            Job j = spool.get(id).orElseThrow();
            Path f = j.payloadDir().resolve(j.payload().get(0).name());
            assertArrayEquals(message, Files.readAllBytes(f));
            assertEquals(message.length, j.payload().get(0).size());
            inodes.add(Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        }
        assertEquals(1, inodes.size(), "hard links to one file");
        // the record's size and checksum were taken over: a reopen checks them
        spool.close();
        spool = Spool.open(dir, clock, options);
        assertEquals(3, spool.list().size());
        assertEquals(0, spool.stats().quarantined());
        // finishing and purging one job leaves the others' payload whole
        Job j = spool.claim(JobKind.OFFRAMP).orElseThrow();
        spool.complete(j);
        clock.advance(Duration.ofDays(2));
        assertEquals(1, spool.purge(Duration.ofDays(1)));
        for (Job left : spool.list()) {
            assertArrayEquals(message, Files.readAllBytes(left.payloadDir().resolve(left.payload().get(0).name())));
        }
    }

    @Test
    void idsAndChecksumsAreWrittenAsTheFormattersWould() {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")
                .withZone(java.time.ZoneOffset.UTC);
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            Instant t = Instant.ofEpochMilli(rnd.nextLong(0, 253402300799999L));
            long seq = i < 10 ? i : rnd.nextInt(1_000_000);
            assertEquals(f.format(t) + "-" + String.format("%06d", seq), JobId.format(t, seq));
            long crc = i < 3 ? new long[] {0, 0xFFFF_FFFFL, 0x1a}[i] : rnd.nextLong(0, 1L << 32);
            assertEquals(String.format("%08x", crc), SpoolRecord.hex8(crc));
        }
        assertTrue(JobId.isValid(JobId.format(T0, 0)));
    }

    @Test
    void newJobListenersHearOfCommittedJobsOfTheirKindOnly() throws IOException {
        List<String> heard = new ArrayList<>();
        Runnable offramp = () -> heard.add("offramp saw " + spool.list().size());
        spool.addNewJobListener(JobKind.OFFRAMP, offramp);
        spool.addNewJobListener(JobKind.MAIL, () -> {
            throw new IllegalStateException("a broken listener costs nothing");
        });
        spool.enqueue(JobKind.MAIL, Map.of(), PayloadWriter.NONE);
        assertEquals(List.of(), heard);
        spool.enqueue(JobKind.OFFRAMP, Map.of(), PayloadWriter.NONE);
        assertEquals(List.of("offramp saw 2"), heard, "told after the job is in the spool");
        try (JobDraft bad = spool.draft(JobKind.OFFRAMP)) {
            bad.create("open");
            assertThrows(IOException.class, () -> spool.commit(List.of(bad), List.of(Map.of())));
        }
        assertEquals(1, heard.size(), "not told of a failed commit");
        spool.removeNewJobListener(offramp);
        spool.enqueue(JobKind.OFFRAMP, Map.of(), PayloadWriter.NONE);
        assertEquals(1, heard.size());
    }

    @Test
    void theRecordListsPayloadFilesInTheOrderTheyWereMadeOrLinked() throws IOException {
        JobId id;
        try (JobDraft first = spool.draft(JobKind.ONRAMP); JobDraft d = spool.draft(JobKind.ONRAMP)) {
            first.write("shared", bytes("S"));
            d.write("page-1", bytes("1"));
            d.link("page-2", first, "shared");
            d.write("page-3", bytes("3"));
            id = spool.commit(List.of(first, d), List.of(Map.of(), Map.of())).get(1);
        }
        assertEquals(List.of("page-1", "page-2", "page-3"),
                spool.get(id).orElseThrow().payload().stream().map(PayloadFile::name).toList());
    }

    @Test
    void aCommitFailingAfterTheRenameTakesEveryJobBackOut() throws IOException {
        List<JobId> ids = new ArrayList<>();
        try (JobDraft a = spool.draft(JobKind.OFFRAMP); JobDraft b = spool.draft(JobKind.OFFRAMP)) {
            ids.add(a.id());
            ids.add(b.id());
            a.write("message.eml", bytes("hello"));
            b.link("message.eml", a, "message.eml");
            // the link's fsync opens the file by name after the rename: gone, it fails there
            Files.delete(dir.resolve(Spool.TMP).resolve(b.id().value()).resolve(Spool.PAYLOAD).resolve("message.eml"));
            assertThrows(IOException.class, () -> spool.commit(List.of(a, b), List.of(Map.of(), Map.of())));
        }
        assertEquals(List.of(), names(dir.resolve(Spool.JOBS)));
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        for (JobId id : ids) {
            assertTrue(spool.get(id).isEmpty());
        }
        // the spool goes on
        try (JobDraft c = spool.draft(JobKind.OFFRAMP)) {
            c.write("message.eml", bytes("again"));
            spool.commit(List.of(c), List.of(Map.of()));
        }
        assertEquals(1, spool.list().size());
    }

    @Test
    void draftsLeftByACrashAreRemovedAtTheNextStart() throws IOException {
        JobDraft d = spool.draft(JobKind.OFFRAMP);
        try (OutputStream out = d.create("message.eml")) {
            out.write(bytes("half a message"));
        }
        // the process dies here: no close, no commit
        spool.close();
        spool = Spool.open(dir, clock, options);
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertEquals(List.of(), names(dir.resolve(Spool.JOBS)));
        assertEquals(0, spool.stats().quarantined());
    }

    @Test
    void aDraftNeedsFreeSpaceAndAnOpenSpool() throws IOException {
        long[] free = {10};
        spool.close();
        spool = Spool.open(dir, clock, options.withMinFreeBytes(1000).withFreeSpace(p -> free[0]));
        assertThrows(SpoolFullException.class, () -> spool.draft(JobKind.OFFRAMP));
        free[0] = 5000;
        JobDraft d = spool.draft(JobKind.OFFRAMP);
        d.write("m", bytes("x"));
        spool.close();
        assertThrows(IllegalStateException.class, () -> spool.commit(List.of(d), List.of(Map.of())));
        d.close();
        spool = Spool.open(dir, clock, options);
        assertEquals(0, spool.list().size());
        assertThrows(IllegalArgumentException.class, () -> spool.commit(List.of(), List.of(Map.of())));
    }

    @Test
    void concurrentCommitsShareDirectorySyncsAndAllLand() throws Exception {
        int threads = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<JobId>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<JobId> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        try (JobDraft d = spool.draft(JobKind.OFFRAMP)) {
                            d.write("message.eml", bytes("t" + thread + " m" + i));
                            mine.addAll(spool.commit(List.of(d), List.of(Map.of("t", "" + thread, "i", "" + i))));
                        }
                    }
                    return mine;
                }));
            }
            Set<JobId> all = new HashSet<>();
            for (Future<List<JobId>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(threads * each, all.size());
        } finally {
            pool.shutdownNow();
        }
        spool.close();
        spool = Spool.open(dir, clock, options);
        assertEquals(threads * each, spool.list().size());
        assertEquals(List.of(), names(dir.resolve(Spool.TMP)));
        assertFalse(spool.stats().quarantined() > 0);
    }
}
