package org.t37gw.e2e.onramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.t37gw.daemon.Daemon;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.vtsp.T38PortDriver;

/**
 * Issue 6, proof 1: the spandsp T.38 peer sends a fax to a running daemon (in process, its config as a user writes
 * it: a t38 voice-port, the on-ramp's pots and mmoip dial-peers, {@code mta send server} to a test MTA), and the MTA
 * receives one mail whose TIFF-F attachment holds exactly the pages sent, pixel for pixel.
 *
 * <p>The peer's documents come from Ghostscript as MH ({@code tiffg3}), MR ({@code tiffg32d}) or MMR ({@code tiffg4})
 * TIFFs; spandsp codes them again for the line in the coding the two ends agree on (its pick: MR without ECM, MMR
 * with ECM, since the peer has no option to restrict its codings). By default a representative subset runs at ten
 * times real time; {@code -Dt37gw.e2e.matrix=full} runs ECM off/on × MH/MR/MMR input (MMR only with ECM) ×
 * standard/fine × 1/6/20 pages. Skips when {@code scripts/interop/bin/t38peer} is not built or gs is missing.
 */
class OnRampT38E2eTest {

    record Case(boolean ecm, String device, boolean fine, int pages, String encoding) {
        @Override
        public String toString() {
            return (ecm ? "ECM" : "non-ECM") + " " + switch (device) {
                case "tiffg3" -> "MH";
                case "tiffg32d" -> "MR";
                default -> "MMR";
            } + " " + (fine ? "fine" : "standard") + " " + pages + "p, image encoding " + encoding;
        }
    }

    @BeforeAll
    static void timeScale() {
        System.setProperty(T38PortDriver.TIME_SCALE_PROPERTY, "" + E2e.TIME_SCALE);
    }

    @AfterAll
    static void realTime() {
        System.clearProperty(T38PortDriver.TIME_SCALE_PROPERTY);
    }

    static Stream<Case> cases() {
        String only = System.getProperty("t37gw.e2e.only");
        return only == null ? allCases() : allCases().filter(c -> c.toString().contains(only));
    }

    private static Stream<Case> allCases() {
        if ("full".equals(System.getProperty("t37gw.e2e.matrix"))) {
            List<Case> all = new ArrayList<>();
            for (boolean ecm : new boolean[] {false, true}) {
                for (String dev : ecm ? new String[] {"tiffg3", "tiffg32d", "tiffg4"} : new String[] {"tiffg3", "tiffg32d"}) {
                    for (boolean fine : new boolean[] {false, true}) {
                        for (int pages : new int[] {1, 6, 20}) {
                            all.add(new Case(ecm, dev, fine, pages, pages == 6 ? "mh" : "passthrough"));
                        }
                    }
                }
            }
            return all.stream();
        }
        return Stream.of(
                new Case(false, "tiffg3", false, 1, "passthrough"),
                new Case(false, "tiffg32d", true, 6, "passthrough"),
                new Case(true, "tiffg4", true, 6, "passthrough"),
                new Case(true, "tiffg3", false, 20, "passthrough"),
                new Case(false, "tiffg3", false, 20, "mh"),
                new Case(true, "tiffg32d", true, 1, "mh"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void faxArrivesAsOneMailWithThePagesSent(Case c, @TempDir Path dir) throws Exception {
        Path peer = E2e.peer();
        long t0 = System.nanoTime();
        Path doc = E2e.document(dir, "in.tif", c.device(), c.fine(), c.pages());
        int[] udp = E2e.freeUdpPorts(2);
        int smtp = E2e.freeTcpPort();
        Path cfg = dir.resolve("gw.cfg");
        Files.writeString(cfg, E2e.config(smtp, c.encoding(), udp));
        long stopMillis;
        try (LogWatch log = new LogWatch(); MailSink sink = new MailSink(smtp, r -> false).start()) {
            Daemon d = new Daemon(new Daemon.Options(cfg, dir.resolve("state"), "127.0.0.1:0"), Clock.systemUTC());
            d.start();
            try {
                Process p = E2e.sendFax(peer, dir, doc, udp, c.ecm(), "peer");
                String json = E2e.peerResult(p, dir, "peer", 150);
                String context = c + "\nspandsp: " + json + "\n" + E2e.peerLog(dir, "peer") + "\n" + log.tail();
                assertEquals("ok", E2e.field(json, "status"), context);
                assertEquals("" + c.pages(), E2e.field(json, "pages"), context);
                assertEquals("" + c.ecm(), E2e.field(json, "ecm"), context);

                MailSink.Accepted got = sink.await(1, Duration.ofSeconds(60)).get(0);
                assertEquals(List.of(E2e.TARGET), got.to(), context);
                E2e.Mail m = E2e.Mail.parse(got.data());
                assertEquals("" + c.pages(), m.header("X-Fax-Pages"), context);
                assertEquals("complete", m.header("X-Fax-Result"), context);
                assertEquals("no", m.header("X-Fax-Partial"), context);
                assertEquals(c.ecm() ? "yes" : "no", m.header("X-Fax-ECM"), context);
                assertEquals(c.fine() ? "fine" : "standard", m.header("X-Fax-Resolution").toLowerCase(Locale.ROOT),
                        context);
                assertEquals("T38PEER SEND", m.header("X-Fax-Remote-Id"), context);
                assertEquals(E2e.CALLED, m.header("X-Fax-Called-Number"), context);
                String lineCoding = c.ecm() ? "MMR" : "MR";
                assertEquals(lineCoding, m.header("X-Fax-Coding"), context);

                byte[] tiff = m.tiff();
                TiffFaxReader r = E2e.assertPages(doc, tiff, c.pages(), context);
                String stored = "mh".equals(c.encoding()) ? "MH" : lineCoding;
                for (int i = 0; i < c.pages(); i++) {
                    assertEquals(stored, r.pages().get(i).codingName(), "page " + (i + 1) + "\n" + context);
                    assertEquals(c.fine() ? 196 : 98, Math.round(r.pages().get(i).ydpi()), "page " + (i + 1));
                }
                boolean libtiff = E2e.libtiffAgrees(doc, tiff, dir, context);
                System.out.printf(Locale.ROOT, "on-ramp e2e %s: ok in %.1f s%s%n", c, (System.nanoTime() - t0) / 1e9,
                        libtiff ? " (libtiff agrees)" : "");
            } finally {
                long s0 = System.nanoTime();
                d.stop();
                d.awaitStopped();
                stopMillis = (System.nanoTime() - s0) / 1_000_000;
            }
            assertEquals(1, sink.accepted().size(), "mailed more than once\n" + log.tail());
            // an idle daemon stops at once; the mail delivery's idle tick (30 s ahead) once held the stop that long
            assertTrue(stopMillis < 10_000, "the daemon took " + stopMillis + " ms to stop\n" + log.tail());
        }
    }
}
