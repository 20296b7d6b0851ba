package org.t37gw.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A snapshot of a spooled job: its record at the moment it was taken, and where its payload is.
 * Operations on it go through the {@link Spool}, which checks the snapshot is still current for
 * them: {@link Spool#complete}, {@link Spool#retry} and {@link Spool#fail} of an ACTIVE job need the
 * snapshot returned by that {@link Spool#claim} (or a later {@link Spool#update} of it).
 */
public final class Job {

    private final SpoolRecord rec;
    private final Path dir;
    private final long claim;

    Job(SpoolRecord rec, Path dir, long claim) {
        this.rec = rec;
        this.dir = dir;
        this.claim = claim;
    }

    SpoolRecord record() {
        return rec;
    }

    long claim() {
        return claim;
    }

    public JobId id() {
        return rec.id();
    }

    public String kind() {
        return rec.kind();
    }

    public JobState state() {
        return rec.state();
    }

    /** Attempts started so far (a claim starts one; an attempt cut short by a restart counts). */
    public int attempts() {
        return rec.attempts();
    }

    public Instant created() {
        return rec.created();
    }

    /** When the job entered its current state. */
    public Instant stateChanged() {
        return rec.changed();
    }

    /** For QUEUED and SLEEPING jobs: when {@link Spool#claim} may hand it out. */
    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(rec.nextAttempt());
    }

    /** The result of the last attempt (OK for DONE). */
    public Optional<ResultCode> result() {
        return Optional.ofNullable(rec.result());
    }

    /** The reason given with the last result. */
    public Optional<String> reason() {
        return Optional.ofNullable(rec.reason());
    }

    /** The application's record fields. */
    public Map<String, String> fields() {
        return rec.fields();
    }

    public Optional<String> field(String key) {
        return Optional.ofNullable(rec.fields().get(key));
    }

    /** The payload files, in the order they were created. */
    public List<PayloadFile> payload() {
        return rec.payload();
    }

    /** The job's {@code fax_payload} directory. Read only: the spool owns what is in it. */
    public Path payloadDir() {
        return dir.resolve(Spool.PAYLOAD);
    }

    /** The path of one payload file. */
    public Path payloadPath(String name) {
        PayloadFile.checkName(name);
        return payloadDir().resolve(name);
    }

    public InputStream openPayload(String name) throws IOException {
        return Files.newInputStream(payloadPath(name));
    }

    /** Reads every payload file and checks its size and CRC-32 against the record. */
    public void verifyPayload() throws IOException {
        byte[] buf = new byte[64 * 1024];
        for (PayloadFile p : rec.payload()) {
            CRC32 crc = new CRC32();
            long size = 0;
            try (InputStream in = openPayload(p.name())) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    crc.update(buf, 0, n);
                    size += n;
                }
            }
            if (size != p.size() || crc.getValue() != p.crc32()) {
                throw new SpoolFormatException(String.format("job %s payload %s: %d bytes crc %08x, record says %d bytes crc %08x",
                        id(), p.name(), size, crc.getValue(), p.size(), p.crc32()));
            }
        }
    }

    @Override
    public String toString() {
        return "Job[" + id() + " " + kind() + " " + state() + " attempts=" + attempts() + "]";
    }
}
