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

    /**
     * The README's first command, `t37gw run` with no config, on the contract's ports, and the whole
     * mission on one machine: a mail with a text body and a TIFF attachment to FAX=5550100@localhost goes
     * out as a fax on the loopback line, the gateway's own on-ramp receives it, and a mail with a TIFF-F
     * attachment of the same pages lands in the Maildir.
     */
    @Test
    void embeddedDefaultRunsTheWholeLoop(@TempDir Path tmp) throws Exception {
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
            assertFalse(ready.contains("not built yet"), ready);
            Result peers = t37gw("show", "dial-peers");
            assertEquals(0, peers.exit(), peers.err());
            assertTrue(peers.out().contains("embedded default"), peers.out());

            // a one-page fax TIFF as a mail client would attach it
            org.t37gw.dmsp.page.Bilevel page = testPage(1728, 2287);
            Path tif = tmp.resolve("page.tif");
            try (org.t37gw.dmsp.tiff.TiffFaxWriter w = new org.t37gw.dmsp.tiff.TiffFaxWriter(tif,
                    org.t37gw.dmsp.tiff.TiffFaxWriter.Options.profileS())) {
                w.addPage(page);
            }
            java.util.Properties props = new java.util.Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", "2525");
            props.put("mail.smtp.connectiontimeout", "10000");
            props.put("mail.smtp.timeout", "30000");
            jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
            jakarta.mail.internet.MimeMessage msg = new jakarta.mail.internet.MimeMessage(session);
            msg.setFrom("someone@localhost");
            msg.setRecipients(jakarta.mail.Message.RecipientType.TO, "FAX=5550100@localhost");
            msg.setSubject("loop test");
            jakarta.mail.internet.MimeMultipart mp = new jakarta.mail.internet.MimeMultipart();
            jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
            text.setText("Hello through the loopback line.\nSecond line.\n", "UTF-8");
            mp.addBodyPart(text);
            jakarta.mail.internet.MimeBodyPart att = new jakarta.mail.internet.MimeBodyPart();
            att.attachFile(tif.toFile(), "image/tiff", "base64");
            mp.addBodyPart(att);
            msg.setContent(mp);
            jakarta.mail.Transport.send(msg);

            Path inbox = tmp.resolve("var/mail/new");
            Path mail = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (mail == null && System.nanoTime() < deadline) {
                try (Stream<Path> files = Files.list(inbox)) {
                    mail = files.findFirst().orElse(null);
                }
                if (mail == null) {
                    synchronized (log) {
                        log.wait(500);
                    }
                }
            }
            assertTrue(mail != null, "a mail arrives in the Maildir within 180 s; log:\n" + log);
            jakarta.mail.internet.MimeMessage got;
            try (InputStream in = Files.newInputStream(mail)) {
                got = new jakarta.mail.internet.MimeMessage(session, in);
            }
            assertEquals("fax-5550100@localhost", got.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString());
            assertEquals("2", got.getHeader("X-Fax-Pages")[0], "cover-less fax: the text page and the TIFF page");
            assertEquals("complete", got.getHeader("X-Fax-Result")[0]);
            jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) got.getContent();
            byte[] tiff = null;
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("image/tiff")) {
                    tiff = parts.getBodyPart(i).getInputStream().readAllBytes();
                }
            }
            assertTrue(tiff != null, "a TIFF attachment");
            org.t37gw.dmsp.tiff.TiffFaxReader r = org.t37gw.dmsp.tiff.TiffFaxReader.open(tiff);
            assertEquals(2, r.pages().size());
            assertTrue(r.deviations().isEmpty(), "TIFF-F: " + r.deviations());
            org.t37gw.dmsp.page.Bilevel p1 = r.decodePage(0).image();
            org.t37gw.dmsp.page.Bilevel p2 = r.decodePage(1).image();
            assertEquals(1728, p1.width());
            assertTrue(inked(p1), "the text page has text on it");
            assertEquals(page.width(), p2.width());
            assertEquals(page.height(), p2.height());
            assertTrue(java.util.Arrays.equals(page.data(), p2.data()), "the attached page comes back pixel-exact");

            signal(p, "TERM");
            assertTrue(p.waitFor(45, TimeUnit.SECONDS), "stops on SIGTERM:\n" + log);
        } finally {
            p.destroyForcibly();
        }
    }

    /** A fine A4 page with a frame and bars, as a scanner would send it. */
    static org.t37gw.dmsp.page.Bilevel testPage(int width, int height) {
        int rb = (width + 7) / 8;
        byte[] d = new byte[rb * height];
        java.util.Random rnd = new java.util.Random(37);
        for (int y = 100; y < height - 100; y++) {
            for (int x = 100; x < width - 100; x++) {
                boolean black = y < 110 || y >= height - 110 || x < 110 || x >= width - 110
                        || (y / 40 % 5 == 0 && (x / (7 + y % 13)) % 3 == 0) || (y > 1500 && rnd.nextInt(50) == 0);
                if (black) {
                    d[y * rb + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return new org.t37gw.dmsp.page.Bilevel(width, height, 204, 196, d);
    }

    static boolean inked(org.t37gw.dmsp.page.Bilevel b) {
        int n = 0;
        for (byte v : b.data()) {
            n += Integer.bitCount(v & 0xff);
        }
        return n > 1000;
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
