package org.t37gw.smtp.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolFullException;
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
 * <p>A spool that is full answers {@code 452 4.3.1}, any other write error {@code 451 4.3.0}. If a later
 * recipient's job fails after earlier ones were written, the earlier jobs stay (the spool has no
 * un-enqueue); the client's retry may then fax those recipients twice. Rare (a disk filling between two
 * jobs of one message) and logged with the job ids.
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

    @Override
    public SinkDecision accept(Envelope env, Path messageFile) {
        List<String> ids = new ArrayList<>();
        for (Envelope.Recipient r : env.recipients()) {
            try {
                JobId id = spool.enqueue(JobKind.OFFRAMP, record(env, r), sink -> sink.copy(PAYLOAD_FILE, messageFile));
                ids.add(id.value());
            } catch (SpoolFullException e) {
                logPartial(ids, e);
                return new SinkDecision.Rejected(FULL);
            } catch (IOException | RuntimeException e) {
                logPartial(ids, e);
                return new SinkDecision.Rejected(new SmtpReply(451, "4.3.0", "Local error in processing, try later"));
            }
        }
        return new SinkDecision.Accepted(ids);
    }

    private static void logPartial(List<String> ids, Exception e) {
        if (ids.isEmpty()) {
            LOG.warn("enqueue failed, message refused: {}", e.toString());
        } else {
            LOG.error("enqueue failed after jobs {} were written; the client's retry may duplicate them: {}",
                    ids, e.toString());
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
