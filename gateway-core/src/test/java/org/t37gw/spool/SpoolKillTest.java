package org.t37gw.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of durability: a child JVM works on a spool as fast as it can and is killed with SIGKILL
 * at random points, hundreds of times; after each kill the spool is recovered and checked against
 * what the child had acknowledged (see {@link SpoolWorkerMain} for the log).
 *
 * <p>{@code -Dt37gw.spool.kills=N} (most kills), {@code -Dt37gw.spool.minKills=N} (fewest kills; more
 * while within {@code -Dt37gw.spool.budgetSeconds=S}) and {@code -Dt37gw.spool.seed=S} change the run.
 */
class SpoolKillTest {

    private static final int KILLS = Integer.getInteger("t37gw.spool.kills", 250);
    private static final long SEED = Long.getLong("t37gw.spool.seed", 0x7E37_6A1AL);
    /** Fewest kills; more up to {@link #KILLS} while the run is within {@link #BUDGET_S} seconds. */
    private static final int MIN_KILLS = Integer.getInteger("t37gw.spool.minKills", 150);
    private static final long BUDGET_S = Long.getLong("t37gw.spool.budgetSeconds", 50);
    /** Children started ahead of the one being killed. */
    private static final int AHEAD = 2;
    /** Upper bound of the random number of operations a child acknowledges before its kill. */
    private static final int MAX_OPS = 8;
    /** Upper bound of the random delay after those, before the kill. */
    private static final int MAX_DELAY_MS = 8;

    @TempDir
    Path tmp;

    /** What the children acknowledged, over all runs. */
    private static final class Model {
        final Map<String, long[]> enqueued = new HashMap<>();     // id -> seed, size, files
        final Map<String, Integer> completions = new HashMap<>(); // id -> acknowledged completions
        final Map<String, Long> progress = new HashMap<>();       // id -> last acknowledged progress
        final Set<String> newThisRun = new TreeSet<>();
        int ops;
    }

