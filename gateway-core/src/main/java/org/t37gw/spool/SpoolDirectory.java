package org.t37gw.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spool's directory on disk, as the start-up sees it: the process lock on {@code lock}, the
 * {@code jobs/ tmp/ quarantine/} layout, recovery's file work (empty {@code tmp/}, read and check every
 * entry of {@code jobs/}, move what cannot be read to {@code quarantine/} with its reason) and the file
 * work of publishing new jobs (records, renames into {@code jobs/}, fsyncs). The {@link Spool} keeps the
 * live index and the state machine on top.
 */
final class SpoolDirectory {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    /** Spools open in this JVM: a second FileChannel on the lock file would drop the lock when closed. */
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    /** A readable job found in {@code jobs/}. */
    record Found(Path dir, SpoolRecord rec) {
    }

    final Path dir;
    final Path jobsDir;
    final Path tmpDir;
    final Path quarantineDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** fsyncs of {@code jobs/} and {@code tmp/} shared by concurrent commits (and purges). */
    private final Durable.GroupSync jobsSync;
    private final Durable.GroupSync tmpSync;

    private SpoolDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.jobsDir = dir.resolve(Spool.JOBS);
        this.tmpDir = dir.resolve(Spool.TMP);
        this.quarantineDir = dir.resolve(Spool.QUARANTINE);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.jobsSync = new Durable.GroupSync(jobsDir);
        this.tmpSync = new Durable.GroupSync(tmpDir);
    }

    /**
     * Creates the layout if needed and takes the lock.
     *
     * @throws SpoolLockedException when another process (or another {@code Spool} here) has it open
     */
    static SpoolDirectory lock(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path real = dir.toRealPath();
        if (!OPEN_IN_THIS_JVM.add(real)) {
            throw new SpoolLockedException("spool " + real + " is already open in this process");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(real.resolve(Spool.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new SpoolLockedException("spool " + real + " is in use by another process" + holder(ch)
                        + "; only one process may open a spool");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            for (String sub : List.of(Spool.JOBS, Spool.TMP, Spool.QUARANTINE)) {
                Files.createDirectories(real.resolve(sub));
            }
            return new SpoolDirectory(real, ch, lock);
        } catch (IOException | RuntimeException | Error e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            OPEN_IN_THIS_JVM.remove(real);
            throw e;
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            ch.read(buf, 0);
            String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock (the kernel drops it anyway when the process dies). */
    void release() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } finally {
            OPEN_IN_THIS_JVM.remove(dir);
        }
    }

    /** Deletes everything in {@code tmp/}: unfinished creations and purges, never acknowledged. */
    void emptyTmp() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpDir)) {
            for (Path p : ds) {
                Durable.deleteTree(p);
                removed++;
            }
        }
        if (removed > 0) {
            Durable.syncDir(tmpDir);
            log.info("spool {}: removed {} unfinished entries from {}/", dir, removed, Spool.TMP);
        }
    }

    /**
     * Every readable job of {@code jobs/}, by name; a stale {@code fax_record.tmp} is deleted first, and
     * an entry that fails any check is quarantined.
     */
    List<Found> scanJobs(Clock clock) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(jobsDir)) {
            ds.forEach(entries::add);
        }
        Collections.sort(entries);
        List<Found> found = new ArrayList<>(entries.size());
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (!JobId.isValid(name) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                quarantine(p, "not a job directory", clock);
                continue;
            }
            try {
                // a state change that stopped before its rename: the old record is the valid one
                Files.deleteIfExists(p.resolve(Spool.RECORD + ".tmp"));
                found.add(new Found(p, readAndCheck(p, name)));
            } catch (IOException e) {
                // a power loss while the job was being committed can leave it so too: then it was never
                // acknowledged, but that cannot be told from damage, and nothing is ever deleted unread
                quarantine(p, e.toString(), clock);
            }
        }
        return found;
    }

    /** Reads a job's record and checks it against its directory. */
    private static SpoolRecord readAndCheck(Path jobDir, String name) throws IOException {
        SpoolRecord rec = SpoolRecord.decode(Files.readAllBytes(jobDir.resolve(Spool.RECORD)));
        if (!rec.id().value().equals(name)) {
            throw new SpoolFormatException("record spool.id " + rec.id() + " in directory " + name);
        }
        Path payloadDir = jobDir.resolve(Spool.PAYLOAD);
        if (!Files.isDirectory(payloadDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new SpoolFormatException("no " + Spool.PAYLOAD + " directory");
        }
        for (PayloadFile f : rec.payload()) {
            Path file = payloadDir.resolve(f.name());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new SpoolFormatException("payload file " + f.name() + " missing");
            }
            long size = Files.size(file);
            if (size != f.size()) {
                throw new SpoolFormatException("payload file " + f.name() + " has " + size + " bytes, record says "
                        + f.size());
            }
        }
        return rec;
    }

    /** Moves an unreadable entry of {@code jobs/} to {@code quarantine/}, with the reason next to it. */
    private void quarantine(Path p, String reason, Clock clock) throws IOException {
        String name = p.getFileName().toString();
        Path target = quarantineDir.resolve(name);
        for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(quarantineDir.resolve(target.getFileName() + "." + Spool.QUARANTINE_REASON),
                LinkOption.NOFOLLOW_LINKS); n++) {
            target = quarantineDir.resolve(name + "." + n);
        }
        Path reasonFile = quarantineDir.resolve(target.getFileName() + "." + Spool.QUARANTINE_REASON);
        Files.write(reasonFile, (clock.instant() + " " + reason + "\n").getBytes(StandardCharsets.UTF_8));
        Durable.move(p, target);
        log.error("spool {}: QUARANTINED {} as {}/{}: {}", dir, Spool.JOBS + "/" + name, Spool.QUARANTINE,
                target.getFileName(), reason);
    }

    /** Entries of {@code quarantine/} (reason files not counted). */
    int countQuarantined() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(quarantineDir)) {
            int n = 0;
            for (Path p : ds) {
                if (!p.getFileName().toString().endsWith("." + Spool.QUARANTINE_REASON)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** fsync of {@code jobs/}, shared with concurrent callers (after a rename into or out of it). */
    void syncJobs() throws IOException {
        jobsSync.sync();
    }

    /**
     * The file work of {@link Spool#commit}: each draft's record written, every draft renamed into
     * {@code jobs/} (under {@code lock}, after {@code ensureOpen}), then every fsync at once. On failure
     * the drafts already renamed are moved back into {@code tmp/} and the exception is thrown; the caller
     * discards the drafts.
     */
    void publish(List<JobDraft> drafts, List<SpoolRecord> recs, Object lock, Runnable ensureOpen) throws IOException {
        List<FileChannel> channels = new ArrayList<>(drafts.size());
        List<Durable.Force> forces = new ArrayList<>();
        List<JobDraft> published = new ArrayList<>(drafts.size());
        try {
            for (int i = 0; i < drafts.size(); i++) {
                FileChannel ch = Durable.writeNewUnsynced(drafts.get(i).buildDir().resolve(Spool.RECORD),
                        recs.get(i).encode());
                channels.add(ch);
                forces.add(() -> ch.force(true));
            }
            synchronized (lock) {
                ensureOpen.run();
                for (JobDraft d : drafts) {
                    Files.move(d.buildDir(), jobsDir.resolve(d.id().value()), StandardCopyOption.ATOMIC_MOVE);
                    published.add(d);
                }
            }
            for (JobDraft d : drafts) {
                Path jobDir = jobsDir.resolve(d.id().value());
                forces.addAll(d.forces(jobDir.resolve(Spool.PAYLOAD)));
                forces.add(() -> Durable.syncDir(jobDir.resolve(Spool.PAYLOAD)));
                forces.add(() -> Durable.syncDir(jobDir));
            }
            forces.add(jobsSync::sync);
            forces.add(tmpSync::sync);
            // all at once: each fsync costs a device flush at least, and one journal commit carries the
            // changes of all that wait on it
            Durable.forceAll(forces);
        } catch (IOException | RuntimeException | Error e) {
            unpublish(published, lock, e);
            throw e;
        } finally {
            for (FileChannel ch : channels) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // forced already (or the commit failed and says so)
                }
            }
        }
    }

    /** A failed commit: its jobs were never acknowledged, so they go back to {@code tmp/} (and are deleted). */
    private void unpublish(List<JobDraft> published, Object lock, Throwable failure) {
        for (JobDraft d : published) {
            Path inJobs = jobsDir.resolve(d.id().value());
            try {
                synchronized (lock) {
                    Files.move(inJobs, d.buildDir(), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
                // left in jobs/: the next start reads it (and runs it if complete); the caller was told it failed
                log.error("spool {}: job {} failed to commit and could not be taken back out of {}/ ({}); "
                        + "the next start will find it there", dir, d.id(), Spool.JOBS, e.toString());
            }
        }
    }

    /** Deletes an abandoned draft's directory (never throws: what stays goes at the next start). */
    void discard(JobDraft d) {
        try {
            Durable.deleteTree(d.buildDir());
        } catch (IOException | RuntimeException e) {
            log.warn("spool {}: could not delete abandoned {}: {}", dir, d.buildDir(), e.toString());
        }
    }
}
