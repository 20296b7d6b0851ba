package org.t37gw.fmsp.t38.transport;

import org.t37gw.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.fmsp.t38.DataField;
import org.t37gw.fmsp.t38.DecodeResult;
import org.t37gw.fmsp.t38.IfpCodec;
import org.t37gw.fmsp.t38.IfpPacket;
import org.t37gw.fmsp.t38.T38Version;
import org.t37gw.fmsp.t38.UdptlCodec;
import org.t37gw.fmsp.t38.UdptlErrorCorrection;
import org.t37gw.fmsp.t38.UdptlPacket;

/**
 * Interop with spandsp 0.0.6 through {@code scripts/interop/bin/t38peer}: two peers back to back, then our codecs
 * in the middle as a relay. Skips when the peer is not built (run {@code scripts/interop/build}) or the libtiff and
 * Ghostscript tools are missing. Each fax runs at ten times real time.
 */
@Timeout(90)
class T38PeerInteropTest {

    private static final int TIME_SCALE = 10;
    private static Path peer;

    @BeforeAll
    static void findPeer() {
        String projectDir = System.getProperty("t37gw.projectDir", "..");
        peer = Path.of(projectDir, "scripts", "interop", "bin", "t38peer").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(peer), "skipped: " + peer + " is not built (run scripts/interop/build)");
        for (String tool : new String[] {"gs", "tiffcp", "tiffcmp"}) {
            assumeTrue(onPath(tool), "skipped: " + tool + " is not installed");
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void twoSpandspPeersBackToBack(@TempDir Path dir) throws Exception {
        Path in = twoPageTiff(dir);
        Path out = dir.resolve("out.tif");
        int[] ports = FreePorts.udp(2);
        Process rx = start(dir, "rx", "receive", out, ports[1], ports[0]);
        Process tx = start(dir, "tx", "send", in, ports[0], ports[1]);
        Result sent = result(tx, dir, "tx");
        Result received = result(rx, dir, "rx");
        assertFaxOk(sent, received, false);
        assertSamePixels(dir, in, out);
    }

    @Test
    void byteExactRelayVersion0(@TempDir Path dir) throws Exception {
        byteExactRelay(dir, T38Version.V0, false);
    }

    @Test
    void byteExactRelayVersion3Ecm(@TempDir Path dir) throws Exception {
        byteExactRelay(dir, T38Version.V3, true);
    }

    /**
     * Every datagram between the peers is decoded with our UDPTL and IFP decoders, re-encoded with our encoders, and
     * the re-encoding must equal the original octet for octet; the re-encoding is what gets forwarded.
     */
    private void byteExactRelay(Path dir, T38Version version, boolean ecm) throws Exception {
        Path in = twoPageTiff(dir);
        Path out = dir.resolve("out.tif");
        int[] ports = FreePorts.udp(4); // tx peer, relay side A, relay side B, rx peer
        IfpCodec ifp = new IfpCodec(version);
        UdptlCodec udptl = new UdptlCodec();
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        AtomicLong ifpCount = new AtomicLong();
        SEEN.clear();
        AtomicBoolean running = new AtomicBoolean(true);
        try (DatagramSocket sideA = new DatagramSocket(loopback(ports[1]));
             DatagramSocket sideB = new DatagramSocket(loopback(ports[2]))) {
            Thread ab = relayThread(sideA, sideB, loopback(ports[3]), ifp, udptl, mismatches, ifpCount, running);
            Thread ba = relayThread(sideB, sideA, loopback(ports[0]), ifp, udptl, mismatches, ifpCount, running);
            String[] extra = ecm ? new String[] {"--version", "" + version.number(), "--ecm"}
                    : new String[] {"--version", "" + version.number()};
            Process rx = start(dir, "rx", "receive", out, ports[3], ports[2], extra);
            Process tx = start(dir, "tx", "send", in, ports[0], ports[1], extra);
            Result sent = result(tx, dir, "tx");
            Result received = result(rx, dir, "rx");
            running.set(false);
            ab.join(2000);
            ba.join(2000);
            assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
                    + (mismatches.isEmpty() ? "" : mismatches.get(0)));
            assertTrue(ifpCount.get() > 100, "only " + ifpCount.get() + " IFP packets relayed");
            assertFaxOk(sent, received, ecm);
            assertSamePixels(dir, in, out);
            // what we decoded must mean what spandsp meant: the signals of a T.30 session, nothing unknown
            List<String> expected = new ArrayList<>(List.of("cng", "ced", "v21-preamble", "v17-14400-long-training",
                    "v21/hdlc-data", "v21/hdlc-fcs-OK", "v21/hdlc-fcs-OK-sig-end", "no-signal"));
            expected.addAll(ecm ? List.of("v17-14400/hdlc-data", "v17-14400/hdlc-fcs-OK")
                    : List.of("v17-14400/t4-non-ecm-data", "v17-14400/t4-non-ecm-sig-end"));
            assertTrue(SEEN.containsAll(expected), "seen " + SEEN + ", expected at least " + expected);
            assertTrue(SEEN.stream().noneMatch(n -> n.contains("unknown")), "seen " + SEEN);
        }
    }

