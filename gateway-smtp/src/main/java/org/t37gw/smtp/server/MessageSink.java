package org.t37gw.smtp.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the SMTP server hands a completely received message, before it answers the end of DATA. The
 * off-ramp application implements it; {@link SpoolMessageSink} is the ready one that enqueues a spool job
 * per recipient.
 *
 * <p>Two ways in. A sink that can take the DATA straight where it keeps it returns a {@link Receiver} from
 * {@link #open}: the server writes the message into it as it arrives and asks it to
 * {@link Receiver#accept} at the end (one write of the message, no copy). Otherwise the server writes the
 * message to a file of its own and calls {@link #accept(Envelope, Path)}.
 *
 * <p>Contract: return {@link SinkDecision.Accepted} only when the message is durable (the server answers
 * {@code 250} right after). Called from the session's thread; may block (fsync) but not for long.
 */
@FunctionalInterface
public interface MessageSink {

    /**
     * @param envelope    the envelope, with every accepted recipient
     * @param messageFile the message as received (RFC 5322, CRLF line ends, dot-unstuffed), with our
     *                    {@code Received:} header on top. It belongs to the server and is deleted after the
     *                    call; copy it, do not keep the path.
     */
    SinkDecision accept(Envelope envelope, Path messageFile);

    /**
     * Asked at {@code MAIL FROM}: a reply to refuse new mail with right away (e.g. {@code 452 4.3.1} while
     * the spool is full), or empty to go on.
     */
    default Optional<SmtpReply> refuseNow() {
        return Optional.empty();
    }

    /**
     * Asked when DATA starts: a receiver for this message, or empty to have it in a file and
     * {@link #accept(Envelope, Path)}.
     *
     * @throws IOException when no message can be taken now (the server answers {@code 451 4.3.0}, or
     *                     {@code 452 4.3.1} for a {@link org.t37gw.spool.SpoolFullException})
     */
    default Optional<Receiver> open() throws IOException {
        return Optional.empty();
    }

    /** One message being received straight into the sink. The server closes it in every case. */
    interface Receiver extends Closeable {

        /** Where the message goes as it arrives (the server closes it before {@link #accept}). */
        OutputStream stream();

        /**
         * The whole message was written and the stream closed: make it durable (then
         * {@link SinkDecision.Accepted}) or refuse it.
         */
        SinkDecision accept(Envelope envelope);

        /** Drops whatever was not accepted. Does not throw. */
        @Override
        void close();
    }
}
