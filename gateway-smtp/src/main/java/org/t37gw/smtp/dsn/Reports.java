package org.t37gw.smtp.dsn;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/** What the DSN and MDN builders share. */
final class Reports {

    static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Reports() {
    }

    static Session session() {
        return Session.getInstance(new Properties());
    }

    static String date(Instant t) {
        return DATE.format(t);
    }

    /** One {@code Name: value} line, CRLF-terminated; value checked to be one line. */
    static void field(StringBuilder sb, String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must be one line");
        }
        sb.append(name).append(": ").append(value).append("\r\n");
    }

    static MimeBodyPart bytesPart(byte[] content, String type) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        p.setHeader("Content-Type", type);
        if (type.startsWith("message/") || type.startsWith("text/rfc822-headers")) {
            boolean eightBit = false;
            for (byte b : content) {
                eightBit |= b < 0;
            }
            p.setHeader("Content-Transfer-Encoding", eightBit ? "8bit" : "7bit");
        }
        return p;
    }

    static MimeBodyPart textPart(String text) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setText(text, "UTF-8");
        return p;
    }

    /** The header block of a message: up to and including the blank line. */
    static byte[] headers(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                byte[] h = new byte[i + 4];
                System.arraycopy(message, 0, h, 0, h.length);
                return h;
            }
        }
        return message.clone();
    }

    static byte[] bytes(MimeMessage m) throws MessagingException {
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            m.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("writing report", e);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