    @Test
    void killedAtRandomPointsNothingAcknowledgedIsLostOrDoneTwice() throws Exception {
        Path spoolDir = tmp.resolve("spool");
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Random rnd = new Random(SEED);
        Model model = new Model();
        long t0 = System.nanoTime();
        long budget = TimeUnit.SECONDS.toNanos(BUDGET_S);
        int duringRecovery = 0;
        int kills = 0;
        long waitStart = 0;
        long waitOpen = 0;
        long checking = 0;
        Path scratch = scratchBase(tmp);
        Deque<Process> ahead = new ArrayDeque<>();
        try {
            int started = 0;
            for (; started < AHEAD; started++) {
                ahead.add(startChild(spoolDir, logs, started, rnd.nextLong(), scratch));
            }
            for (int run = 0; run < KILLS; run++) {
                Process p = ahead.getFirst();
                Path errFile = logs.resolve("run-" + run + ".err");
                // kill during recovery, or after a random number of acknowledged operations, then a random delay
                boolean inRecovery = rnd.nextInt(10) == 0;
                int opsBeforeKill = inRecovery ? 0 : rnd.nextInt(MAX_OPS + 1);
                int delayMs = rnd.nextInt(inRecovery ? 3 : MAX_DELAY_MS + 1);
                boolean last = run + 1 == KILLS || (run + 1 >= MIN_KILLS && System.nanoTime() - t0 > budget);
                if (!last && started < KILLS) {
                    // children start (the slow part) while this one runs and is checked
                    ahead.add(startChild(spoolDir, logs, started, rnd.nextLong(), scratch));
                    started++;
                }
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                    long w0 = System.nanoTime();
                    awaitLine(p, out, "STARTED", run, errFile);
                    waitStart += System.nanoTime() - w0;
                    p.getOutputStream().write('\n');
                    p.getOutputStream().flush();
                    w0 = System.nanoTime();
                    awaitLine(p, out, inRecovery ? "OPENING" : "READY", run, errFile);
                    waitOpen += System.nanoTime() - w0;
                    for (int i = 0; i < opsBeforeKill; i++) {
                        awaitLine(p, out, null, run, errFile);
                    }
                    if (delayMs > 0) {
                        Thread.sleep(delayMs);
                    }
                    if (!p.isAlive()) {
                        fail("run " + run + ": child ended by itself, exit " + p.exitValue() + ": " + Files.readString(errFile));
                    }
                    p.destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
                    ahead.removeFirst();
                }
                kills++;
                if (inRecovery) {
                    duringRecovery++;
                }
                long c0 = System.nanoTime();
                readAcks(logs.resolve("run-" + run + ".ack"), model, run);
                checkAfterRecovery(spoolDir, model, run);
                checking += System.nanoTime() - c0;
                if (last) {
                    break;
                }
            }
        } finally {
            for (Process p : ahead) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            Durable.deleteTree(scratch);
        }
        long killsDone = System.nanoTime();
        List<String> drained = drainAndCheck(spoolDir, model);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("SpoolKillTest: %d kills (%d during recovery), %d acknowledged operations, %d jobs "
                        + "(%d acknowledged enqueued, %d completed by the drain) in %.1f s (kills %.1f s, %.0f ms per kill)%n",
                kills, duringRecovery, model.ops, countJobDirs(spoolDir), model.enqueued.size(), drained.size(), secs,
                (killsDone - t0) / 1e9, (killsDone - t0) / 1e6 / kills);
        System.out.printf("SpoolKillTest: per kill %.0f ms waiting for a started child, %.0f ms for its spool to open, "
                + "%.0f ms checking%n", waitStart / 1e6 / kills, waitOpen / 1e6 / kills, checking / 1e6 / kills);
        assertTrue(model.ops > kills, "the children did some work: " + model.ops + " operations");
        assertTrue(model.enqueued.size() > kills / 4 && !model.completions.isEmpty(), "enqueued and completed");
    }

    private static Process startChild(Path spoolDir, Path logs, int run, long seed, Path scratch) throws IOException {
        return ChildJvm.start(logs.resolve("run-" + run + ".err"), "work", spoolDir.toString(),
                logs.resolve("run-" + run + ".ack").toString(), Long.toString(seed), Integer.toString(run),
                scratch.resolve("warm-" + run).toString());
    }

    /** Where children warm up: tmpfs when there is one (no fsync cost), else next to the spool. */
    private static Path scratchBase(Path tmp) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "t37gw-spool-kill-");
        }
        return Files.createDirectories(tmp.resolve("scratch"));
    }

    private static void awaitLine(Process p, BufferedReader out, String want, int run, Path errFile)
            throws IOException, InterruptedException {
        while (true) {
            String line = out.readLine();
            if (line != null && (want == null || want.equals(line))) {
                return;
            }
            if (line == null) {
                p.waitFor(10, TimeUnit.SECONDS);
                fail("run " + run + ": child ended before " + want + ", exit " + (p.isAlive() ? "?" : p.exitValue())
                        + ": " + Files.readString(errFile));
            }
        }
    }

    /** Folds one run's acknowledgement log into the model; a line cut by the kill is ignored. */
    private static void readAcks(Path ackFile, Model model, int run) throws IOException {
        model.newThisRun.clear();
        if (!Files.exists(ackFile)) {
            return;
        }
        String text = Files.readString(ackFile, StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return;
        }
        Set<String> completedSoFar = new HashSet<>();
        model.completions.forEach((id, n) -> completedSoFar.add(id));
        for (String line : text.substring(0, end).split("\n")) {
            String[] w = line.split(" ");
            String id = w[1];
            model.ops++;
            switch (w[0]) {
                case "E" -> {
                    long[] prev = model.enqueued.put(id, new long[] {Long.parseLong(w[2]), Long.parseLong(w[3]),
                            Long.parseLong(w[4])});
                    assertEquals(null, prev, "id " + id + " handed out twice by enqueue");
                    model.newThisRun.add(id);
                }
                case "K" -> {
                    if (completedSoFar.contains(id)) {
                        fail("run " + run + ": claim handed out " + id + ", acknowledged completed before");
                    }
                }
                case "U" -> model.progress.put(id, Long.parseLong(w[2]));
                case "C" -> {
                    int n = model.completions.merge(id, 1, Integer::sum);
                    if (n > 1) {
                        fail("run " + run + ": " + id + " acknowledged completed " + n + " times");
                    }
                    completedSoFar.add(id);
                }
                case "R" -> {
                    // SLEEPING now, or claimed again later; nothing to hold against the spool
                }
                default -> fail("bad ack line " + line);
            }
        }
    }

    /** Recovery in this process must not throw, and must give a spool consistent with the acknowledgements. */
    private static void checkAfterRecovery(Path spoolDir, Model model, int run) throws IOException {
        try (Spool spool = Spool.open(spoolDir, Clock.systemUTC(), SpoolWorkerMain.options())) {
            assertEquals(List.of(), names(spoolDir.resolve(Spool.TMP)), "run " + run + ": tmp/ after recovery");
            assertEquals(List.of(), names(spoolDir.resolve(Spool.QUARANTINE)), "run " + run + ": quarantined");
            List<Job> jobs = spool.list();
            Set<String> listed = new HashSet<>();
            for (Job j : jobs) {
                assertTrue(listed.add(j.id().value()), "listed twice " + j.id());
                assertTrue(j.state() != JobState.ACTIVE && j.state() != JobState.FAILED,
                        "run " + run + ": " + j + " after recovery");
            }
            assertEquals(new TreeSet<>(listed), new TreeSet<>(names(spoolDir.resolve(Spool.JOBS))),
                    "run " + run + ": jobs/ and the spool's list");
            for (String id : listed) {
                assertEquals(List.of(Spool.PAYLOAD, Spool.RECORD), names(spoolDir.resolve(Spool.JOBS).resolve(id)),
                        "run " + run + ": files of " + id);
            }
            for (Map.Entry<String, long[]> e : model.enqueued.entrySet()) {
                Optional<Job> j = spool.get(new JobId(e.getKey()));
                assertTrue(j.isPresent(), "run " + run + ": acknowledged job " + e.getKey() + " lost");
                checkRecord(j.get(), e.getValue(), model.newThisRun.contains(e.getKey()));
            }
            for (String id : model.completions.keySet()) {
                assertEquals(JobState.DONE, spool.get(new JobId(id)).orElseThrow().state(),
                        "run " + run + ": acknowledged completed " + id);
            }
            model.progress.forEach((id, p) -> {
                long onDisk = Long.parseLong(spool.get(new JobId(id)).orElseThrow().field("progress").orElse("-1"));
                assertTrue(onDisk >= p, "run " + run + ": " + id + " progress " + onDisk + " < acknowledged " + p);
            });
        }
    }

    /** Record fields as enqueued; for new jobs (and at the end, all) the payload bytes too. */
    private static void checkRecord(Job j, long[] ack, boolean readPayload) throws IOException {
        long seed = ack[0];
        int size = (int) ack[1];
        assertEquals(Long.toString(seed), j.field("seed").orElse(null), j.toString());
        assertEquals(Integer.toString(size), j.field("size").orElse(null), j.toString());
        assertEquals(ack[2], j.payload().size(), j + " payload files");
        assertEquals(size, j.payload().stream().mapToLong(PayloadFile::size).sum(), j + " payload size");
        assertTrue(j.field("note").orElse("").endsWith("\nline two = \\ ok"), j.toString());
        if (readPayload) {
            j.verifyPayload();
            byte[] all = new byte[size];
            int pos = 0;
            for (PayloadFile f : j.payload()) {
                byte[] b = Files.readAllBytes(j.payloadPath(f.name()));
                System.arraycopy(b, 0, all, pos, b.length);
                pos += b.length;
            }
            assertTrue(java.util.Arrays.equals(SpoolWorkerMain.content(seed, size), all), j + " payload content");
        }
    }

    /** Claims and completes everything left; each job must end DONE exactly once. */
    private static List<String> drainAndCheck(Path spoolDir, Model model) throws IOException {
        List<String> drained = new ArrayList<>();
        Instant later = Instant.now().plusSeconds(3600);
        try (Spool spool = Spool.open(spoolDir, Clock.systemUTC(), SpoolWorkerMain.options())) {
            for (String kind : SpoolWorkerMain.KINDS) {
                for (Optional<Job> j; (j = spool.claim(kind, later)).isPresent(); ) {
                    String id = j.get().id().value();
                    assertTrue(!model.completions.containsKey(id), "drain got " + id + ", acknowledged completed");
                    assertTrue(!drained.contains(id), "drain got " + id + " twice");
                    spool.complete(j.get());
                    drained.add(id);
                }
            }
            for (Job j : spool.list()) {
                assertEquals(JobState.DONE, j.state(), j.toString());
            }
            for (Map.Entry<String, long[]> e : model.enqueued.entrySet()) {
                checkRecord(spool.get(new JobId(e.getKey())).orElseThrow(), e.getValue(), true);
            }
            // acknowledged completions are once per id (checked while reading the logs) and the drain got
            // none of them; jobs completed whose acknowledgement the kill cut off are DONE without either
            Set<String> doneOnce = new HashSet<>(model.completions.keySet());
            for (String id : drained) {
                assertTrue(doneOnce.add(id), id + " completed twice");
            }
            for (String id : model.enqueued.keySet()) {
                assertEquals(JobState.DONE, spool.get(new JobId(id)).orElseThrow().state(), id);
            }
            assertEquals(0, spool.stats().count(JobState.FAILED));
            assertTrue(spool.stats().total() >= doneOnce.size());
        }
        return drained;
    }

    private static int countJobDirs(Path spoolDir) throws IOException {
        return names(spoolDir.resolve(Spool.JOBS)).size();
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
