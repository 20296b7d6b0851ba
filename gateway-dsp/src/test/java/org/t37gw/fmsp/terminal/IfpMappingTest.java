package org.t37gw.fmsp.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.fmsp.t30.Coding;
import org.t37gw.fmsp.t30.Fcf;
import org.t37gw.fmsp.t30.HdlcFrame;
import org.t37gw.fmsp.t30.Identity;
import org.t37gw.fmsp.t30.Modulation;
import org.t37gw.fmsp.t30.PageLength;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.PageWidth;
import org.t37gw.fmsp.t30.Resolution;
import org.t37gw.fmsp.t30.T30Action;
import org.t37gw.fmsp.t30.T30Event;
import org.t37gw.fmsp.t38.DataField;
import org.t37gw.fmsp.t38.DataType;
import org.t37gw.fmsp.t38.FieldType;
import org.t37gw.fmsp.t38.IfpCodec;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.T30Indicator;
import org.t37gw.fmsp.t38.T38Version;

/** The pure IFP &lt;-&gt; T.30 mapping: recorded spandsp packets in, our plans out and back, without sockets. */
class IfpMappingTest {

    private static final IfpCodec CODEC = new IfpCodec(T38Version.V0);

    @Test
    void recordedSpandspCsiAndDisBecomeTwoGoodFrames() throws IOException {
        IfpReceiver rx = new IfpReceiver();
        List<T30Event> events = new ArrayList<>();
        for (IfpPacket p : recorded("spandsp-csi-dis.txt")) {
            events.addAll(rx.onIfp(p));
        }
        List<HdlcFrame> frames = new ArrayList<>();
        for (T30Event e : events) {
            T30Event.FrameReceived f = assertInstanceOf(T30Event.FrameReceived.class, e);
            assertTrue(f.fcsOk());
            frames.add(HdlcFrame.parse(f.frame()).orElseThrow());
        }
        assertEquals(2, frames.size(), events.toString());
        assertEquals(Fcf.CSI, frames.get(0).fcf());
        assertFalse(frames.get(0).isFinal());
        assertEquals("T38PEER RECV", Identity.decode(frames.get(0).fif()));
        assertEquals(Fcf.DIS, frames.get(1).fcf());
        assertTrue(frames.get(1).isFinal());
        assertFalse(rx.receiving(), "the V.21 carrier ended with hdlc-fcs-OK-sig-end");
    }

    @Test
    void v21FramesGoOutOneOctetPerPacketBitReversedAndComeBack() {
        HdlcFrame tsi = HdlcFrame.of(Fcf.TSI, true, false, Identity.encode("+1 555 0100"));
        HdlcFrame dcs = HdlcFrame.of(Fcf.DCS, true, true, (byte) 0x00, (byte) 0x46, (byte) 0x1F);
        List<TxStep> plan = new IfpTransmitter().plan(new T30Action.SendFrames(Modulation.V21, List.of(tsi, dcs)), true);
        TxStep.Send first = (TxStep.Send) plan.get(0);
        assertEquals(new IfpPacket.Indicator(T30Indicator.V21_PREAMBLE), first.packet());
        assertEquals(3, first.copies());
        assertEquals(1000, first.holdMillis(), 0.01);
        TxStep.Send firstOctet = (TxStep.Send) plan.get(1);
        // FF 03 (control, not final) on the line LSB first: T.38 carries it as FF C0
        assertEquals("c001800000ff", HexFormat.of().formatHex(CODEC.encode(firstOctet.packet())));
        assertEquals("c001800000c0", HexFormat.of().formatHex(CODEC.encode(((TxStep.Send) plan.get(2)).packet())));
        assertEquals(300 * 26.666 / 300, firstOctet.holdMillis(), 0.01); // 8 bits at 300 bit/s
        assertInstanceOf(TxStep.Complete.class, plan.get(plan.size() - 1));
        TxStep.Send noSignal = (TxStep.Send) plan.get(plan.size() - 2);
        assertEquals(new IfpPacket.Indicator(T30Indicator.NO_SIGNAL), noSignal.packet());
        TxStep.Send sigEnd = (TxStep.Send) plan.get(plan.size() - 3);
        assertEquals(new IfpPacket.Data(DataType.V21, new DataField(FieldType.HDLC_FCS_OK_SIG_END)), sigEnd.packet());
        assertEquals(3, sigEnd.copies());

        IfpReceiver rx = new IfpReceiver();
        List<T30Event> events = feed(rx, plan);
        assertEquals(2, events.size());
        assertArrayEquals(tsi.toBytes(), ((T30Event.FrameReceived) events.get(0)).frame());
        assertArrayEquals(dcs.toBytes(), ((T30Event.FrameReceived) events.get(1)).frame());
    }

