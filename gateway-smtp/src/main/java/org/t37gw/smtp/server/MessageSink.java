package org.t37gw.smtp.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the SMTP server hands a completely received message, before it answers the end of DATA. The
 * off-ramp application implements it; {@link SpoolMessageSink} is the ready one that enqueues a spool job
 * per recipient.
 *
 * <p>Contract: return {@link SinkDecision.Accepted} only when the message is durable (the server answers
 * {@code 250} right after). The file belongs to the server and is deleted after the call; copy it, do not
 * keep the path. Called from the session's thread; may block (fsync) but not for long.
 */
@FunctionalInterface
public interface MessageSink {

    /**
     * @param envelope    the envelope, with every accepted recipient
     * @param messageFile the message as received (RFC 5322, CRLF line ends, dot-unstuffed), with our
     *                    {@code Received:} header on top
     */
    SinkDecision accept(Envelope envelope, Path messageFile);

    /**
     * Asked at {@code MAIL FROM}: a reply to refuse new mail with right away (e.g. {@code 452 4.3.1} while
     * the spool is full), or empty to go on.
     */
    default Optional<SmtpReply> refuseNow() {
        return Optional.empty();
    }
}
