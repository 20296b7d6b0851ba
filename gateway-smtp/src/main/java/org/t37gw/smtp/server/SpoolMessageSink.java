package org.t37gw.smtp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobDraft;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolOptions;
import java.util.Optional;

/**
 * A {@link MessageSink} that enqueues one {@value JobKind#OFFRAMP} spool job per recipient, each with the
 * message as payload file {@value #PAYLOAD_FILE}, durable before it returns.
 *
 * <p>Record fields (all strings; absent values are empty):
 * {@code sender recipient number subaddress cover notify orcpt envid ret client helo auth received session}.
 * {@code notify} is {@code NEVER} or a comma list ({@code SUCCESS,FAILURE,DELAY}; {@code FAILURE,DELAY}
 * when the client sent no {@code NOTIFY=}), {@code orcpt} is
 * {@code type;address} decoded, {@code received} ISO-8601 UTC.
 *
 * <p>The message is written once, straight into the first job as it arrives ({@link #open}); the other
 * recipients' jobs link to it, and all jobs of a message are committed together: all durable, or (when the
 * commit fails) none, so a client's retry after our {@code 4xx} never faxes a recipient twice. (A crash in
 * the middle of the commit can still leave some of them, never acknowledged; the client's retry then
 * duplicates those, as with any MTA that dies between storing and answering.) A spool that is full
 * answers {@code 452 4.3.1}, any other write error {@code 451 4.3.0}.
 */
public final class SpoolMessageSink implements MessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolMessageSink.class);

    /** Payload file name of the message. */
    public static final String PAYLOAD_FILE = "message.eml";

    private final Spool spool;
    private final SpoolOptions options;

    /**
     * @param spool   the spool
     * @param options the options the spool was opened with: their free-space minimum is checked at
     *                {@code MAIL FROM} so that a full spool refuses mail before the client sends it
     */
    public SpoolMessageSink(Spool spool, SpoolOptions options) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.options = Objects.requireNonNull(options, "options");
    }

    private static final SmtpReply FULL = new SmtpReply(452, "4.3.1", "Insufficient system storage, try later");

    @Override
    public Optional<SmtpReply> refuseNow() {
        if (options.minFreeBytes() <= 0) {
            return Optional.empty();
        }
        try {
            return options.freeSpace().usableBytes(spool.directory()) < options.minFreeBytes()
                    ? Optional.of(FULL) : Optional.empty();
        } catch (IOException e) {
            return Optional.of(FULL);
        }
    }

    /**
     * The message goes straight into the first recipient's new job ({@code tmp/<id>/fax_payload/}); at the
     * end each other recipient's job gets a hard link to it, and all are committed in one step.
     */
    @Override
    public Optional<Receiver> open() throws IOException {
        JobDraft first = spool.draft(JobKind.OFFRAMP);
        try {
            return Optional.of(new DraftReceiver(first, first.create(PAYLOAD_FILE)));
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    @Override
    public SinkDecision accept(Envelope env, Path messageFile) {
        Receiver r;
        try {
            r = open().orElseThrow();
        } catch (IOException | RuntimeException e) {
            return refused(e);
        }
        try (r) {
            try (OutputStream out = r.stream()) {
                Files.copy(messageFile, out);
            } catch (IOException | RuntimeException e) {
                return refused(e);
            }
            return r.accept(env);
        }
    }

    private static SinkDecision refused(Exception e) {
        LOG.warn("enqueue failed, message refused: {}", e.toString());
        return new SinkDecision.Rejected(OfframpTransaction.storageReply(e));
    }

    private final class DraftReceiver implements Receiver {
        private final JobDraft first;
        private final OutputStream stream;
        private final List<JobDraft> drafts = new ArrayList<>();

        DraftReceiver(JobDraft first, OutputStream stream) {
            this.first = first;
            this.stream = stream;
            drafts.add(first);
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public SinkDecision accept(Envelope env) {
            try {
                List<Map<String, String>> records = new ArrayList<>(env.recipients().size());
                for (int i = 0; i < env.recipients().size(); i++) {
                    if (i > 0) {
                        JobDraft d = spool.draft(JobKind.OFFRAMP);
                        drafts.add(d);
                        d.link(PAYLOAD_FILE, first, PAYLOAD_FILE);
                    }
                    records.add(record(env, env.recipients().get(i)));
                }
                // all recipients' jobs, or none if the commit fails
                List<JobId> ids = spool.commit(drafts, records);
                return new SinkDecision.Accepted(ids.stream().map(JobId::value).toList());
            } catch (IOException | RuntimeException e) {
                return refused(e);
            }
        }

        @Override
        public void close() {
            drafts.forEach(JobDraft::close);
        }
    }

    /** The spool record of one recipient's job. */
    static Map<String, String> record(Envelope env, Envelope.Recipient r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sender", env.sender());
        m.put("recipient", r.address());
        m.put("number", r.fax().number());
        m.put("subaddress", nz(r.fax().subaddress()));
        m.put("cover", r.fax().cover().map(b -> b ? "yes" : "no").orElse(""));
        m.put("notify", r.dsnNotify().toParameter());
        m.put("orcpt", r.orcpt() == null ? "" : r.orcpt().toField());
        m.put("envid", nz(env.envid()));
        m.put("ret", env.ret() == null ? "" : env.ret().name());
        m.put("client", env.client());
        m.put("helo", nz(env.helo()));
        m.put("auth", nz(env.authUser()));
        m.put("received", env.received().toString());
        m.put("session", nz(env.sessionId()));
        return m;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
