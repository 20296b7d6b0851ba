package org.t37gw.fmsp.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.fmsp.t38.transport.UdptlChannel;
import org.t37gw.fmsp.t38.transport.UdptlConfig;
import org.t37gw.fmsp.terminal.T38Terminal;

/**
 * T.38 load benchmark, one side per JVM (run by {@code scripts/bench-t38}): the {@code gateway} JVM runs N calling
 * senders as {@code t37gw fax send} does (T30Engine + T38Terminal over a UdptlChannel, real time), the {@code peer}
 * JVM N answering receivers (our code too) that check every page pixel for pixel. Both share one Netty event loop
 * group sized to the cores; no thread per session. Ports: gateway {@code GW_BASE+i} talks to peer
 * {@code PEER_BASE+i}.
 *
 * <pre>
 * T38LoadBench peer    N PAGES GW_BASE PEER_BASE READY_FILE [TIMEOUT_S]
 * T38LoadBench gateway N PAGES GW_BASE PEER_BASE [TIMEOUT_S] [RAMP_MS]
 * </pre>
 * Each prints one JSON line on stdout. Pages: {@link TextPages}, {@value #PAGE_ROWS} rows at standard resolution,
 * non-ECM MH, V.17 14400 (negotiated).
 */
public final class T38LoadBench {
    static final int PAGE_ROWS = 220;

    private T38LoadBench() {
    }

