package org.t37gw.smtp.server;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SMTP reply: code (RFC 5321 §4.2), enhanced status (RFC 3463, advertised by
 * ENHANCEDSTATUSCODES, RFC 2034) and text.
 *
 * @param code     three-digit reply code
 * @param enhanced {@code class.subject.detail}, e.g. {@code 5.1.1}
 * @param text     human-readable text, one line
 */
public record SmtpReply(int code, String enhanced, String text) {

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        Objects.requireNonNull(enhanced, "enhanced");
        if (!ENHANCED.matcher(enhanced).matches() || enhanced.charAt(0) != Integer.toString(code).charAt(0)) {
            throw new IllegalArgumentException("enhanced status " + enhanced + " does not fit reply " + code);
        }
        Objects.requireNonNull(text, "text");
        text = text.replace('\r', ' ').replace('\n', ' ');
    }

    /** 2xx or 3xx. */
    public boolean positive() {
        return code < 400;
    }

    /** 4xx: the client may try again later. */
    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** The reply line without CRLF, e.g. {@code 550 5.1.1 not a FAX= mailbox}. */
    public String line() {
        return code + " " + enhanced + " " + text;
    }

    @Override
    public String toString() {
        return line();
    }
}
