package org.t37gw.spool;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The child process of {@link SpoolKillTest} and {@link SpoolLockTest}.
 *
 * <pre>
 *   work SPOOL_DIR ACK_FILE SEED RUN SCRATCH_DIR
 *                                       warm up on a scratch spool, print STARTED, wait for a line on stdin, print OPENING,
 *                                       open the spool, print READY, then enqueue / claim / complete /
 *                                       retry / update forever, until killed
 *   hold SPOOL_DIR                      open the spool and wait until stdin closes
 * </pre>
 * In {@code work} mode each operation is appended to ACK_FILE only after it returned, one line per
 * operation, each written with one unbuffered write (then echoed to stdout):
 * <pre>
 *   E id seed size files   enqueued
 *   K id                   claimed
 *   U id progress          record field progress updated
 *   R id                   retried (SLEEPING)
 *   C id                   completed (DONE)
 * </pre>
 */
public final class SpoolWorkerMain {

    static final List<String> KINDS = List.of(JobKind.ONRAMP, JobKind.OFFRAMP, JobKind.MAIL);
    /** Retries come back within milliseconds; the limits are never reached in the test. */
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), 2.0, Duration.ofMillis(4), 1_000_000,
            Duration.ofDays(3650));

    private SpoolWorkerMain() {
    }

    static SpoolOptions options() {
        return SpoolOptions.defaults().withRetry(FAST).withMinFreeBytes(0);
    }

    /** The payload of a job of the kill test: {@code size} bytes from {@code Random(seed)}. */
    static byte[] content(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "work" -> work(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    Path.of(args[5]));
            case "hold" -> hold(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void hold(Path dir) throws IOException {
        try (Spool spool = Spool.open(dir, Clock.systemUTC(), options())) {
            System.out.println("READY " + ProcessHandle.current().pid() + " " + spool.stats().total());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close stdin
            }
        }
    }

    private static void work(Path dir, Path ackFile, long seed, long run, Path scratch) throws IOException {
        // Start-up is the slow part of a run: load and warm the code on a scratch spool while the parent
        // still checks an earlier run, then wait for its go before touching the real spool.
        try (Spool warm = Spool.open(scratch, Clock.systemUTC(), options())) {
            for (int i = 0; i < 3; i++) {
                warm.enqueue(KINDS.get(i), Map.of("seed", "1"), PayloadWriter.of("p0", new byte[10]));
                Job j = warm.claim(KINDS.get(i), Instant.now()).orElseThrow();
                j = warm.update(j, Map.of("progress", "1"));
                warm.retry(j, ResultCode.BUSY, "warm-up");
                warm.complete(warm.claim(KINDS.get(i), Instant.now().plusSeconds(1)).orElseThrow());
            }
        }
        Durable.deleteTree(scratch);
        System.out.println("STARTED");
        System.out.flush();
        if (System.in.read() < 0) {
            return;
        }
        System.out.println("OPENING");
        System.out.flush();
        Spool spool = Spool.open(dir, Clock.systemUTC(), options());
        System.out.println("READY");
        System.out.flush();
        Random rnd = new Random(seed);
        long progress = run << 32;
        try (OutputStream ack = new FileOutputStream(ackFile.toFile(), true)) {
            for (;;) {
                if (rnd.nextInt(100) < 40) {
                    String kind = KINDS.get(rnd.nextInt(KINDS.size()));
                    long pseed = rnd.nextLong();
                    int size = rnd.nextInt(8) == 0 ? rnd.nextInt(300_000) : rnd.nextInt(4_000);
                    int files = size > 0 && rnd.nextBoolean() ? 2 : 1;
                    Map<String, String> rec = new LinkedHashMap<>();
                    rec.put("seed", Long.toString(pseed));
                    rec.put("size", Integer.toString(size));
                    rec.put("files", Integer.toString(files));
                    rec.put("note", "run " + run + "\nline two = \\ ok");
                    byte[] all = content(pseed, size);
                    int cut = files == 2 ? size / 3 : size;
                    if (rnd.nextBoolean()) {
                        JobId id = spool.enqueue(kind, rec, sink -> {
                            try (OutputStream out = sink.create("p0")) {
                                out.write(all, 0, cut);
                            }
                            if (files == 2) {
                                try (OutputStream out = sink.create("p1")) {
                                    for (int i = cut; i < size; i += 1000) {
                                        out.write(all, i, Math.min(1000, size - i));
                                    }
                                }
                            }
                        });
                        ack(ack, "E " + id + " " + pseed + " " + size + " " + files);
                    } else {
                        // as the SMTP server does for one mail to several numbers: drafts, the first
                        // written, the others linking to its file, one commit
                        int n = 1 + rnd.nextInt(3);
                        List<JobDraft> drafts = new ArrayList<>();
                        try {
                            for (int d = 0; d < n; d++) {
                                JobDraft draft = spool.draft(kind);
                                drafts.add(draft);
                                if (d == 0) {
                                    draft.write("p0", java.util.Arrays.copyOf(all, cut));
                                } else {
                                    draft.link("p0", drafts.get(0), "p0");
                                }
                                if (files == 2) {
                                    draft.write("p1", java.util.Arrays.copyOfRange(all, cut, size));
                                }
                            }
                            List<Map<String, String>> recs = new ArrayList<>();
                            for (int d = 0; d < n; d++) {
                                recs.add(rec);
                            }
                            for (JobId id : spool.commit(drafts, recs)) {
                                ack(ack, "E " + id + " " + pseed + " " + size + " " + files);
                            }
                        } finally {
                            drafts.forEach(JobDraft::close);
                        }
                    }
                } else {
                    Optional<Job> claimed = Optional.empty();
                    int k0 = rnd.nextInt(KINDS.size());
                    for (int k = 0; k < KINDS.size() && claimed.isEmpty(); k++) {
                        claimed = spool.claim(KINDS.get((k0 + k) % KINDS.size()), Instant.now());
                    }
                    if (claimed.isEmpty()) {
                        continue;
                    }
                    Job job = claimed.get();
                    ack(ack, "K " + job.id());
                    int what = rnd.nextInt(100);
                    if (what < 15) {
                        spool.retry(job, ResultCode.BUSY, "busy, run " + run);
                        ack(ack, "R " + job.id());
                        continue;
                    }
                    if (what < 35) {
                        progress++;
                        job = spool.update(job, Map.of("progress", Long.toString(progress)));
                        ack(ack, "U " + job.id() + " " + progress);
                    }
                    spool.complete(job);
                    ack(ack, "C " + job.id());
                }
            }
        }
    }

    private static final OutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

    /** To the log first, then (so the parent can time its kill by operations) to stdout. */
    private static void ack(OutputStream out, String line) throws IOException {
        byte[] b = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(b);
        STDOUT.write(b);
    }
}