    @Test
    void lostPacketMidFrameGivesABadFcs() {
        HdlcFrame cfr = HdlcFrame.of(Fcf.CFR, false, true);
        List<TxStep> plan = new IfpTransmitter().plan(new T30Action.SendFrames(Modulation.V21, List.of(cfr)), true);
        IfpReceiver rx = new IfpReceiver();
        List<T30Event> events = new ArrayList<>();
        int n = 0;
        for (TxStep s : plan) {
            if (s instanceof TxStep.Send send) {
                if (n++ == 2) {
                    rx.onGap(); // the second octet never arrived
                    continue;
                }
                events.addAll(rx.onIfp(send.packet()));
            }
        }
        assertEquals(1, events.size());
        assertFalse(((T30Event.FrameReceived) events.get(0)).fcsOk());
    }

    @Test
    void cngNeedsNoSendComplete() {
        List<TxStep> plan = new IfpTransmitter().plan(new T30Action.SendTone(T30Action.Tone.CNG, 0), true);
        assertEquals(1, plan.size());
        assertEquals(new IfpPacket.Indicator(T30Indicator.CNG), ((TxStep.Send) plan.get(0)).packet());
        List<TxStep> ced = new IfpTransmitter().plan(new T30Action.SendTone(T30Action.Tone.CED, 2600), true);
        assertEquals(2600, ((TxStep.Send) ced.get(0)).holdMillis(), 0.01);
        assertInstanceOf(TxStep.Complete.class, ced.get(ced.size() - 1));
    }

    @Test
    void tcfIsPacedAtTheRateAndMeasuredByTheReceiver() {
        List<TxStep> plan = new IfpTransmitter().plan(new T30Action.SendTcf(Modulation.V29_9600, 1500), true);
        TxStep.Send training = (TxStep.Send) plan.get(0);
        assertEquals(new IfpPacket.Indicator(T30Indicator.V29_9600_TRAINING), training.packet());
        double dataMillis = 0;
        for (TxStep s : plan) {
            if (s instanceof TxStep.Send send && send.packet() instanceof IfpPacket.Data d
                    && d.fields().get(0).type().equals(FieldType.T4_NON_ECM_DATA)) {
                assertEquals(24, d.fields().get(0).length(), "9600 bit/s: 24 octets per 20 ms");
                dataMillis += send.holdMillis();
            }
        }
        assertEquals(1500, dataMillis, 0.5);
        IfpReceiver rx = new IfpReceiver();
        rx.expect(RxMode.tcf(Modulation.V29_9600));
        List<T30Event> events = feed(rx, plan);
        assertEquals(new T30Event.CarrierUp(Modulation.V29_9600), events.get(0));
        T30Event.TcfReceived tcf = assertInstanceOf(T30Event.TcfReceived.class, events.get(1));
        assertEquals(1500, tcf.stats().durationMillis());
        assertEquals(1500, tcf.stats().longestZeroRunMillis());
        assertEquals(0, tcf.stats().nonZeroBits());
    }

    @Test
    void tcfWithAOneBitInTheMiddleHasAShorterZeroRun() {
        IfpReceiver rx = new IfpReceiver();
        rx.expect(RxMode.tcf(Modulation.V27TER_4800));
        List<T30Event> ev = new ArrayList<>(rx.onIfp(new IfpPacket.Indicator(T30Indicator.V27_4800_TRAINING)));
        byte[] zeros = new byte[300]; // 500 ms at 4800
        ev.addAll(rx.onIfp(data(DataType.V27_4800, FieldType.T4_NON_ECM_DATA, zeros)));
        byte[] one = new byte[300];
        one[0] = 0x01;
        ev.addAll(rx.onIfp(data(DataType.V27_4800, FieldType.T4_NON_ECM_DATA, one)));
        ev.addAll(rx.onIfp(data(DataType.V27_4800, FieldType.T4_NON_ECM_SIG_END, new byte[0])));
        T30Event.TcfReceived tcf = (T30Event.TcfReceived) ev.get(ev.size() - 1);
        assertEquals(1000, tcf.stats().durationMillis());
        assertEquals(1, tcf.stats().nonZeroBits());
        // 300 zero octets and 7 zero bits before the one (T.38 order: the LSB is the last bit on the line)
        assertEquals((2400 + 7) / 4.8, tcf.stats().longestZeroRunMillis(), 1.0);
    }