    private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static Thread relayThread(DatagramSocket from, DatagramSocket via, InetSocketAddress to, IfpCodec ifp,
                                      UdptlCodec udptl, List<String> mismatches, AtomicLong ifpCount,
                                      AtomicBoolean running) throws IOException {
        from.setSoTimeout(50);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            while (running.get()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    from.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    return;
                }
                byte[] original = Arrays.copyOf(p.getData(), p.getLength());
                try {
                    byte[] again = reencode(original, ifp, udptl, ifpCount);
                    if (!Arrays.equals(original, again)) {
                        mismatches.add(hex(original) + " became " + hex(again));
                    }
                    via.send(new DatagramPacket(again, again.length, to));
                } catch (RuntimeException | IOException e) {
                    mismatches.add(hex(original) + ": " + e);
                }
            }
        }, "relay-" + from.getLocalPort());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static byte[] reencode(byte[] datagram, IfpCodec ifp, UdptlCodec udptl, AtomicLong ifpCount) {
        UdptlPacket p = udptl.decode(datagram).orThrow();
        byte[] primary = reencodeIfp(p.primary(), ifp);
        ifpCount.incrementAndGet();
        UdptlPacket.ErrorRecovery er = p.recovery();
        if (er instanceof UdptlPacket.Redundancy red) {
            List<byte[]> sec = new ArrayList<>();
            for (byte[] s : red.secondaries()) {
                sec.add(reencodeIfp(s, ifp));
            }
            er = new UdptlPacket.Redundancy(sec);
        }
        return udptl.encode(new UdptlPacket(p.seq(), primary, er));
    }

    private static byte[] reencodeIfp(byte[] bytes, IfpCodec ifp) {
        DecodeResult<IfpPacket> r = ifp.decode(bytes);
        IfpPacket packet = r.orThrow();
        if (packet instanceof IfpPacket.Indicator i) {
            SEEN.add(i.indicator().name());
        } else {
            IfpPacket.Data d = (IfpPacket.Data) packet;
            for (DataField f : d.fields()) {
                SEEN.add(d.dataType().name() + "/" + f.type().name());
            }
        }
        return ifp.encode(packet);
    }

    /**
     * The full stack in the middle: two {@link UdptlChannel}s, each IFP packet the one receives (in order, losses
     * recovered) is sent on by the other with our own sequence numbers and redundancy. Both sides of the relay lose
     * datagrams at random, so the fax only survives if our receiver recovers from spandsp's redundancy and spandsp
     * recovers from ours.
     */
    @Test
    void lossyRelayThroughUdptlChannels(@TempDir Path dir) throws Exception {
        Path in = twoPageTiff(dir);
        Path out = dir.resolve("out.tif");
        int[] ports = FreePorts.udp(4);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            UdptlChannel[] other = new UdptlChannel[2];
            UdptlConfig base = UdptlConfig.of(loopback(0), loopback(0))
                    .withErrorCorrection(UdptlErrorCorrection.redundancy(4));
            UdptlConfig ca = new UdptlConfig(loopback(ports[1]), loopback(ports[0]), T38Version.V0,
                    base.errorCorrection(), 0, base.ifpLimits(), base.udptlLimits(), false,
                    LossModel.random(5, 11), LossModel.random(5, 12));
            UdptlConfig cb = new UdptlConfig(loopback(ports[2]), loopback(ports[3]), T38Version.V0,
                    base.errorCorrection(), 0, base.ifpLimits(), base.udptlLimits(), false,
                    LossModel.random(5, 13), LossModel.random(5, 14));
            try (UdptlChannel a = UdptlChannel.open(group, ca, (seq, p) -> other[1].send(p, copies(p)));
                 UdptlChannel b = UdptlChannel.open(group, cb, (seq, p) -> other[0].send(p, copies(p)))) {
                other[0] = a;
                other[1] = b;
                Process rx = start(dir, "rx", "receive", out, ports[3], ports[2], "--loss", "5", "--seed", "7");
                Process tx = start(dir, "tx", "send", in, ports[0], ports[1], "--loss", "5", "--seed", "8");
                Result sent = result(tx, dir, "tx");
                Result received = result(rx, dir, "rx");
                assertFaxOk(sent, received, false);
                assertSamePixels(dir, in, out);
                UdptlChannel.Stats sa = a.stats();
                UdptlChannel.Stats sb = b.stats();
                assertTrue(sa.injectedLossIn() + sb.injectedLossIn() > 5, sa + " " + sb);
                assertTrue(sa.udptl().recoveredByRedundancy() + sb.udptl().recoveredByRedundancy() > 0, sa + " " + sb);
                assertEquals(0, sa.nonUdptlDropped() + sb.nonUdptlDropped());
                assertEquals(0, sa.badIfp() + sb.badIfp());
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Like spandsp: indicators and the ends of signals three times, other data once. */
    private static int copies(IfpPacket p) {
        if (p instanceof IfpPacket.Data d) {
            for (DataField f : d.fields()) {
                if (f.type().isSignalEnd()) {
                    return 3;
                }
            }
            return 1;
        }
        return 3;
    }

    // ---- helpers ----

    record Result(String json) {
        String get(String key) {
            Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|[^,}]*)").matcher(json);
            return m.find() ? m.group(1).replace("\"", "") : null;
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }


    private static Path twoPageTiff(Path dir) throws Exception {
        Path tif = dir.resolve("in.tif");
        run(dir, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffg3", "-r204x98", "-g1728x300",
                "-sOutputFile=" + tif, "-c",
                "/Helvetica findfont 40 scalefont setfont 50 100 moveto (t37gw T.38 page one) show showpage "
                        + "50 50 moveto (page two) show 10 10 moveto 1700 280 lineto stroke showpage");
        return tif;
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + output);
    }

    private static Process start(Path dir, String name, String role, Path file, int localPort, int remotePort,
                                 String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(peer.toString(), role, file.toString(), "" + localPort,
                "127.0.0.1", "" + remotePort, "--time-scale", "" + TIME_SCALE, "--timeout", "60"));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".json").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    private static Result result(Process p, Path dir, String name) throws Exception {
        if (!p.waitFor(75, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " peer did not finish");
        }
        String json = Files.readString(dir.resolve(name + ".json")).trim();
        String err = Files.readString(dir.resolve(name + ".err"));
        assertTrue(json.startsWith("{"), name + " printed no result: " + json + " " + err);
        return new Result(json);
    }

    private static void assertFaxOk(Result sent, Result received, boolean ecm) {
        String both = sent.json() + "\n" + received.json();
        assertEquals("ok", sent.get("status"), both);
        assertEquals("ok", received.get("status"), both);
        assertEquals("0", sent.get("t30_result"), both);
        assertEquals("2", sent.get("pages"), both);
        assertEquals("2", received.get("pages"), both);
        assertEquals("" + ecm, received.get("ecm"), both);
        assertEquals("T38PEER SEND", received.get("remote_ident"), both);
        assertEquals("T38PEER RECV", sent.get("remote_ident"), both);
    }

    /** Both TIFFs decompressed with tiffcp; tiffcmp -t compares the pixels of every page, ignoring tags. */
    private static void assertSamePixels(Path dir, Path a, Path b) throws Exception {
        Path ra = dir.resolve("a-raw.tif");
        Path rb = dir.resolve("b-raw.tif");
        run(dir, "tiffcp", "-c", "none", a.toString(), ra.toString());
        run(dir, "tiffcp", "-c", "none", b.toString(), rb.toString());
        run(dir, "tiffcmp", "-t", ra.toString(), rb.toString());
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