    public static void main(String[] a) throws Exception {
        if (a.length < 5) {
            System.err.println("usage: T38LoadBench peer|gateway N PAGES GW_BASE PEER_BASE ...");
            System.exit(2);
        }
        int n = Integer.parseInt(a[1]);
        int pages = Integer.parseInt(a[2]);
        int gwBase = Integer.parseInt(a[3]);
        int peerBase = Integer.parseInt(a[4]);
        int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            String line = switch (a[0]) {
                case "peer" -> peer(group, n, pages, gwBase, peerBase, Path.of(a[5]),
                        a.length > 6 ? Integer.parseInt(a[6]) : 300);
                case "gateway" -> gateway(group, n, pages, gwBase, peerBase, a.length > 5 ? Integer.parseInt(a[5]) : 300,
                        a.length > 6 ? Integer.parseInt(a[6]) : 0, threads);
                default -> throw new IllegalArgumentException(a[0]);
            };
            System.out.println(line);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static InetSocketAddress lo(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static String peer(EventLoopGroup group, int n, int pages, int gwBase, int peerBase, Path ready,
                               int timeoutS) throws Exception {
        List<Bilevel> want = TextPages.make(pages, PAGE_ROWS);
        List<FaxEndpoint> rx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rx.add(FaxEndpoint.receiver((EventLoop) group.next(), UdptlConfig.of(lo(peerBase + i), lo(gwBase + i)),
                    "2 " + i, 1));
        }
        LoopLag lag = new LoopLag(group);
        lag.start();
        Files.writeString(ready, "ready\n");
        long t0 = System.nanoTime();
        long cpu0 = cpu();
        long[] gcs0 = gc();
        int ok = 0;
        int mismatch = 0;
        int timeout = 0;
        Map<String, Integer> results = new TreeMap<>();
        long deadline = t0 + timeoutS * 1_000_000_000L;
        try {
            CompletableFuture.allOf(rx.stream().map(FaxEndpoint::outcome).toArray(CompletableFuture[]::new))
                    .handle((v, x) -> v).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException x) {
            // counted per session below
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuS = (cpu() - cpu0) / 1e9;
        long[] gcs1 = gc();
        lag.stop();
        // pages are checked after the last call: the load peer does no extra work while calls are up
        for (FaxEndpoint e : rx) {
            T38Terminal.Outcome o;
            try {
                o = e.outcome().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException x) {
                e.terminal().abort(org.t37gw.fmsp.t30.T30Result.LOCAL_ABORT);
                timeout++;
                results.merge("timeout", 1, Integer::sum);
                continue;
            }
            results.merge(o.result().name(), 1, Integer::sum);
            if (o.result().isSuccess()) {
                String diff = FaxEndpoint.compare(want, e.decodedPages());
                if (diff == null) {
                    ok++;
                } else {
                    mismatch++;
                    results.merge("pixel mismatch", 1, Integer::sum);
                }
            }
        }
        String u = udptl(rx);
        for (FaxEndpoint e : rx) {
            e.close();
        }
        return String.format(Locale.ROOT, "{\"role\":\"peer\",\"udptl\":%s,\"n\":%d,\"ok\":%d,\"failed\":%d,\"pixel_mismatch\":%d,"
                + "\"timeout\":%d,\"wall_s\":%.1f,\"cpu_s\":%.1f,\"gc_count\":%d,\"gc_ms\":%d,\"loop_lag_p99_ms\":%d,"
                + "\"loop_lag_max_ms\":%d,\"results\":%s}", u, n, ok, n - ok, mismatch, timeout, wall,
                cpuS, gcs1[0] - gcs0[0], gcs1[1] - gcs0[1], lag.percentile(0.99), lag.max(), json(results));
    }

    private static String gateway(EventLoopGroup group, int n, int pages, int gwBase, int peerBase, int timeoutS,
                                  int rampMs, int threads) throws Exception {
        List<Bilevel> doc = TextPages.make(pages, PAGE_ROWS);
        LoopLag lag = new LoopLag(group);
        long heap0 = usedAfterGc();
        List<FaxEndpoint> tx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tx.add(FaxEndpoint.sender((EventLoop) group.next(), UdptlConfig.of(lo(gwBase + i), lo(peerBase + i)),
                    TextPages.copy(doc), "1 " + i, 1));
        }
        // heap per session: every session set up (socket bound, engine, terminal, its own page rasters), after a
        // full GC; with -Dbench.midGc=true also mid-call (a forced full GC then stalls the loops for 0.2-0.7 s)
        long heapSetup = usedAfterGc();
        lag.start();
        long t0 = System.nanoTime();
        long cpu0 = cpu();
        long[] gcs0 = gc();
        List<CompletableFuture<T38Terminal.Outcome>> outs = new ArrayList<>();
        long[] ends = new long[n];
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            if (rampMs > 0) {
                long due = t0 + (long) rampMs * 1_000_000L * i / n;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                    Thread.sleep(0, 200_000);
                }
            }
            starts[i] = System.nanoTime();
            outs.add(tx.get(i).start().whenComplete((o, e) -> ends[k] = System.nanoTime()));
        }
        long heapMid = 0;
        double gcPauseMs = 0;
        if (Boolean.getBoolean("bench.midGc")) { // every session live (training, first page)
            long midAt = t0 + (rampMs + 6000L) * 1_000_000L;
            while (System.nanoTime() < midAt) {
                Thread.sleep(50);
            }
            long gcPause0 = System.nanoTime();
            heapMid = usedAfterGc();
            gcPauseMs = (System.nanoTime() - gcPause0) / 1e6;
        }
        Map<String, Integer> results = new TreeMap<>();
        int ok = 0;
        long deadline = t0 + timeoutS * 1_000_000_000L;
        for (int i = 0; i < n; i++) {
            try {
                T38Terminal.Outcome o = outs.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                results.merge(o.result().name(), 1, Integer::sum);
                if (o.result().isSuccess() && o.summary() != null && o.summary().pages() == pages) {
                    ok++;
                }
            } catch (java.util.concurrent.TimeoutException x) {
                results.merge("timeout", 1, Integer::sum);
            }
        }
        long end = 0;
        long sumSession = 0;
        long maxSession = 0;
        for (long e : ends) {
            end = Math.max(end, e);
        }
        for (int i = 0; i < n; i++) {
            long d = ends[i] == 0 ? 0 : ends[i] - starts[i];
            sumSession += d;
            maxSession = Math.max(maxSession, d);
        }
        double wall = ((end == 0 ? System.nanoTime() : end) - t0) / 1e9;
        double cpuS = (cpu() - cpu0) / 1e9;
        long[] gcs1 = gc();
        lag.stop();
        long datagrams = 0;
        for (FaxEndpoint e : tx) {
            UdptlChannel.Stats s = e.channel().stats();
            datagrams += s.datagramsIn() + s.datagramsOut();
        }
        String u = udptl(tx);
        for (FaxEndpoint e : tx) {
            e.close();
        }
        return String.format(Locale.ROOT, "{\"role\":\"gateway\",\"udptl\":%s,\"n\":%d,\"pages\":%d,\"threads\":%d,\"ok\":%d,"
                        + "\"failed\":%d,\"wall_s\":%.1f,\"session_mean_s\":%.1f,\"session_max_s\":%.1f,\"cpu_s\":%.1f,"
                        + "\"cpu_share\":%.2f,\"heap_per_session_kb\":%.0f,\"heap_mid_call_per_session_kb\":%.0f,"
                        + "\"mid_full_gc_ms\":%.0f,"
                        + "\"gc_count\":%d,\"gc_ms\":%d,\"datagrams\":%d,\"pps\":%.0f,\"loop_lag_p99_ms\":%d,"
                        + "\"loop_lag_max_ms\":%d,\"results\":%s}",
                u, n, pages, threads, ok, n - ok, wall, sumSession / 1e9 / n, maxSession / 1e9, cpuS, cpuS / wall,
                (heapSetup - heap0) / 1024.0 / n, heapMid == 0 ? 0 : (heapMid - heap0) / 1024.0 / n, gcPauseMs, gcs1[0] - gcs0[0], gcs1[1] - gcs0[1],
                datagrams, datagrams / wall, lag.percentile(0.99), lag.max(), json(results));
    }

    /** UDPTL receive counters summed over the endpoints. */
    static String udptl(List<FaxEndpoint> es) {
        long lost = 0, unconfirmed = 0, late = 0, dup = 0, malformed = 0, resyncs = 0, recovered = 0;
        for (FaxEndpoint e : es) {
            var u = e.channel().stats().udptl();
            lost += u.lost();
            unconfirmed += u.unconfirmed();
            late += u.late();
            dup += u.duplicates();
            malformed += u.malformed();
            resyncs += u.resyncs();
            recovered += u.recoveredByRedundancy();
        }
        return String.format(Locale.ROOT, "{\"lost\":%d,\"recovered\":%d,\"unconfirmed\":%d,\"late\":%d,"
                + "\"duplicates\":%d,\"malformed\":%d,\"resyncs\":%d}", lost, recovered, unconfirmed, late, dup,
                malformed, resyncs);
    }

    private static String json(Map<String, Integer> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long[] gc() {
        long c = 0;
        long t = 0;
        for (var g : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, g.getCollectionCount());
            t += Math.max(0, g.getCollectionTime());
        }
        return new long[] {c, t};
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** How late a 10 ms tick runs on each event loop: the pacing jitter every session on that loop sees. */
    static final class LoopLag {
        private final EventLoopGroup group;
        private final AtomicLongArray histogram = new AtomicLongArray(1001); // ms, last bucket = 1000 ms or more
        private volatile boolean stopped;
        private volatile long max;

        LoopLag(EventLoopGroup group) {
            this.group = group;
        }

        void start() {
            for (EventExecutor e : group) {
                tick(e, System.nanoTime() + 10_000_000L);
            }
        }

        /** One sample per tick: a stall counts once (a fixed-rate task would catch up and count it many times). */
        private void tick(EventExecutor e, long due) {
            if (stopped) {
                return;
            }
            e.schedule(() -> {
                long now = System.nanoTime();
                long late = Math.max(0, (now - due) / 1_000_000L);
                histogram.incrementAndGet((int) Math.min(1000, late));
                if (late > max) {
                    max = late;
                }
                tick(e, now + 10_000_000L);
            }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        void stop() {
            stopped = true;
        }

        long max() {
            return max;
        }

        long percentile(double p) {
            long total = 0;
            for (int i = 0; i < histogram.length(); i++) {
                total += histogram.get(i);
            }
            long seen = 0;
            for (int i = 0; i < histogram.length(); i++) {
                seen += histogram.get(i);
                if (seen >= total * p) {
                    return i;
                }
            }
            return 1000;
        }
    }
}
