package org.t37gw.fmsp.t30;

/**
 * What the driver tells the engine, each passed with the time it happened to
 * {@link T30Engine#onEvent(T30Event, long)}.
 */
public sealed interface T30Event {
    /**
     * An HDLC frame arrived (V.21 control or ECM high-speed).
     *
     * @param frame address, control, FCF, FIF; no flags, no FCS
     * @param fcsOk whether the FCS was right; bad frames only restart timers and may draw CRP
     */
    record FrameReceived(byte[] frame, boolean fcsOk) implements T30Event {
        public FrameReceived {
            frame = frame.clone();
        }

        @Override
        public byte[] frame() {
            return frame.clone();
        }
    }

    /** The TCF ended; the engine judges it. */
    record TcfReceived(TcfStats stats) implements T30Event {
    }

    /** A chunk of non-ECM page data (opaque coded rows). */
    record PageDataReceived(byte[] chunk) implements T30Event {
        public PageDataReceived {
            chunk = chunk.clone();
        }

        @Override
        public byte[] chunk() {
            return chunk.clone();
        }
    }

    /**
     * The non-ECM page ended (RTC seen or carrier lost); the driver's decoder counted the rows.
     *
     * @param lines rows decoded
     * @param badLines rows that failed to decode
     */
    record PageDataEnd(int lines, int badLines) implements T30Event {
    }

    /** A carrier was detected. */
    record CarrierUp(Modulation modulation) implements T30Event {
    }

    /** The carrier went away. */
    record CarrierDown() implements T30Event {
    }

    /** Everything the last actions asked to transmit has been transmitted. */
    record SendComplete() implements T30Event {
    }

    /** Time passed; the engine fires the timers that are due. */
    record Timeout() implements T30Event {
    }

    /**
     * The receiving side's storage is busy (true) or ready again (false); while busy, an ECM receiver
     * answers a complete partial page with RNR (T.30 Annex A).
     */
    record ReceiverBusy(boolean busy) implements T30Event {
    }

    /** The line went on-hook under us. */
    record Hangup() implements T30Event {
    }

    /** The driver ends the call for its own reason (e.g. CEDTONE, T0_EXPIRED, NO_CARRIER, LOCAL_ABORT). */
    record Abort(T30Result reason) implements T30Event {
    }
}
