package org.t37gw.fmsp.cli;

import org.t37gw.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.tiff.TiffFaxReader;

/**
 * The proof of the T.38 terminal: {@code t37gw fax send|receive} (in process) against the spandsp 0.0.6 T.38
 * terminal {@code scripts/interop/bin/t38peer} on loopback, every received page compared pixel for pixel with the
 * page sent (both TIFFs decoded by our {@link TiffFaxReader}).
 *
 * <p>By default a representative subset runs at ten times real time plus one case in real time. With
 * {@code -Dt38.matrix=full} (see {@code scripts/interop-matrix}) the whole matrix runs: both directions, ECM off
 * and on, MH, MR and MMR (MMR only with ECM), standard and fine, 1 and 6 pages, with 0, 5 and 20 % of the
 * datagrams dropped at random on both sides (redundancy must recover them), at {@code -Dt38.timeScale} (default
 * 1, real time). Skips when the peer is not built ({@code scripts/interop/build}) or Ghostscript is missing.
 */
class FaxInteropTest {

    private static Path peer;

    /** One fax: who sends, the mode we force through our capabilities, the document, the loss. */
    record Case(boolean weSend, boolean ecm, String coding, boolean fine, int pages, int lossPct, int timeScale) {
        @Override
        public String toString() {
            return (weSend ? "t37gw->spandsp" : "spandsp->t37gw") + " " + (ecm ? "ECM" : "non-ECM") + " " + coding
                    + " " + (fine ? "fine" : "standard") + " " + pages + "p loss " + lossPct + "% x" + timeScale;
        }

        int redundancy() {
            return lossPct == 0 ? 3 : lossPct <= 5 ? 5 : 8;
        }
    }

