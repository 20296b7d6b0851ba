package org.t37gw.smtp.server;

import java.util.Objects;
import org.subethamail.smtp.RejectException;

/**
 * A refused step of a mail transaction: carries the reply to send and whether to close the connection
 * after it. Thrown by {@link OfframpTransaction}; has no stack trace (it is a decision, not a fault).
 */
public final class SmtpRejection extends RejectException {

    private final SmtpReply reply;
    private final boolean dropConnection;

    public SmtpRejection(SmtpReply reply) {
        this(reply, false);
    }

    public SmtpRejection(SmtpReply reply, boolean dropConnection) {
        super(reply.code(), reply.enhanced() + " " + reply.text());
        this.reply = Objects.requireNonNull(reply, "reply");
        this.dropConnection = dropConnection;
    }

    public SmtpReply reply() {
        return reply;
    }

    /** Whether the server closes the connection after the reply. */
    public boolean dropConnection() {
        return dropConnection;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
