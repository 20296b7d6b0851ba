package org.t37gw.fmsp.t30;

import java.util.List;

/**
 * What the engine asks of its driver, in order. Transmit actions in one batch are sent back to back;
 * when they are all out the driver reports {@link T30Event.SendComplete}. A {@link StartReceive} after a
 * transmit in the same batch applies once the transmit is done.
 */
public sealed interface T30Action {
    /** Tones of phase A. */
    enum Tone {
        /** Calling tone, 1100 Hz 0.5 s on / 3 s off, until the next transmit or a frame arrives; no SendComplete. */
        CNG,
        /** Called station identification, 2100 Hz for {@code durationMillis}; reports SendComplete. */
        CED
    }

    /** Send a tone. */
    record SendTone(Tone tone, int durationMillis) implements T30Action {
    }

    /**
     * Send HDLC frames back to back on one carrier: V.21 control frames or ECM frames at high speed.
     * The last frame of a V.21 burst has the final bit set. The driver adds flags, FCS and bit stuffing.
     */
    record SendFrames(Modulation modulation, List<HdlcFrame> frames) implements T30Action {
        public SendFrames {
            frames = List.copyOf(frames);
        }
    }

    /** Send TCF: zeros at {@code modulation} for {@code durationMillis} (T.30 5.3.6.1.4: 1.5 s). */
    record SendTcf(Modulation modulation, int durationMillis) implements T30Action {
    }

    /** Send a non-ECM page: the coded data as is, then drop the carrier. */
    record SendPageData(Modulation modulation, PageMode mode, byte[] data) implements T30Action {
        public SendPageData {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** Listen with this modulation: HDLC frames, or raw data (TCF, non-ECM page) when {@code hdlc} is false. */
    record StartReceive(Modulation modulation, boolean hdlc) implements T30Action {
    }

    /** A timer was (re)armed to fire at {@code atMillis}; drivers that poll use {@link T30Engine#nextDeadline()} instead. */
    record SetTimer(T30Timer timer, long atMillis) implements T30Action {
    }

    /** A timer was stopped. */
    record CancelTimer(T30Timer timer) implements T30Action {
    }

    /** The far end said who it is and what it wants (after DIS for a sender, after DCS for a receiver). */
    record RemoteIdentified(RemoteInfo info) implements T30Action {
    }

    /** A page was confirmed by the far end (MCF, RTP, PIP, or ERR after EOR); {@code index} from 0. */
    record PageSent(int index, PageMode mode) implements T30Action {
    }

    /** A page was received and accepted (MCF or RTP); {@code number} from 1. */
    record PageReceived(int number, PageMode mode, byte[] data, PageQuality quality) implements T30Action {
        public PageReceived {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** The session is over: hang up. No further actions follow. */
    record CallComplete(T30Result result, CallSummary summary) implements T30Action {
    }
}