    @Test
    void nonEcmPageArrivesAsSentWithItsRowsCounted() {
        PageMode mode = new PageMode(Modulation.V17_14400, Resolution.FINE, PageWidth.A4, PageLength.A4, Coding.MR,
                false, 256, 0);
        Bilevel page = Bilevel.white(1728, 120, 204, 196);
        for (int y = 0; y < 120; y++) {
            page.set((y * 13) % 1728, y, true);
            page.set(1000, y, true);
        }
        byte[] coded = new TiffPageSource(List.of(page)).pageData(0, mode);
        List<TxStep> plan = new IfpTransmitter().plan(new T30Action.SendPageData(mode.modulation(), mode, coded), true);
        IfpReceiver rx = new IfpReceiver();
        rx.expect(RxMode.page(mode));
        List<T30Event> events = feed(rx, plan);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (T30Event e : events) {
            if (e instanceof T30Event.PageDataReceived d) {
                got.writeBytes(d.chunk());
            }
        }
        assertArrayEquals(coded, got.toByteArray());
        assertEquals(new T30Event.PageDataEnd(120, 0), events.get(events.size() - 1));

        // the same page with a burst of damage in the middle: the decoder counts bad rows
        IfpReceiver rx2 = new IfpReceiver();
        rx2.expect(RxMode.page(mode));
        List<T30Event> damaged = new ArrayList<>();
        int n = 0;
        for (TxStep s : plan) {
            if (s instanceof TxStep.Send send) {
                IfpPacket p = send.packet();
                if (n++ == 10 && p instanceof IfpPacket.Data d) {
                    byte[] junk = d.fields().get(0).data();
                    java.util.Arrays.fill(junk, (byte) 0x5A);
                    p = data(d.dataType(), FieldType.T4_NON_ECM_DATA, junk);
                }
                damaged.addAll(rx2.onIfp(p));
            }
        }
        T30Event.PageDataEnd end = (T30Event.PageDataEnd) damaged.get(damaged.size() - 1);
        assertTrue(end.badLines() > 0, end.toString());
    }

    @Test
    void ecmFramesAtHighSpeedEndTheCarrier() {
        HdlcFrame fcd = HdlcFrame.of(Fcf.FCD, false, false, new byte[65]);
        HdlcFrame rcp = HdlcFrame.of(Fcf.RCP, false, false);
        List<TxStep> plan = new IfpTransmitter().plan(
                new T30Action.SendFrames(Modulation.V17_12000, List.of(fcd, rcp, rcp, rcp)), true);
        IfpReceiver rx = new IfpReceiver();
        rx.expect(RxMode.hdlc(Modulation.V17_12000));
        List<T30Event> events = feed(rx, plan);
        assertEquals(new T30Event.CarrierUp(Modulation.V17_12000), events.get(0));
        assertEquals(4, events.stream().filter(e -> e instanceof T30Event.FrameReceived).count());
        assertEquals(new T30Event.CarrierDown(), events.get(events.size() - 1));
    }

    private static List<T30Event> feed(IfpReceiver rx, List<TxStep> plan) {
        List<T30Event> events = new ArrayList<>();
        for (TxStep s : plan) {
            if (s instanceof TxStep.Send send) {
                // what goes on the wire is what comes back
                IfpPacket again = CODEC.decode(CODEC.encode(send.packet())).orThrow();
                events.addAll(rx.onIfp(again));
            }
        }
        return events;
    }

    private static IfpPacket data(DataType t, FieldType f, byte[] d) {
        return new IfpPacket.Data(t, new DataField(f, d));
    }

    private static List<IfpPacket> recorded(String name) throws IOException {
        List<IfpPacket> out = new ArrayList<>();
        try (InputStream in = IfpMappingTest.class.getResourceAsStream("/fmsp/" + name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(CODEC.decode(HexFormat.of().parseHex(line.trim())).orThrow());
                }
            }
        }
        return out;
    }
}
