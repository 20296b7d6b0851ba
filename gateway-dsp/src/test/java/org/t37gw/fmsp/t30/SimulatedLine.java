package org.t37gw.fmsp.t30;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A half-duplex fax line between two engines on a fake clock (spandsp fax_tests.c / g1050.c in spirit):
 * transmissions take the time their bits take, frames arrive when their last bit does, a station that
 * is transmitting hears nothing, high-speed signals are heard only by a receiver listening on that
 * modulation (V.21 frames always, as a Class 1 modem falls back to them). Errors come from a seeded RNG
 * (V.21 and ECM frame error rates) and from models of TCF and non-ECM page quality.
 */
final class SimulatedLine {
    /** Which TCFs are clean: by modulation and how many TCFs the line carried so far (from 1). */
    interface TcfModel {
        boolean good(Modulation m, int tcfNumber);
    }

    /** Bad rows of a non-ECM page: by modulation and how many pages the line carried so far (from 1). */
    interface PageModel {
        int badLines(Modulation m, int pageNumber);
    }

    static final int LINES_PER_PAGE = 1100;

    final class Station {
        final String name;
        final T30Engine engine;
        Station peer;
        long busyUntil;
        Modulation rxModulation = Modulation.V21;
        boolean rxHdlc = true;
        T30Result result;
        CallSummary summary;
        RemoteInfo remote;
        final List<T30Action.PageReceived> received = new ArrayList<>();
        final List<T30Action.PageSent> sent = new ArrayList<>();
        final Map<String, Integer> txCount = new HashMap<>();
        final List<Modulation> tcfRates = new ArrayList<>();

        Station(String name, T30Engine engine) {
            this.name = name;
            this.engine = engine;
        }

