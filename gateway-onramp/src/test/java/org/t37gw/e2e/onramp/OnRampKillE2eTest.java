package org.t37gw.e2e.onramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.vtsp.T38PortDriver;

/**
 * Issue 6, proof 3: {@code kill -9} of the daemon while the spandsp peer sends page 4 of 6. The daemon runs as a
 * child JVM ({@code org.t37gw.cli.Main run}, on this test's class path, which holds every module but the off-ramp),
 * at ten times real time on its t38 port. When its log says page 3 is on disk it is killed
 * ({@link Process#destroyForcibly()}), the peer stopped, and the daemon started again on the same state directory:
 * the test MTA gets exactly one mail, pages 1 to 3 pixel for pixel, marked partial.
 */
class OnRampKillE2eTest {

    /** A child daemon and its log lines (stdout and stderr). */
    static final class Child implements AutoCloseable {
        final Process process;
        private final List<String> lines = new ArrayList<>();

        Child(List<String> cmd) throws IOException {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread t = new Thread(() -> gobble(process.getInputStream()), "e2e-child-log");
            t.setDaemon(true);
            t.start();
        }

        private void gobble(InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(l);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }

        String await(Pattern p, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                for (int seen = 0; ; ) {
                    for (; seen < lines.size(); seen++) {
                        if (p.matcher(lines.get(seen)).find()) {
                            return lines.get(seen);
                        }
                    }
                    long left = end - System.nanoTime();
                    if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                        throw new AssertionError("no log line like /" + p + "/ within " + timeout
                                + (process.isAlive() ? "" : " (the daemon exited)") + "\n" + tail());
                    }
                    lines.wait(Math.max(1, Math.min(500, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            }
        }

        int count(Pattern p) {
            synchronized (lines) {
                return (int) lines.stream().filter(l -> p.matcher(l).find()).count();
            }
        }

        String tail() {
            synchronized (lines) {
                return "child daemon log (end):\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 50), lines.size()));
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    static List<String> daemonCommand(Path cfg, Path state) {
        String cp = System.getProperty("java.class.path");
        for (String module : List.of("gateway-core", "gateway-dsp", "gateway-smtp", "gateway-onramp")) {
            assertTrue(cp.contains(module), "the test class path lacks " + module + ": " + cp);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-D" + T38PortDriver.TIME_SCALE_PROPERTY + "=" + E2e.TIME_SCALE,
                "-Dt37gw.testLogLevel=INFO", // the test class path's logback-test.xml, at INFO
                "-cp", cp, "org.t37gw.cli.Main", "run", "--config", cfg.toString(), "--state", state.toString(),
                "--admin", "127.0.0.1:0");
    }

    @Test
    void killedDuringPage4Of6MailsPages1To3MarkedPartialOnce(@TempDir Path dir) throws Exception {
        Path peer = E2e.peer();
        Path doc = E2e.document(dir, "in.tif", "tiffg3", false, 6);
        int[] udp = E2e.freeUdpPorts(2);
        int smtp = E2e.freeTcpPort();
        Path cfg = dir.resolve("gw.cfg");
        Files.writeString(cfg, E2e.config(smtp, "passthrough", udp));
        Path state = dir.resolve("state");
        Pattern ready = Pattern.compile(" ready: admin ");
        try (MailSink sink = new MailSink(smtp, r -> false).start()) {
            try (Child first = new Child(daemonCommand(cfg, state))) {
                first.await(ready, Duration.ofSeconds(60));
                Process p = E2e.sendFax(peer, dir, doc, udp, false, "peer");
                try {
                    first.await(Pattern.compile("call \\S+: page 3 \\(.*\\) on disk"), Duration.ofSeconds(60));
                    first.process.destroyForcibly();
                    assertTrue(first.process.waitFor(20, TimeUnit.SECONDS), "kill -9 did not end the daemon");
                    assertEquals(0, first.count(Pattern.compile("page 4 \\(.*\\) on disk")),
                            "page 4 was already on disk: the kill came too late\n" + first.tail());
                } finally {
                    p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            }
            assertEquals(0, sink.accepted().size(), "nothing is mailed before the restart");

            try (Child second = new Child(daemonCommand(cfg, state))) {
                second.await(ready, Duration.ofSeconds(60));
                MailSink.Accepted got = sink.await(1, Duration.ofSeconds(60)).get(0);
                String context = second.tail();
                assertEquals(List.of(E2e.TARGET), got.to(), context);
                E2e.Mail m = E2e.Mail.parse(got.data());
                assertEquals("3", m.header("X-Fax-Pages"), context);
                String result = m.header("X-Fax-Result");
                assertTrue(result.startsWith("partial") && result.contains("1-3"), result + "\n" + context);
                assertEquals("yes", m.header("X-Fax-Partial"), context);
                E2e.assertPages(doc, m.tiff(), 3, context);

                // a graceful stop (SIGTERM) after the delivery: nothing else goes out
                second.await(Pattern.compile("MAIL ACTIVE -> DONE"), Duration.ofSeconds(30));
                second.process.destroy();
                assertTrue(second.process.waitFor(40, TimeUnit.SECONDS), "the daemon did not stop on SIGTERM\n"
                        + second.tail());
                assertEquals(1, sink.accepted().size(), "mailed more than once\n" + second.tail());
                assertEquals(1, second.count(Pattern.compile("unfinished faxes recovered")), context);
                assertEquals(1, second.count(Pattern.compile("started: 1 unfinished faxes recovered")), context);
            }
        }
    }
}
