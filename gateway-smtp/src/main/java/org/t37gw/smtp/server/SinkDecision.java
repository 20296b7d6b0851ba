package org.t37gw.smtp.server;

import java.util.List;
import java.util.Objects;

/** What a {@link MessageSink} did with a message: the end-of-DATA reply follows from it. */
public sealed interface SinkDecision {

    /** Stored durably; {@code 250} may be sent. {@code ids} name what was stored (spool job ids). */
    record Accepted(List<String> ids) implements SinkDecision {
        public Accepted {
            ids = List.copyOf(ids);
        }
    }

    /** Not taken; nothing of it is kept. */
    record Rejected(SmtpReply reply) implements SinkDecision {
        public Rejected {
            Objects.requireNonNull(reply, "reply");
            if (reply.positive()) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply: " + reply);
            }
        }
    }
}
