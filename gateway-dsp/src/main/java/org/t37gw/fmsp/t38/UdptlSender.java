package org.t37gw.fmsp.t38;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending half of UDPTL: numbers IFP packets and attaches the error-recovery part from the packets sent before.
 * Pure (no I/O, no clock) and not thread-safe; one per direction of a call.
 *
 * <p>A datagram may be sent several times (T.38 suggests repeating indicators and the ends of signals); the copies
 * share a sequence number, which is how a receiver knows them for duplicates. Build one {@link UdptlPacket} and
 * send its encoding as often as wanted.
 */
public final class UdptlSender {

    private final UdptlErrorCorrection mode;
    private final int historySize;
    private final ArrayDeque<byte[]> history = new ArrayDeque<>(); // newest first
    private int nextSeq;

    public UdptlSender(UdptlErrorCorrection mode, int firstSeq) {
        this.mode = mode;
        this.nextSeq = firstSeq & 0xFFFF;
        if (mode instanceof UdptlErrorCorrection.Redundancy r) {
            historySize = r.depth();
        } else if (mode instanceof UdptlErrorCorrection.ParityFec f) {
            historySize = f.span() * f.entries();
        } else {
            historySize = 0;
        }
    }

    public UdptlSender(UdptlErrorCorrection mode) {
        this(mode, 0);
    }

    public UdptlErrorCorrection mode() {
        return mode;
    }

    /** Sequence number the next packet will get. */
    public int nextSeq() {
        return nextSeq;
    }

    /** The UDPTL packet carrying {@code ifp} (an encoded IFP packet) with the next sequence number. */
    public UdptlPacket next(byte[] ifp) {
        UdptlPacket.ErrorRecovery recovery;
        if (mode instanceof UdptlErrorCorrection.ParityFec f) {
            recovery = fec(f);
        } else {
            recovery = new UdptlPacket.Redundancy(List.copyOf(history));
        }
        UdptlPacket packet = new UdptlPacket(nextSeq, ifp, recovery);
        nextSeq = (nextSeq + 1) & 0xFFFF;
        if (historySize > 0) {
            history.addFirst(ifp.clone());
            if (history.size() > historySize) {
                history.removeLast();
            }
        }
        return packet;
    }

    private UdptlPacket.Fec fec(UdptlErrorCorrection.ParityFec f) {
        int span = f.span();
        // at the start of a stream there is not enough history for every entry: use fewer entries
        int entries = Math.min(f.entries(), history.size() / span);
        byte[][] h = history.toArray(new byte[0][]);
        List<byte[]> out = new ArrayList<>(entries);
        for (int m = 0; m < entries; m++) {
            // entry m covers seq + m - k*entries, k = 1..span; history index of seq - d is d - 1
            int len = 0;
            for (int k = 1; k <= span; k++) {
                len = Math.max(len, h[k * entries - m - 1].length);
            }
            byte[] x = new byte[len];
            for (int k = 1; k <= span; k++) {
                byte[] p = h[k * entries - m - 1];
                for (int i = 0; i < p.length; i++) {
                    x[i] ^= p[i];
                }
            }
            out.add(x);
        }
        return new UdptlPacket.Fec(span, out);
    }

    /** Forgets the history (e.g. when a new call starts on the same channel); the numbering goes on. */
    public void resetHistory() {
        history.clear();
    }
}
