package org.t37gw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/t37gw as a user runs it, on the jars the build just packaged: help, version, check-config on
 * every sample, the daemon coming up, answering {@code show}, reloading on SIGHUP (refusing a broken
 * config), and stopping on SIGTERM.
 */
class LauncherIT {
    static final Path ROOT = Path.of(System.getProperty("t37gw.projectDir", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("scripts/t37gw");

    record Result(int exit, String out, String err) {
    }

    static Result t37gw(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().put("T37GW_NO_BUILD", "1");
        // short-lived CLI calls: start fast
        pb.environment().put("T37GW_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto");
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder err = new StringBuilder();
        Thread t = gobble(p.getErrorStream(), err);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("t37gw " + String.join(" ", args) + " did not finish in 60 s");
        }
        t.join(5000);
        synchronized (err) {
            return new Result(p.exitValue(), out, err.toString());
        }
    }

    static Thread gobble(InputStream in, StringBuilder sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (sink) {
                        sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        sink.notifyAll();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void versionAndHelp() throws Exception {
        Result v = t37gw("--version");
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().matches("t37gw \\d+\\.\\d+\\.\\d+.*\\n"), v.out());
        Result h = t37gw("--help");
        assertEquals(0, h.exit(), h.err());
        for (String c : List.of("run", "check-config", "show", "doc", "fax")) {
            assertTrue(h.out().contains("  " + c), "help lists " + c + ":\n" + h.out());
        }
        for (String c : List.of("run", "check-config", "show", "doc", "fax")) {
            Result r = t37gw(c, "--help");
            assertEquals(0, r.exit(), c + " --help: " + r.err());
            assertTrue(r.out().contains("usage: t37gw " + c) || r.out().contains("t37gw " + c), r.out());
        }
        Result bad = t37gw("chek-config");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("did you mean 'check-config'"), bad.err());
    }

    @Test
    void everySampleConfigPassesTheCheck() throws Exception {
        List<Path> samples = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT.resolve("config"))) {
            s.filter(p -> p.toString().endsWith(".cfg")).forEach(samples::add);
        }
        assertFalse(samples.isEmpty(), "config/ holds samples");
        for (Path p : samples) {
            Result r = t37gw("check-config", p.toString());
            assertEquals(0, r.exit(), p + ":\n" + r.err());
            assertTrue(r.out().contains(": OK"), r.out());
        }
    }

    @Test
    void brokenConfigPointsAtTheLine(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("bad.cfg");
        Files.writeString(cfg, "hostname gw1\n!\ndial-peer voice 10 pots\n destination-patern 555....\n port 0\n");
        Result r = t37gw("check-config", cfg.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains(cfg + ":4: "), r.err());
        assertTrue(r.err().contains("did you mean"), r.err());
        assertTrue(r.err().contains(cfg + ":5: "), "the missing voice-port is reported too:\n" + r.err());
    }

    static final String CONFIG_V1 = """
            hostname it-gw
            mta receive listen 127.0.0.1 port SMTP_PORT
            mta receive aliases localhost
            mta send maildir mail
            !
            voice-port 0
             driver loopback 1
            !
            voice-port 1
             driver loopback 0 called-number 5550100
            !
            dial-peer voice 20 mmoip
             application fax_on_vfc_offramp_app
             incoming called-number .T
             information-type fax
            !
            dial-peer voice 21 pots
             destination-pattern .T
             port 0
            """;

    @Test
    void daemonComesUpAnswersShowReloadsAndStops(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("gw.cfg");
        int smtpPort;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            smtpPort = ss.getLocalPort();
        }
        String v1 = CONFIG_V1.replace("SMTP_PORT", Integer.toString(smtpPort));
        Files.writeString(cfg, v1);
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "run", "--config", cfg.toString(),
                "--state", tmp.resolve("state").toString(), "--admin", "127.0.0.1:0").directory(ROOT.toFile());
        pb.environment().put("T37GW_NO_BUILD", "1");
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        gobble(p.getErrorStream(), log);
        gobble(p.getInputStream(), log);
        try {
            String ready = waitFor(log, Pattern.compile("ready: admin http://127\\.0\\.0\\.1:(\\d+)/[^\\n]*"), 60);
            Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(ready);
            assertTrue(m.find());
            String admin = "127.0.0.1:" + m.group(1);
            assertTrue(ready.contains("smtp 127.0.0.1:" + smtpPort), ready);
            assertTrue(ready.contains("mail out maildir"), ready);

            Result peers = t37gw("show", "dial-peers", "--admin", admin);
            assertEquals(0, peers.exit(), peers.err());
            assertTrue(peers.out().contains("20") && peers.out().contains("21"), peers.out());
            Result json = t37gw("show", "stats", "--json", "--admin", admin);
            assertEquals(0, json.exit(), json.err());
            assertTrue(json.out().trim().startsWith("{"), json.out());

            // a broken config is refused on SIGHUP, the running one kept
            Files.writeString(cfg, v1 + "dial-peer voice 30 pots\n port 9\n");
            signal(p, "HUP");
            waitFor(log, Pattern.compile("reload: refused[^\\n]*"), 30);
            assertTrue(log.toString().contains(cfg + ":"), "errors name the file:\n" + log);
            peers = t37gw("show", "dial-peers", "--admin", admin);
            assertFalse(peers.out().contains("30 "), peers.out());

            // a good one is taken
            Files.writeString(cfg, v1 + "dial-peer voice 31 pots\n destination-pattern 9T\n port 0\n");
            signal(p, "HUP");
            waitFor(log, Pattern.compile("reload: [^\\n]* accepted, generation 2[^\\n]*"), 30);
            peers = t37gw("show", "dial-peers", "--admin", admin);
            assertTrue(peers.out().contains("31"), peers.out());

            signal(p, "TERM");
            assertTrue(p.waitFor(45, TimeUnit.SECONDS), "daemon stops on SIGTERM within 45 s:\n" + log);
            waitFor(log, Pattern.compile("stopped in \\d+ ms"), 5);
        } finally {
            p.destroyForcibly();
        }
    }

    static boolean portFree(int port) {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The README's first command: `t37gw run` with no config, on the contract's ports. */
    @Test
    void embeddedDefaultAsTheReadmeRunsIt(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(portFree(8025) && portFree(2525),
                "ports 8025 and 2525 are taken on this machine (a t37gw already running?)");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "run", "--state", tmp.resolve("var").toString())
                .directory(ROOT.toFile());
        pb.environment().put("T37GW_NO_BUILD", "1");
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        gobble(p.getErrorStream(), log);
        gobble(p.getInputStream(), log);
        try {
            String ready = waitFor(log, Pattern.compile("ready: admin http://127\\.0\\.0\\.1:8025/[^\\n]*"), 60);
            assertTrue(ready.contains("config embedded default"), ready);
            assertTrue(ready.contains("smtp 127.0.0.1:2525"), ready);
            Result peers = t37gw("show", "dial-peers");
            assertEquals(0, peers.exit(), peers.err());
            assertTrue(peers.out().contains("embedded default"), peers.out());
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), 2525)) {
                s.setSoTimeout(10_000);
                String greeting = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertTrue(greeting.startsWith("220 "), greeting);
            }
            assertTrue(Files.isDirectory(tmp.resolve("var/mail/new")), "the Maildir exists");
            assertTrue(Files.isDirectory(tmp.resolve("var/spool")), "the spool exists");
            signal(p, "TERM");
            assertTrue(p.waitFor(45, TimeUnit.SECONDS), "stops on SIGTERM:\n" + log);
        } finally {
            p.destroyForcibly();
        }
    }

    static void signal(Process p, String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start();
        assertEquals(0, k.waitFor());
    }

    static String waitFor(StringBuilder sink, Pattern pattern, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (sink) {
            while (true) {
                Matcher m = pattern.matcher(sink);
                if (m.find()) {
                    return m.group();
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("no line matching " + pattern + " within " + seconds + " s; output so far:\n" + sink);
                }
                sink.wait(Math.min(left, 200));
            }
        }
    }
}
