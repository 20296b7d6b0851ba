package org.t37gw.ccapi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What happens on a call leg. Service providers and drivers report events to the {@link CallManager},
 * which records them and passes them on to the leg's {@link Application}. Events are values: they carry
 * no time (the manager stamps them with its clock) and no behaviour.
 */
public sealed interface CallEvent {

    /** The leg the event belongs to. */
    CallId callId();

    /** The leg was set up (first event of every leg). */
    record Setup(CallId callId, String calling, String called) implements CallEvent {
        public Setup {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** The far end is being alerted (ringback on an outbound call). */
    record Alerting(CallId callId) implements CallEvent {
        public Alerting {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** The call is answered / connected. */
    record Connect(CallId callId) implements CallEvent {
        public Connect {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** The leg is gone; last event of a leg. */
    record Disconnect(CallId callId, Q850Cause cause) implements CallEvent {
        public Disconnect {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * T.30 phase B settled the page transfer parameters (DCS acknowledged by CFR).
     *
     * @param bitRate    signalling rate in bit/s (2400..14400, 33600 for V.34)
     * @param ecm        error correction mode (T.30 Annex A) on
     * @param resolution vertical resolution
     * @param coding     page data coding
     */
    record FaxModeNegotiated(CallId callId, int bitRate, boolean ecm, FaxResolution resolution, FaxCoding coding)
            implements CallEvent {
        public FaxModeNegotiated {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(resolution, "resolution");
            Objects.requireNonNull(coding, "coding");
            if (bitRate <= 0) {
                throw new IllegalArgumentException("bit rate must be positive: " + bitRate);
            }
        }
    }

    /**
     * The far fax machine identified itself in phase B: its TSI (when it sends) or CSI (when it receives),
     * as it reads on the line, trimmed.
     */
    record RemoteIdentified(CallId callId, String ident) implements CallEvent {
        public RemoteIdentified {
            Objects.requireNonNull(callId, "callId");
            ident = ident == null ? "" : ident.strip();
        }
    }

    /** Page {@code page} (from 1) was sent and confirmed by the far end (MCF). */
    record PageSent(CallId callId, int page) implements CallEvent {
        public PageSent {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /** Page {@code page} (from 1) was received; {@code good} is false when it was answered RTN. */
    record PageReceived(CallId callId, int page, boolean good) implements CallEvent {
        public PageReceived {
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * A document is ready: the DMSP wrote the received pages (on-ramp: the TIFF-F to mail) or prepared the
     * pages to send (off-ramp).
     */
    record DocumentReady(CallId callId, Path document, int pages) implements CallEvent {
        public DocumentReady {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(document, "document");
        }
    }

    /** What kind of failure ended a fax session: what an application decides retries by. */
    enum FaxFailure {
        /** The session succeeded. */
        NONE,
        /** No fax machine answered: no CED/DIS, T0/T1 expired, no carrier before phase B. */
        NO_FAX_ANSWER,
        /** Training failed at every rate. */
        TRAINING,
        /** The far end cannot take this fax (capabilities, resolution, size, coding, not a receiver). */
        INCOMPATIBLE,
        /** The session broke off after it started (DCN, timeouts, lost line, rejected pages, local abort). */
        DROPPED,
        /** A local failure: the pages could not be read or the received document not stored. */
        LOCAL,
        /** Not said (a provider that only gives text): decide from the diagnostic. */
        UNKNOWN
    }

    /**
     * The fax session ended (T.30 phase E or an abort).
     *
     * @param success    every page went through and the session closed with DCN after MCF
     * @param diagnostic why it failed (T.30 result text), {@code ""} on success
     * @param failure    the kind of failure; {@link FaxFailure#NONE} exactly on success
     */
    record FaxCompleted(CallId callId, boolean success, String diagnostic, FaxFailure failure) implements CallEvent {
        public FaxCompleted {
            Objects.requireNonNull(callId, "callId");
            diagnostic = diagnostic == null ? "" : diagnostic;
            failure = success ? FaxFailure.NONE : failure == null || failure == FaxFailure.NONE ? FaxFailure.UNKNOWN
                    : failure;
        }

        /** Without a failure kind ({@link FaxFailure#UNKNOWN} when it failed). */
        public FaxCompleted(CallId callId, boolean success, String diagnostic) {
            this(callId, success, diagnostic, null);
        }
    }
}
