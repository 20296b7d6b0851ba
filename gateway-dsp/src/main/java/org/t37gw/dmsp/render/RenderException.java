package org.t37gw.dmsp.render;

import java.util.Objects;

/**
 * Input that cannot be made into fax pages: a processing failure in the sense of RFC 3965 clause 4.2, which the
 * OffRamp reports (DSN/MDN) rather than drops. The {@link Reason} lets the caller choose the status code
 * ({@code 5.6.1} for unreadable or unsupported content, {@code 5.3.4} for too large).
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the input was refused. */
    public enum Reason {
        /** Corrupt or truncated data, or not the format it claims to be. */
        UNREADABLE,
        /** A format or feature we do not render (e.g. an image type ImageIO has no reader for). */
        UNSUPPORTED,
        /** A password-protected PDF. */
        ENCRYPTED,
        /** Input bytes, pixels or an embedded image over the configured limits. */
        TOO_LARGE,
        /** More pages than the configured limit. */
        TOO_MANY_PAGES,
        /** Rendering took longer than the configured limit. */
        TIMEOUT
    }

    private final Reason reason;

    public RenderException(Reason reason, String message) {
        this(reason, message, null);
    }

    public RenderException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
