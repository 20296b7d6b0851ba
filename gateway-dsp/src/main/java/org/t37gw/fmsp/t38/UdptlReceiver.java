package org.t37gw.fmsp.t38;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The receiving half of UDPTL (T.38 Annex): datagrams in, IFP packets out in sequence order, each once, with lost
 * packets filled from the redundancy and parity-FEC parts of later datagrams where they can be, and a report of the
 * gaps that remain. Pure (no I/O, no clock) and not thread-safe.
 *
 * <h2>How it works</h2>
 * Sequence numbers are extended to a 64-bit count relative to the next expected one. A datagram older than that is
 * a duplicate (already held) or late (already declared lost) and is dropped; one more than {@code resyncThreshold}
 * away in either direction is taken as a restarted stream. A jump (more than {@value #JUMP} ahead, or a restart) is
 * acted on only once {@value #JUMP_CONFIRM} datagrams of the new numbering have come, each at most
 * {@value #JUMP_STEP} after the one before (copies count once): until then they are held and reported
 * {@link Disposition#UNCONFIRMED}, then taken in order; a packet of the old numbering drops them. One stray or
 * corrupted datagram would otherwise declare hundreds of packets lost and drop the real stream as late, or restart
 * it and deliver a stale IFP. Everything received or recovered lands in a ring that
 * also keeps recently delivered packets, which parity FEC needs as XOR operands. In-order packets are delivered at
 * once. A hole is waited for while fewer than {@code reorderWindow} later packets have arrived (0: declare it lost
 * at once); then it is reported as a {@link Gap} and delivery goes on. {@link #flush()} declares every hole.
 *
 * <p>FEC recovery XORs zero-padded packets, so a recovered packet may carry trailing padding; the optional
 * {@code ifpLength} function (e.g. {@link IfpCodec#measure}) finds the true end of the IFP packet, and a recovery it
 * rejects is discarded.
 */
public final class UdptlReceiver {

    /** What became of one datagram. */
    public enum Disposition { ACCEPTED, DUPLICATE, LATE, MALFORMED, UNCONFIRMED }

    /** Where a delivered IFP packet came from. */
    public enum Source { PRIMARY, REDUNDANCY, FEC }

    /** An IFP packet handed on, in sequence order. */
    public record Delivered(int seq, byte[] ifp, Source source) {
        @Override
        public String toString() {
            return "#" + seq + "(" + ifp.length + " octets, " + source + ")";
        }
    }

    /** {@code count} packets from {@code firstSeq} on (modulo 65536) that were lost for good. */
    public record Gap(int firstSeq, int count) {
    }

    /**
     * The outcome of one datagram (or a flush): its disposition and sequence number (-1 for a flush or an
     * undecodable datagram), the reason when malformed, and what is now delivered and given up.
     */
    public record Report(Disposition disposition, int seq, String reason, List<Delivered> delivered, List<Gap> gaps) {
        public Report {
            delivered = List.copyOf(delivered);
            gaps = List.copyOf(gaps);
        }
    }

    /** Running totals. */
    public record Stats(long datagrams, long accepted, long duplicates, long late, long malformed,
                        long recoveredByRedundancy, long recoveredByFec, long lost, long resyncs,
                        long unconfirmed) {
    }

    private static final int RING = 2048;
    private static final int MASK = RING - 1;
    /** A sequence number this far ahead of the next expected one is a jump that must be confirmed. */
    static final int JUMP = 8;
    /** Datagrams of the new numbering that confirm a jump. */
    static final int JUMP_CONFIRM = 3;
    /** Largest step between them (losses among them allowed). */
    static final int JUMP_STEP = 4;

    private final UdptlCodec codec;
    private final int reorderWindow;
    private final int resyncThreshold;
    private final ToIntFunction<byte[]> ifpLength;

    private final long[] ringSeq = new long[RING];
    private final byte[][] ringIfp = new byte[RING][];
    private final Source[] ringSource = new Source[RING];
    private boolean started;
    private long next;       // extended sequence number of the next packet to deliver
    private long highest;    // highest extended sequence number held
    private int jumpLast;    // sequence number (mod 65536) of the latest unconfirmed jump
    private int jumpCount;   // datagrams of that jump so far (0: none)
    private final List<UdptlPacket> held = new ArrayList<>(JUMP_CONFIRM); // unconfirmed, in order

    private long datagrams, accepted, duplicates, late, malformed, recoveredByRedundancy, recoveredByFec, lost, resyncs, unconfirmed;

    /**
     * @param codec           decodes the datagrams, with its limits
     * @param reorderWindow   how many later packets to wait for before a hole counts as lost (0..256)
     * @param resyncThreshold a jump larger than this (in either direction) restarts the stream (1..1024)
     * @param ifpLength       length of the IFP packet at the start of an array, or -1; null to keep FEC padding
     */
    public UdptlReceiver(UdptlCodec codec, int reorderWindow, int resyncThreshold, ToIntFunction<byte[]> ifpLength) {
        if (reorderWindow < 0 || reorderWindow > 256 || resyncThreshold < 1 || resyncThreshold > 1024) {
            throw new IllegalArgumentException("reorder window " + reorderWindow + ", resync " + resyncThreshold);
        }
        this.codec = codec;
        this.reorderWindow = reorderWindow;
        this.resyncThreshold = resyncThreshold;
        this.ifpLength = ifpLength;
        Arrays.fill(ringSeq, Long.MIN_VALUE);
    }

    /** Delivers at once (no reordering), resyncs beyond 512, trims FEC recoveries with {@code ifpCodec}. */
    public UdptlReceiver(UdptlCodec codec, IfpCodec ifpCodec) {
        this(codec, 0, 512, ifpCodec::measure);
    }

    public Stats stats() {
        return new Stats(datagrams, accepted, duplicates, late, malformed, recoveredByRedundancy, recoveredByFec, lost,
                resyncs, unconfirmed);
    }

    /** Sequence number (mod 65536) of the next packet to be delivered, or -1 before the first datagram. */
    public int expectedSeq() {
        return started ? (int) (next & 0xFFFF) : -1;
    }

    public Report receive(byte[] datagram) {
        return receive(datagram, 0, datagram.length);
    }

    public Report receive(byte[] buf, int offset, int length) {
        datagrams++;
        DecodeResult<UdptlPacket> r = codec.decode(buf, offset, length);
        if (r instanceof DecodeResult.Malformed<UdptlPacket> m) {
            malformed++;
            return new Report(Disposition.MALFORMED, -1, m.toString(), List.of(), List.of());
        }
        return accept(r.orThrow());
    }

    /** Takes an already decoded packet (counted as a datagram). */
    public Report receive(UdptlPacket packet) {
        datagrams++;
        return accept(packet);
    }

    private Report accept(UdptlPacket p) {
        List<Delivered> out = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        if (!started) {
            started = true;
            next = p.seq();
            highest = next - 1;
        }
        long ext = extend(p.seq());
        long d = ext - next;
        boolean restart = d > resyncThreshold || d < -resyncThreshold;
        if (restart || d > Math.min(JUMP, resyncThreshold)) {
            if (!jumpConfirmed(p)) {
                unconfirmed++;
                return new Report(Disposition.UNCONFIRMED, p.seq(), null, out, gaps);
            }
            List<UdptlPacket> run = new ArrayList<>(held);
            run.add(p);
            held.clear();
            long firstExt = ext - ((p.seq() - run.get(0).seq()) & 0xFFFF);
            if (restart) {
                resyncs++;
                drainAll(out, gaps);
                Arrays.fill(ringSeq, Long.MIN_VALUE);
                next = firstExt; // from the first datagram of the new numbering
                highest = next - 1;
            }
            for (UdptlPacket q : run) {
                long e = firstExt + ((q.seq() - run.get(0).seq()) & 0xFFFF);
                if (!have(e)) {
                    accepted++;
                    take(e, q);
                }
            }
            drain(out, gaps);
            return new Report(Disposition.ACCEPTED, p.seq(), null, out, gaps);
        }
        if (d < 0 || have(ext)) {
            if (have(ext)) {
                duplicates++;
                return new Report(Disposition.DUPLICATE, p.seq(), null, out, gaps);
            }
            late++;
            return new Report(Disposition.LATE, p.seq(), null, out, gaps);
        }
        accepted++;
        held.clear(); // the old numbering goes on: an unconfirmed jump was a stray
        jumpCount = 0;
        take(ext, p);
        drain(out, gaps);
        return new Report(Disposition.ACCEPTED, p.seq(), null, out, gaps);
    }

    /** Stores an accepted packet and what its redundancy or FEC recovers. */
    private void take(long ext, UdptlPacket p) {
        store(ext, p.primaryUnsafe(), Source.PRIMARY);
        if (p.recovery() instanceof UdptlPacket.Redundancy red) {
            List<byte[]> sec = red.secondariesUnsafe();
            for (int i = 0; i < sec.size(); i++) {
                long q = ext - 1 - i;
                if (q < next) {
                    break;
                }
                if (!have(q)) {
                    store(q, sec.get(i), Source.REDUNDANCY);
                    recoveredByRedundancy++;
                }
            }
        } else {
            recoverByFec(ext, (UdptlPacket.Fec) p.recovery());
        }
    }

    /**
     * Counts {@code p} into the run of datagrams that follows the latest jump: true once it is long enough (the
     * caller takes {@link #held} and {@code p}); otherwise {@code p} is held (a copy of the latest is not).
     */
    private boolean jumpConfirmed(UdptlPacket p) {
        int seq = p.seq();
        if (jumpCount > 0) {
            int step = (seq - jumpLast) & 0xFFFF;
            if (step == 0) {
                return false;
            }
            if (step <= JUMP_STEP) {
                jumpCount++;
            } else {
                held.clear();
                jumpCount = 1;
            }
        } else {
            held.clear();
            jumpCount = 1;
        }
        jumpLast = seq;
        if (jumpCount >= JUMP_CONFIRM) {
            jumpCount = 0;
            return true;
        }
        held.add(p);
        return false;
    }

    /** Declares every remaining hole lost and delivers everything held. */
    public Report flush() {
        List<Delivered> out = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        if (started) {
            drainAll(out, gaps);
        }
        return new Report(Disposition.ACCEPTED, -1, null, out, gaps);
    }

    private long extend(int seq) {
        int diff = (short) (seq - (int) (next & 0xFFFF)); // signed 16-bit distance
        return next + diff;
    }

    private boolean have(long ext) {
        return ringSeq[(int) (ext & MASK)] == ext;
    }

    private void store(long ext, byte[] ifp, Source source) {
        int i = (int) (ext & MASK);
        ringSeq[i] = ext;
        ringIfp[i] = ifp;
        ringSource[i] = source;
        highest = Math.max(highest, ext);
    }

    private void recoverByFec(long ext, UdptlPacket.Fec fec) {
        int span = fec.span();
        List<byte[]> entries = fec.entriesUnsafe();
        int e = entries.size();
        if (span < 1 || e < 1 || (long) span * e >= RING / 2) {
            return;
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int m = 0; m < e; m++) {
                long missing = Long.MIN_VALUE;
                int missingCount = 0;
                for (int k = 1; k <= span; k++) {
                    long q = ext + m - (long) k * e;
                    if (!have(q)) {
                        missing = q;
                        missingCount++;
                    }
                }
                if (missingCount != 1 || missing < next) {
                    continue;
                }
                byte[] x = entries.get(m).clone();
                boolean consistent = true;
                for (int k = 1; k <= span && consistent; k++) {
                    long q = ext + m - (long) k * e;
                    if (q == missing) {
                        continue;
                    }
                    byte[] other = ringIfp[(int) (q & MASK)];
                    if (other.length > x.length) {
                        consistent = false;
                    } else {
                        for (int i = 0; i < other.length; i++) {
                            x[i] ^= other[i];
                        }
                    }
                }
                if (!consistent) {
                    continue;
                }
                if (ifpLength != null) {
                    int len = ifpLength.applyAsInt(x);
                    if (len <= 0) {
                        continue;
                    }
                    x = Arrays.copyOf(x, len);
                }
                if (x.length == 0) {
                    continue;
                }
                store(missing, x, Source.FEC);
                recoveredByFec++;
                progress = true;
            }
        }
    }

    private void drain(List<Delivered> out, List<Gap> gaps) {
        while (true) {
            deliverInOrder(out);
            if (highest >= next && highest - next >= reorderWindow) {
                declareHole(gaps);
            } else {
                return;
            }
        }
    }

    private void drainAll(List<Delivered> out, List<Gap> gaps) {
        deliverInOrder(out);
        while (highest >= next) {
            declareHole(gaps);
            deliverInOrder(out);
        }
    }

    private void deliverInOrder(List<Delivered> out) {
        while (have(next)) {
            int i = (int) (next & MASK);
            out.add(new Delivered((int) (next & 0xFFFF), ringIfp[i].clone(), ringSource[i]));
            next++;
        }
    }

    private void declareHole(List<Gap> gaps) {
        long q = next + 1;
        while (q <= highest && !have(q)) {
            q++;
        }
        int count = (int) (q - next);
        gaps.add(new Gap((int) (next & 0xFFFF), count));
        lost += count;
        next = q;
    }
}
