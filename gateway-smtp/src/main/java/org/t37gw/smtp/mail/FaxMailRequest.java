package org.t37gw.smtp.mail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxResolution;

/**
 * What the on-ramp knows about one received fax, for {@link MailComposer}. Filled by the OnRamp
 * application when the fax call ends.
 *
 * @param callingNumber     the calling number (ANI, {@code $s$}), {@code ""} when not delivered
 * @param calledNumber      the called number (DNIS, {@code $d$}), {@code ""} when not delivered
 * @param redirectingNumber the redirecting number (RDNIS, {@code $m$}), or {@code null}
 * @param mailtoAddress     an address handed over by the call ({@code $e$}), or {@code null}
 * @param remoteIdentity    the far machine's TSI as received (T.30 §5.3.6.1.3), or {@code null}
 * @param port              the voice-port the fax came in on, or {@code null}
 * @param callId            the call's id, for the {@code Received:} header and logs, or {@code null}
 * @param callStart         when the call was answered
 * @param duration          how long the call lasted
 * @param pages             pages received and confirmed (MCF)
 * @param bitRate           the last negotiated signalling rate in bit/s (2400..33600), 0 when unknown
 * @param ecm               whether error correction mode was used
 * @param resolution        the vertical resolution of the pages (of the last page when mixed)
 * @param coding            the coding the far end sent with (the attachment may have been transcoded)
 * @param outcome           how the call ended
 * @param reason            why it did not complete (T.30 / Q.850 text), or {@code null}
 * @param tiff              the received pages as one TIFF-F file
 * @param extraAttachments  further files to attach after the TIFF, e.g. a PDF rendering
 */
public record FaxMailRequest(
        String callingNumber,
        String calledNumber,
        String redirectingNumber,
        String mailtoAddress,
        String remoteIdentity,
        String port,
        String callId,
        Instant callStart,
        Duration duration,
        int pages,
        int bitRate,
        boolean ecm,
        FaxResolution resolution,
        FaxCoding coding,
        Outcome outcome,
        String reason,
        Path tiff,
        List<Attachment> extraAttachments) {

    public FaxMailRequest {
        callingNumber = callingNumber == null ? "" : callingNumber;
        calledNumber = calledNumber == null ? "" : calledNumber;
        Objects.requireNonNull(callStart, "callStart");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(tiff, "tiff");
        if (pages < 0) {
            throw new IllegalArgumentException("pages < 0: " + pages);
        }
        extraAttachments = extraAttachments == null ? List.of() : List.copyOf(extraAttachments);
    }

    /** How the fax call ended. */
    public enum Outcome {
        /** Every page confirmed, the call ended with EOP/MCF and DCN. */
        COMPLETE,
        /** Some pages arrived, then the call failed. */
        PARTIAL,
        /** No usable page arrived. */
        FAILED;

        /** The value of {@code X-Fax-Result}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A further file to attach.
     *
     * @param file        its content
     * @param fileName    the name the recipient sees
     * @param contentType its MIME type, e.g. {@code application/pdf}
     */
    public record Attachment(Path file, String fileName, String contentType) {
        public Attachment {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
        }
    }
}