    @BeforeAll
    static void findPeer() {
        String projectDir = System.getProperty("t37gw.projectDir", "..");
        peer = Path.of(projectDir, "scripts", "interop", "bin", "t38peer").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(peer), "skipped: " + peer + " is not built (run scripts/interop/build)");
        assumeTrue(onPath("gs"), "skipped: gs (Ghostscript) is not installed");
    }

    static Stream<Case> cases() {
        String only = System.getProperty("t38.only");
        return only == null ? allCases() : allCases().filter(c -> c.toString().contains(only));
    }

    private static Stream<Case> allCases() {
        if ("full".equals(System.getProperty("t38.matrix"))) {
            int scale = Integer.getInteger("t38.timeScale", 1);
            List<Case> all = new ArrayList<>();
            for (int loss : new int[] {0, 5, 20}) {
                for (boolean weSend : new boolean[] {true, false}) {
                    for (boolean ecm : new boolean[] {false, true}) {
                        for (String coding : ecm ? new String[] {"MH", "MR", "MMR"} : new String[] {"MH", "MR"}) {
                            for (boolean fine : new boolean[] {false, true}) {
                                for (int pages : new int[] {1, 6}) {
                                    all.add(new Case(weSend, ecm, coding, fine, pages, loss, scale));
                                }
                            }
                        }
                    }
                }
            }
            return all.stream();
        }
        return Stream.of(
                new Case(true, false, "MH", false, 1, 0, 10),
                new Case(false, false, "MR", true, 6, 0, 10),
                new Case(true, true, "MMR", true, 6, 0, 10),
                new Case(false, true, "MMR", false, 1, 0, 10),
                new Case(true, true, "MR", false, 1, 5, 10),
                new Case(false, false, "MH", true, 1, 5, 10),
                new Case(true, false, "MR", false, 6, 20, 10),
                new Case(false, true, "MH", true, 1, 20, 10),
                new Case(true, false, "MH", false, 1, 0, 1));
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fax(Case c, @TempDir Path dir) throws Exception {
        Path in = document(dir, c.fine(), c.pages());
        Path out = dir.resolve("out.tif");
        int[] ports = FreePorts.udp(2); // ours, the peer's
        String codings = switch (c.coding()) {
            case "MH" -> "mh";
            case "MR" -> "mh,mr";
            default -> "mh,mr,mmr";
        };
        List<String> args = new ArrayList<>(List.of(c.weSend() ? "send" : "receive",
                (c.weSend() ? in : out).toString(), "--t38", "127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1],
                "--ident", "+1 555 0100", "--codings", codings, "--time-scale", "" + c.timeScale(),
                "--timeout", "" + wallTimeout(c), "--redundancy", "" + c.redundancy()));
        if (c.ecm()) {
            args.add("--ecm");
        }
        if (c.lossPct() > 0) {
            args.addAll(List.of("--loss", "" + c.lossPct(), "--seed", "" + (c.hashCode() & 0xFFFF)));
        }
        FaxCommand.Options o = FaxCommand.parse(args);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        CountDownLatch ready = new CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        long t0 = System.nanoTime();
        try {
            Future<Integer> exit = ex.submit(() -> FaxCommand.run(o, new PrintStream(ours, true, StandardCharsets.UTF_8),
                    System.err, ready::countDown));
            assertTrue(ready.await(30, TimeUnit.SECONDS), "our terminal did not start");
            List<String> cmd = new ArrayList<>(List.of(peer.toString(), c.weSend() ? "receive" : "send",
                    (c.weSend() ? out : in).toString(), "" + ports[1], "127.0.0.1", "" + ports[0],
                    "--time-scale", "" + c.timeScale(), "--timeout", "" + wallTimeout(c),
                    "--redundancy", "" + c.redundancy(), "--verbose"));
            if (c.ecm()) {
                cmd.add("--ecm");
            }
            if (c.lossPct() > 0) {
                cmd.addAll(List.of("--loss", "" + c.lossPct(), "--seed", "" + (c.hashCode() & 0xFFF) + 1));
            }
            Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("peer.json").toFile())
                    .redirectError(dir.resolve("peer.err").toFile()).start();
            int code = exit.get(wallTimeout(c) + 30, TimeUnit.SECONDS);
            if (!p.waitFor(wallTimeout(c) + 10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("peer did not finish");
            }
            String mine = ours.toString(StandardCharsets.UTF_8).trim();
            String theirs = Files.readString(dir.resolve("peer.json")).trim();
            List<String> log = Files.readAllLines(dir.resolve("peer.err"));
            String both = c + "\nours:   " + mine + "\nspandsp: " + theirs + "\nspandsp log (end):\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
            assertEquals(0, code, both);
            assertEquals("ok", field(mine, "status"), both);
            assertEquals("ok", field(theirs, "status"), both);
            assertEquals("" + c.pages(), field(mine, "pages"), both);
            assertEquals("" + c.pages(), field(theirs, "pages"), both);
            assertEquals("" + c.ecm(), field(mine, "ecm"), both);
            assertEquals("" + c.ecm(), field(theirs, "ecm"), both);
            assertEquals(c.coding(), field(mine, "coding"), both);
            assertEquals(c.fine() ? "fine" : "standard", field(mine, "resolution"), both);
            assertEquals(c.weSend() ? "T38PEER RECV" : "T38PEER SEND", field(mine, "remote_ident"), both);
            assertEquals("+1 555 0100", field(theirs, "remote_ident").trim(), both);
            assertSamePages(in, out, c.pages(), both);
            System.out.printf(Locale.ROOT, "%s: ok in %.1f s%n", c, (System.nanoTime() - t0) / 1e9);
        } finally {
            ex.shutdownNow();
        }
    }

    private static int wallTimeout(Case c) {
        return c.timeScale() > 1 ? 90 : 600;
    }

    static void assertSamePages(Path sent, Path received, int pages, String context) throws IOException {
        TiffFaxReader a = TiffFaxReader.open(sent);
        TiffFaxReader b = TiffFaxReader.open(received);
        assertEquals(pages, a.pageCount(), context);
        assertEquals(pages, b.pageCount(), context);
        for (int i = 0; i < pages; i++) {
            Bilevel x = a.decodePage(i).image();
            Bilevel y = b.decodePage(i).image();
            assertTrue(x.samePixels(y), "page " + (i + 1) + ": " + x.firstDifference(y) + "\n" + context);
        }
    }

    /** A TIFF-F (MH) of {@code pages} short A4-wide pages, each with its own text and a diagonal line. */
    static Path document(Path dir, boolean fine, int pages) throws Exception {
        Path tif = dir.resolve("in.tif");
        StringBuilder ps = new StringBuilder("/Helvetica findfont 36 scalefont setfont ");
        for (int i = 1; i <= pages; i++) {
            ps.append(String.format(Locale.ROOT, "60 %d moveto (t37gw T.38 page %d of %d) show ", 40 + 17 * i, i, pages));
            ps.append(String.format(Locale.ROOT, "10 %d moveto 1700 %d lineto stroke showpage ", 5 * i, 200 - 9 * i));
        }
        run(dir, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffg3",
                fine ? "-r204x196" : "-r204x98", fine ? "-g1728x700" : "-g1728x350", "-sOutputFile=" + tif,
                "-c", ps.toString());
        return tif;
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|[^,}]*)").matcher(json);
        return m.find() ? m.group(1).replace("\"", "") : null;
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + output);
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

}
