package org.t37gw.fmsp.terminal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Params;
import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.Resolution;
import org.t37gw.fmsp.t30.T30Event;
import org.t37gw.fmsp.t30.TcfStats;
import org.t37gw.fmsp.t38.DataField;
import org.t37gw.fmsp.t38.FieldType;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.T30Indicator;

/**
 * Turns received IFP packets into T.30 engine events (T.38 clause 6 and 7): HDLC octets collect into frames
 * that end with {@code hdlc-fcs-OK} / {@code -BAD} ({@code FrameReceived}, its FCS verdict from the far
 * gateway); a training indicator is {@code CarrierUp}; {@code t4-non-ecm-data} is a TCF (measured into
 * {@link TcfStats}) or page data ({@code PageDataReceived}, rows counted by our {@link T4Decoder}) as the
 * current {@link RxMode} says; the end of a high-speed signal (sig-end, or any other indicator) ends the TCF,
 * the page ({@code PageDataEnd}) or the ECM carrier ({@code CarrierDown}).
 *
 * <p>A UDPTL gap that redundancy could not fill ({@link #onGap()}) spoils the frame in progress (reported with
 * a bad FCS) and costs the page its rows. Pure: no clock, no I/O.
 */
public final class IfpReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(IfpReceiver.class);
    private static final int MAX_FRAME = 2048;

    private final DecodeLimits limits;
    private RxMode mode = RxMode.hdlc(Modulation.V21);

    // a V.21 carrier is on (preamble or frames seen, no end yet)
    private boolean v21On;

    // HDLC frame in progress
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private boolean frameSpoilt;

    // high-speed carrier in progress
    private Modulation carrier;
    private boolean tcfActive;
    private long tcfBits;
    private long tcfZeroRun;
    private long tcfLongestRun;
    private long tcfOnes;
    private boolean pageActive;
    private T4Decoder decoder;
    private byte[] row;

    public IfpReceiver(DecodeLimits limits) {
        this.limits = limits;
    }

    public IfpReceiver() {
        this(DecodeLimits.DEFAULT);
    }

    /** What to expect from now on. */
    public void expect(RxMode m) {
        this.mode = m;
    }

    public RxMode mode() {
        return mode;
    }

    /**
     * Whether the far end's signal is on the line now (a V.21 preamble or frames without their end yet, or a
     * high-speed carrier): a half-duplex terminal does not start sending over it.
     */
    public boolean receiving() {
        return v21On || carrier != null;
    }

    /** Packets were lost for good: the frame in progress cannot be trusted. */
    public void onGap() {
        if (frame.size() > 0) {
            frameSpoilt = true;
        }
    }

    /** The events one received packet means, in order. */
    public List<T30Event> onIfp(IfpPacket packet) {
        List<T30Event> out = new ArrayList<>(2);
        if (packet instanceof IfpPacket.Indicator ind) {
            onIndicator(ind.indicator(), out);
        } else if (packet instanceof IfpPacket.Data d) {
            Modulation m = T38Signals.modulation(d.dataType());
            if (m == null) {
                LOG.debug("Rx: {} data ignored (not a T.30 modulation we run)", d.dataType());
                return out;
            }
            for (DataField f : d.fields()) {
                onField(m, f, out);
            }
        }
        return out;
    }

    private void onIndicator(T30Indicator i, List<T30Event> out) {
        endCarrier(out);
        resetFrame();
        v21On = i.equals(T30Indicator.V21_PREAMBLE);
        Modulation m = T38Signals.trainedModulation(i);
        if (m != null) {
            startCarrier(m, out);
        }
    }

    private void startCarrier(Modulation m, List<T30Event> out) {
        carrier = m;
        out.add(new T30Event.CarrierUp(m));
        if (mode.kind() == RxMode.Kind.TCF) {
            tcfActive = true;
            tcfBits = 0;
            tcfZeroRun = 0;
            tcfLongestRun = 0;
            tcfOnes = 0;
        } else if (mode.kind() == RxMode.Kind.PAGE) {
            pageActive = true;
            decoder = new T4Decoder(params(mode.page()), limits);
            row = new byte[decoder.rowBytes()];
        }
    }

    private void endCarrier(List<T30Event> out) {
        if (carrier == null) {
            return;
        }
        Modulation m = carrier;
        carrier = null;
        if (tcfActive) {
            tcfActive = false;
            long ms = tcfBits * 1000 / m.bitRate();
            out.add(new T30Event.TcfReceived(new TcfStats(ms, tcfLongestRun * 1000 / m.bitRate(), tcfOnes)));
        } else if (pageActive) {
            pageActive = false;
            decoder.endOfInput();
            drainRows();
            out.add(new T30Event.PageDataEnd(decoder.rows(), decoder.badLines()));
            decoder = null;
        } else {
            out.add(new T30Event.CarrierDown());
        }
    }

    private void onField(Modulation m, DataField f, List<T30Event> out) {
        FieldType t = f.type();
        if (m == Modulation.V21) {
            v21On = !t.isSignalEnd();
        }
        if (m.isHighSpeed() && carrier == null && (t.equals(FieldType.T4_NON_ECM_DATA) || t.equals(FieldType.HDLC_DATA))) {
            startCarrier(m, out); // the training indicator was lost
        }
        if (t.equals(FieldType.HDLC_DATA)) {
            if (frame.size() + f.length() > MAX_FRAME) {
                frameSpoilt = true;
            } else {
                frame.writeBytes(T38Signals.reverseBits(f.data()));
            }
        } else if (t.equals(FieldType.HDLC_FCS_OK) || t.equals(FieldType.HDLC_FCS_OK_SIG_END)
                || t.equals(FieldType.HDLC_FCS_BAD) || t.equals(FieldType.HDLC_FCS_BAD_SIG_END)) {
            boolean ok = t.equals(FieldType.HDLC_FCS_OK) || t.equals(FieldType.HDLC_FCS_OK_SIG_END);
            if (f.hasData()) {
                frame.writeBytes(T38Signals.reverseBits(f.data()));
            }
            if (frame.size() > 0) {
                out.add(new T30Event.FrameReceived(frame.toByteArray(), ok && !frameSpoilt));
            }
            resetFrame();
            if (t.isSignalEnd() && m.isHighSpeed()) {
                endCarrier(out);
            }
        } else if (t.equals(FieldType.HDLC_SIG_END)) {
            resetFrame();
            if (m.isHighSpeed()) {
                endCarrier(out);
            }
        } else if (t.equals(FieldType.T4_NON_ECM_DATA) || t.equals(FieldType.T4_NON_ECM_SIG_END)) {
            if (f.hasData()) {
                nonEcmData(f.data(), out);
            }
            if (t.equals(FieldType.T4_NON_ECM_SIG_END)) {
                endCarrier(out);
            }
        } else {
            LOG.debug("Rx: field {} ignored", t);
        }
    }

    private void nonEcmData(byte[] data, List<T30Event> out) {
        if (tcfActive) {
            for (byte b : data) {
                int v = b & 0xFF;
                tcfOnes += Integer.bitCount(v);
                if (v == 0) {
                    tcfZeroRun += 8;
                } else {
                    for (int bit = 7; bit >= 0; bit--) { // line order: MSB first in T.38
                        if ((v >> bit & 1) == 0) {
                            tcfZeroRun++;
                        } else {
                            tcfZeroRun = 0;
                        }
                        tcfLongestRun = Math.max(tcfLongestRun, tcfZeroRun);
                    }
                }
                tcfLongestRun = Math.max(tcfLongestRun, tcfZeroRun);
            }
            tcfBits += data.length * 8L;
        } else if (pageActive) {
            byte[] ours = T38Signals.reverseBits(data);
            out.add(new T30Event.PageDataReceived(ours));
            decoder.feed(ours, 0, ours.length);
            drainRows();
        }
    }

    private void drainRows() {
        while (decoder.nextRow(row, 0) == T4Decoder.ROW) {
            // counting only: the engine keeps the data, the rows are decoded again for the TIFF
        }
    }

    private void resetFrame() {
        frame.reset();
        frameSpoilt = false;
    }

    /** The T.4 line format of page data in our bit order (first bit on the line in the LSB). */
    public static T4Params params(PageMode mode) {
        int width = mode.width().pelsAtR8() * (mode.resolution() == Resolution.R16_SUPERFINE ? 2 : 1);
        T4Params p = switch (mode.coding()) {
            case MH -> T4Params.mh(width);
            case MR -> T4Params.mr(width, mode.resolution() == Resolution.STANDARD ? 2 : 4);
            case MMR -> T4Params.mmr(width);
        };
        return p.withFillOrder(FillOrder.LSB_FIRST);
    }
}
