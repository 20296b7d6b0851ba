package org.t37gw.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A new job under construction in {@code tmp/<id>/}, from {@link Spool#draft}: its payload files are
 * written through it (it is a {@link PayloadSink}) for as long as they take (an SMTP client's DATA goes
 * straight in), then {@link Spool#commit} publishes it, durably, in one step. Until then nothing of it is
 * in {@code jobs/}: {@link #close} (or a crash, or the next start) removes it.
 *
 * <p>Use with try-with-resources: closing a committed draft does nothing. Payload streams must be closed
 * before the commit. One thread at a time.
 */
public final class JobDraft implements PayloadSink, Closeable {

    private enum State { OPEN, COMMITTING, COMMITTED, ABANDONED }

    private final Spool spool;
    private final JobId id;
    private final String kind;
    private final Instant created;
    private final Path build;
    private final Path payloadDir;
    private final Map<String, Durable.PayloadOutput> outs = new LinkedHashMap<>();
    /** Payload files that are hard links to another draft's closed file. */
    private final Map<String, PayloadFile> links = new LinkedHashMap<>();
    /** Names of all payload files in the order they were created or linked (the record lists them so). */
    private final List<String> order = new ArrayList<>();
    private State state = State.OPEN;

    JobDraft(Spool spool, JobId id, String kind, Instant created, Path build) {
        this.spool = spool;
        this.id = id;
        this.kind = kind;
        this.created = created;
        this.build = build;
        this.payloadDir = build.resolve(Spool.PAYLOAD);
    }

    /** The id the job will have. */
    public JobId id() {
        return id;
    }

    /** The job kind. */
    public String kind() {
        return kind;
    }

    Spool spool() {
        return spool;
    }

    Instant created() {
        return created;
    }

    Path buildDir() {
        return build;
    }

    Path payloadDir() {
        return payloadDir;
    }

    @Override
    public synchronized OutputStream create(String name) throws IOException {
        PayloadFile.checkName(name);
        ensureOpen();
        if (outs.containsKey(name) || links.containsKey(name)) {
            throw new FileAlreadyExistsException(name, null, "payload file created twice");
        }
        Durable.PayloadOutput out = new Durable.PayloadOutput(name, payloadDir.resolve(name));
        outs.put(name, out);
        order.add(name);
        return out;
    }

    /**
     * Adds payload file {@code name} with the content of {@code from}'s closed payload file
     * {@code fromName}, as a hard link (payload files never change), or as a copy where the file system
     * has no hard links. For one message that becomes several jobs.
     */
    public void link(String name, JobDraft from, String fromName) throws IOException {
        PayloadFile.checkName(name);
        PayloadFile source = from.closedFile(fromName);
        synchronized (this) {
            ensureOpen();
            if (outs.containsKey(name) || links.containsKey(name)) {
                throw new FileAlreadyExistsException(name, null, "payload file created twice");
            }
            Path target = payloadDir.resolve(name);
            try {
                Files.createLink(target, from.payloadDir.resolve(fromName));
                links.put(name, new PayloadFile(name, source.size(), source.crc32()));
                order.add(name);
                return;
            } catch (UnsupportedOperationException | IOException e) {
                if (Durable.isNoSpace(e)) {
                    throw e;
                }
                Files.deleteIfExists(target);
            }
        }
        try (InputStream in = Files.newInputStream(from.payloadDir.resolve(fromName))) {
            copy(name, in);
        }
    }

    private synchronized PayloadFile closedFile(String name) throws IOException {
        PayloadFile f = links.get(name);
        if (f != null) {
            return f;
        }
        Durable.PayloadOutput out = outs.get(name);
        if (out == null || out.result() == null) {
            throw new IOException("draft " + id + " has no closed payload file " + name);
        }
        return out.result();
    }

    synchronized void checkOpen() {
        ensureOpen();
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("job draft " + id + " is " + state.name().toLowerCase());
        }
    }

    /** Starts the commit: every payload file must be closed. Returns them in creation order. */
    synchronized List<PayloadFile> finish() throws IOException {
        ensureOpen();
        List<PayloadFile> files = new ArrayList<>(order.size());
        for (String name : order) {
            PayloadFile linked = links.get(name);
            if (linked != null) {
                files.add(linked);
                continue;
            }
            PayloadFile done = outs.get(name).result();
            if (done == null) {
                throw new IOException("payload file " + name + " was not closed before the commit");
            }
            files.add(done);
        }
        state = State.COMMITTING;
        return files;
    }

    /**
     * One fsync per payload file (written files are closed by theirs; a link's shared inode is forced
     * too, opened in {@code payloadDir}, where the files are now).
     */
    synchronized List<Durable.Force> forces(Path payloadDir) {
        List<Durable.Force> forces = new ArrayList<>(outs.size() + links.size());
        for (Durable.PayloadOutput out : outs.values()) {
            forces.add(out::sync);
        }
        for (String name : links.keySet()) {
            Path file = payloadDir.resolve(name);
            forces.add(() -> {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            });
        }
        return forces;
    }

    synchronized void committed() {
        state = State.COMMITTED;
    }

    synchronized boolean isCommitted() {
        return state == State.COMMITTED;
    }

    /** After a failed commit: the spool has taken the directory back out of {@code jobs/}. */
    synchronized void reopenFailed() {
        state = State.ABANDONED;
        outs.values().forEach(Durable.PayloadOutput::abandon);
    }

    /**
     * Abandons the draft unless it was committed: open streams are closed and {@code tmp/<id>/} is
     * deleted. Never throws (a directory that cannot be deleted now goes at the next start).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.COMMITTED) {
                return;
            }
            state = State.ABANDONED;
            outs.values().forEach(Durable.PayloadOutput::abandon);
        }
        spool.discard(this);
    }

    @Override
    public String toString() {
        return "JobDraft[" + id + " " + kind + " " + state + "]";
    }

    static JobDraft checkOwner(Spool spool, JobDraft d) {
        Objects.requireNonNull(d, "draft");
        if (d.spool != spool) {
            throw new IllegalArgumentException("draft " + d.id + " belongs to another spool");
        }
        return d;
    }
}