        int count(String frameName) {
            return txCount.getOrDefault(frameName, 0);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Item(long at, long seq, Runnable run) {
    }

    private final PriorityQueue<Item> queue = new PriorityQueue<>(
            (x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.seq, y.seq));
    private long seq;
    private long now;
    private final Random rng;
    final Station a;
    final Station b;
    double v21ErrorRate;
    double ecmErrorRate;
    TcfModel tcf = (m, n) -> true;
    PageModel pages = (m, n) -> 0;
    private int tcfCount;
    private int pageCount;
    final List<String> trace = new ArrayList<>();

    SimulatedLine(T30Engine caller, T30Engine answerer, long seed) {
        this.rng = new Random(seed);
        this.a = new Station("A", caller);
        this.b = new Station("B", answerer);
        a.peer = b;
        b.peer = a;
    }

    long now() {
        return now;
    }

    /** Schedules an event for a station, e.g. {@link T30Event.ReceiverBusy}. */
    void at(long t, Station s, T30Event e) {
        schedule(t, () -> apply(s, s.engine.onEvent(e, now)));
    }

    /** Runs until both calls are complete; fails if that takes more than {@code limitMillis} of line time. */
    void run(long limitMillis) {
        apply(a, a.engine.start(0));
        apply(b, b.engine.start(0));
        while (!(a.engine.isFinished() && b.engine.isFinished())) {
            long tq = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at;
            long ta = a.engine.nextDeadline().orElse(Long.MAX_VALUE);
            long tb = b.engine.nextDeadline().orElse(Long.MAX_VALUE);
            long t = Math.min(tq, Math.min(ta, tb));
            if (t == Long.MAX_VALUE) {
                fail("deadlock at " + now + " ms: A in " + a.engine.state() + ", B in " + b.engine.state() + "\n" + tail());
            }
            if (t > limitMillis) {
                fail("not done after " + limitMillis + " ms: A in " + a.engine.state() + ", B in " + b.engine.state() + "\n" + tail());
            }
            now = Math.max(now, t);
            if (tq == t) {
                queue.poll().run.run();
            } else if (ta == t) {
                apply(a, a.engine.onEvent(new T30Event.Timeout(), now));
            } else {
                apply(b, b.engine.onEvent(new T30Event.Timeout(), now));
            }
        }
    }

    String tail() {
        return String.join("\n", trace.subList(Math.max(0, trace.size() - 40), trace.size()));
    }

    private void schedule(long at, Runnable r) {
        queue.add(new Item(at, seq++, r));
    }

    private static long bitsMillis(long octets, Modulation m) {
        return (octets * 8 * 1000 + m.bitRate() - 1) / m.bitRate();
    }

    private static long startupMillis(Modulation m) {
        return m == Modulation.V21 ? 1000 : 300; // V.21 preamble 1 s; high-speed training
    }

    private void apply(Station s, List<T30Action> actions) {
        long t = now;
        boolean sends = false;
        for (T30Action act : actions) {
            if (act instanceof T30Action.SendTone tone) {
                if (tone.tone() == T30Action.Tone.CED) {
                    t += tone.durationMillis();
                    sends = true;
                }
            } else if (act instanceof T30Action.SendFrames f) {
                t += startupMillis(f.modulation());
                if (f.modulation().isHighSpeed()) {
                    carrierUp(s.peer, f.modulation(), t);
                }
                int fcd = 0;
                for (HdlcFrame h : f.frames()) {
                    t += bitsMillis(h.toBytes().length + 2, f.modulation());
                    String n = h.fcf().equals(Fcf.PPS) ? "PPS" : T30Trace.describe(h).split("[ (]", 2)[0];
                    s.txCount.merge(n, 1, Integer::sum);
                    if (h.fcf().equals(Fcf.FCD)) {
                        fcd++;
                    } else if (!h.fcf().equals(Fcf.RCP)) {
                        trace.add(t + " " + s + ">" + s.peer + " " + T30Trace.describe(h));
                    }
                    deliverFrame(s.peer, h, f.modulation(), t);
                }
                if (fcd > 0) {
                    trace.add(t + " " + s + ">" + s.peer + " " + fcd + " FCD at " + f.modulation());
                }
                sends = true;
            } else if (act instanceof T30Action.SendTcf tc) {
                t += startupMillis(tc.modulation());
                carrierUp(s.peer, tc.modulation(), t);
                t += tc.durationMillis();
                s.tcfRates.add(tc.modulation());
                trace.add(t + " " + s + ">" + s.peer + " TCF " + tc.modulation());
                deliverTcf(s.peer, tc.modulation(), t);
                sends = true;
            } else if (act instanceof T30Action.SendPageData p) {
                t += startupMillis(p.modulation());
                carrierUp(s.peer, p.modulation(), t);
                byte[] data = p.data();
                t += bitsMillis(data.length, p.modulation());
                trace.add(t + " " + s + ">" + s.peer + " page " + data.length + " octets at " + p.modulation());
                deliverPage(s.peer, p.modulation(), data, t);
                sends = true;
            } else if (act instanceof T30Action.StartReceive r) {
                if (t == now) {
                    s.rxModulation = r.modulation();
                    s.rxHdlc = r.hdlc();
                } else {
                    schedule(t, () -> {
                        s.rxModulation = r.modulation();
                        s.rxHdlc = r.hdlc();
                    });
                }
            } else if (act instanceof T30Action.PageReceived p) {
                s.received.add(p);
            } else if (act instanceof T30Action.PageSent p) {
                s.sent.add(p);
            } else if (act instanceof T30Action.RemoteIdentified r) {
                s.remote = r.info();
            } else if (act instanceof T30Action.CallComplete c) {
                s.result = c.result();
                s.summary = c.summary();
                trace.add(now + " " + s + " done: " + c.result() + " (" + c.summary().detail() + ")");
            }
        }
        if (sends) {
            s.busyUntil = t;
            schedule(t, () -> apply(s, s.engine.onEvent(new T30Event.SendComplete(), now)));
        }
    }

    private boolean hears(Station r, Modulation m, boolean hdlc) {
        if (r.busyUntil > now) {
            return false;
        }
        return m == Modulation.V21 || (r.rxModulation == m && r.rxHdlc == hdlc);
    }

    private void carrierUp(Station r, Modulation m, long at) {
        schedule(at, () -> {
            if (r.busyUntil <= now && r.rxModulation == m) {
                apply(r, r.engine.onEvent(new T30Event.CarrierUp(m), now));
            }
        });
    }

    private void deliverFrame(Station r, HdlcFrame h, Modulation m, long at) {
        schedule(at, () -> {
            if (!hears(r, m, true)) {
                trace.add(now + " lost (" + r + " not listening) " + T30Trace.describe(h));
                return;
            }
            boolean ok = rng.nextDouble() >= (m == Modulation.V21 ? v21ErrorRate : ecmErrorRate);
            byte[] bytes = h.toBytes();
            if (!ok) {
                bytes[rng.nextInt(bytes.length)] ^= (byte) (1 << rng.nextInt(8));
                if (!h.fcf().equals(Fcf.FCD)) {
                    trace.add(now + " corrupted " + T30Trace.describe(h));
                }
            }
            apply(r, r.engine.onEvent(new T30Event.FrameReceived(bytes, ok), now));
        });
    }

    private void deliverTcf(Station r, Modulation m, long at) {
        int n = ++tcfCount;
        schedule(at, () -> {
            if (!hears(r, m, false)) {
                trace.add(now + " TCF lost (" + r + " not listening)");
                return;
            }
            TcfStats stats = tcf.good(m, n) ? TcfStats.clean(1500) : TcfStats.noisy(1500);
            apply(r, r.engine.onEvent(new T30Event.TcfReceived(stats), now));
        });
    }

    private void deliverPage(Station r, Modulation m, byte[] data, long at) {
        int n = ++pageCount;
        schedule(at, () -> {
            if (!hears(r, m, false)) {
                trace.add(now + " page lost (" + r + " not listening)");
                return;
            }
            apply(r, r.engine.onEvent(new T30Event.PageDataReceived(data), now));
            apply(r, r.engine.onEvent(new T30Event.PageDataEnd(LINES_PER_PAGE, pages.badLines(m, n)), now));
        });
    }
}
