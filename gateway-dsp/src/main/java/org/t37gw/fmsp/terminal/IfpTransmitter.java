package org.t37gw.fmsp.terminal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.t37gw.fmsp.t30.HdlcFrame;
import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t30.T30Action;
import org.t37gw.fmsp.t38.DataField;
import org.t37gw.fmsp.t38.FieldType;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.T30Indicator;

/**
 * Turns the T.30 engine's transmit actions into timed IFP packets (T.38 clause 6 and 7), the way a T.38
 * terminal sends them: an indicator for the carrier (CNG, CED, v21-preamble, training), then the data paced at
 * the modem's rate, one packet per 20 ms of signal ({@link T38Signals#octetsPer20Ms}, one octet at V.21), the
 * end of the signal, and no-signal. V.21 and ECM frames go as {@code hdlc-data} plus {@code hdlc-fcs-OK}
 * ({@code hdlc-fcs-OK-sig-end} on the last frame of a burst); TCF and non-ECM pages as {@code t4-non-ecm-data}
 * with {@code t4-non-ecm-sig-end}. Indicators and ends of signals are sent three times, as spandsp does.
 *
 * <p>Pure: no clock and no I/O; the durations in the steps are fax time, which the driver scales.
 */
public final class IfpTransmitter {

    /** Copies of indicators and ends of signals (T.38 leaves it to the implementation; spandsp sends 3). */
    public static final int REPEATS = 3;
    /** Silence after a carrier before the next signal (T.30 5.3.2.4: 75 ms between DCS and TCF). */
    public static final int GAP_MILLIS = 75;

    /**
     * The steps for one engine action; an empty list for actions that send nothing.
     *
     * @param last whether this is the last transmit action of the engine's batch (adds {@link TxStep.Complete})
     */
    public List<TxStep> plan(T30Action action, boolean last) {
        List<TxStep> s = new ArrayList<>();
        if (action instanceof T30Action.SendTone t) {
            if (t.tone() == T30Action.Tone.CNG) {
                s.add(indicator(T30Indicator.CNG, 0)); // repeats until the next transmit: no SendComplete
                return s;
            }
            s.add(indicator(T30Indicator.CED, t.durationMillis()));
            s.add(indicator(T30Indicator.NO_SIGNAL, GAP_MILLIS));
        } else if (action instanceof T30Action.SendFrames f) {
            frames(s, f.modulation(), f.frames());
        } else if (action instanceof T30Action.SendTcf t) {
            nonEcm(s, t.modulation(), new byte[(int) Math.round(t.durationMillis() * t.modulation().bitRate() / 8000.0)]);
        } else if (action instanceof T30Action.SendPageData p) {
            nonEcm(s, p.modulation(), T38Signals.reverseBits(p.data()));
        } else {
            return s;
        }
        if (last) {
            s.add(new TxStep.Complete());
        }
        return s;
    }

    /** Whether the action puts a signal on the line. */
    public static boolean isTransmit(T30Action a) {
        return a instanceof T30Action.SendTone || a instanceof T30Action.SendFrames || a instanceof T30Action.SendTcf
                || a instanceof T30Action.SendPageData;
    }

    private static TxStep indicator(T30Indicator i, double hold) {
        return new TxStep.Send(new IfpPacket.Indicator(i), REPEATS, hold);
    }

    private static void frames(List<TxStep> s, Modulation m, List<HdlcFrame> frames) {
        s.add(indicator(T38Signals.indicator(m), T38Signals.trainingMillis(m)));
        int chunk = m == Modulation.V21 ? 1 : T38Signals.octetsPer20Ms(m);
        var type = T38Signals.dataType(m);
        for (int n = 0; n < frames.size(); n++) {
            byte[] octets = T38Signals.reverseBits(frames.get(n).toBytes());
            for (int off = 0; off < octets.length; off += chunk) {
                int len = Math.min(chunk, octets.length - off);
                s.add(new TxStep.Send(new IfpPacket.Data(type,
                        new DataField(FieldType.HDLC_DATA, Arrays.copyOfRange(octets, off, off + len))), 1,
                        T38Signals.millisFor(len, m)));
            }
            boolean end = n == frames.size() - 1;
            // FCS (2 octets) and the closing flag; after the last frame that time passes after no-signal
            s.add(new TxStep.Send(new IfpPacket.Data(type,
                    new DataField(end ? FieldType.HDLC_FCS_OK_SIG_END : FieldType.HDLC_FCS_OK)),
                    end ? REPEATS : 1, end ? 0 : T38Signals.millisFor(3, m)));
        }
        // no-signal at once: the far end may answer as soon as it has the end of the signal, and the engine
        // must be listening by then (SendComplete follows this packet); the silence holds our next signal back
        s.add(indicator(T30Indicator.NO_SIGNAL, T38Signals.millisFor(3, m) + GAP_MILLIS));
    }

    private static void nonEcm(List<TxStep> s, Modulation m, byte[] data) {
        s.add(indicator(T38Signals.indicator(m), T38Signals.trainingMillis(m)));
        int chunk = T38Signals.octetsPer20Ms(m);
        var type = T38Signals.dataType(m);
        for (int off = 0; off < data.length; off += chunk) {
            int len = Math.min(chunk, data.length - off);
            s.add(new TxStep.Send(new IfpPacket.Data(type,
                    new DataField(FieldType.T4_NON_ECM_DATA, Arrays.copyOfRange(data, off, off + len))), 1,
                    T38Signals.millisFor(len, m)));
        }
        s.add(new TxStep.Send(new IfpPacket.Data(type, new DataField(FieldType.T4_NON_ECM_SIG_END)), REPEATS, 0));
        s.add(indicator(T30Indicator.NO_SIGNAL, GAP_MILLIS));
    }
}
