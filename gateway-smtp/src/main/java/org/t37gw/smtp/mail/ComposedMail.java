package org.t37gw.smtp.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A composed message and its envelope, ready to be spooled for delivery. The message bytes are the
 * same every time they are written (boundaries and ids come from the composer's injected sources);
 * attachment files are read when written, so they must stay until then.
 */
public final class ComposedMail {

    private final MailEnvelope envelope;
    private final String messageId;
    private final MimeMessage message;

    ComposedMail(MailEnvelope envelope, String messageId, MimeMessage message) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.message = Objects.requireNonNull(message, "message");
    }

    public MailEnvelope envelope() {
        return envelope;
    }

    /** The {@code Message-ID} with its angle brackets. */
    public String messageId() {
        return messageId;
    }

    /** Writes the message as RFC 5322 bytes (CRLF line ends, 7-bit). */
    public void writeTo(OutputStream out) throws IOException {
        try {
            message.writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("cannot write message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** The message as RFC 5322 bytes. */
    public byte[] toBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(out);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "ComposedMail[" + messageId + " " + envelope + "]";
    }
}
