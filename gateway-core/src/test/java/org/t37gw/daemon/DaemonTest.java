package org.t37gw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
    static final String CFG = """
            hostname unit-gw
            mta send maildir mail
            !
            voice-port 0
             driver loopback 1
            voice-port 1
             driver loopback 0 called-number 5550100
            !
            dial-peer voice 21 pots
             destination-pattern 9T
             port 0
            !
            dial-peer voice 22 pots
             destination-pattern 5550100
             port 1
            """;

    static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    @Test
    void startsServesPagesReloadsAndStops(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("gw.cfg");
        Files.writeString(cfg, CFG);
        Daemon d = new Daemon(new Daemon.Options(cfg, tmp.resolve("state"), "127.0.0.1:0"), Clock.systemUTC());
        d.start();
        try {
            int port = d.adminPortBound();
            assertTrue(port > 0);
            assertTrue(Files.isDirectory(tmp.resolve("state/spool")));
            assertTrue(Files.isDirectory(tmp.resolve("state/mail/new")));
            String peers = get(port, "/show/dial-peers");
            assertTrue(peers.contains("    21 pots") && peers.contains("    22 pots"), peers);
            String status = get(port, "/status");
            assertTrue(status.contains("\"hostname\":\"unit-gw\""), status);
            assertTrue(status.contains("\"generation\":1"), status);
            String metrics = get(port, "/metrics");
            assertTrue(metrics.contains("t37gw_up 1"), metrics);
            assertTrue(metrics.contains("t37gw_spool_jobs{state=\"queued\"} 0"), metrics);
            assertTrue(get(port, "/status/dial-peers").startsWith("[{\"tag\":21"));
            assertTrue(get(port, "/show/queue").contains("queued"));
            assertTrue(get(port, "/show/calls").contains("Active calls: 0"));

            // a call in progress holds its generation across a reload
            RunningConfig held = d.currentConfig();
            Files.writeString(cfg, CFG + "dial-peer voice 23 pots\n destination-pattern 8T\n port 7\n");
            assertFalse(d.reload(), "a config with an unknown port is refused");
            assertSame(held, d.currentConfig());
            assertEquals(1, d.reloadFailures());
            assertTrue(get(port, "/metrics").contains("t37gw_config_reload_failures_total 1"));

            Files.writeString(cfg, CFG + "dial-peer voice 23 pots\n destination-pattern 8T\n port 0\n");
            assertTrue(d.reload());
            assertEquals(2, d.currentConfig().generation());
            assertEquals(2, held.config().dialPeers().size(), "the old generation is untouched");
            assertEquals(3, d.currentConfig().config().dialPeers().size());
            assertTrue(get(port, "/show/dial-peers").contains("    23 pots"));
        } finally {
            d.stop();
        }
        d.awaitStopped();
    }

    @Test
    void embeddedDefaultStarts(@TempDir Path tmp) throws Exception {
        Daemon d = new Daemon(new Daemon.Options(null, tmp, "127.0.0.1:0"), Clock.systemUTC());
        d.start();
        try {
            assertTrue(d.currentConfig().source().contains("embedded"));
            assertFalse(d.currentConfig().config().dialPeers().isEmpty());
            assertFalse(d.reload(), "nothing to reload");
        } finally {
            d.stop();
        }
    }

    @Test
    void badConfigIsAClearStartError(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("bad.cfg");
        Files.writeString(cfg, "hostnme x\n");
        Daemon d = new Daemon(new Daemon.Options(cfg, tmp.resolve("s"), "127.0.0.1:0"), Clock.systemUTC());
        Daemon.StartException e = assertThrows(Daemon.StartException.class, d::start);
        assertTrue(e.getMessage().contains(cfg + ":1: "), e.getMessage());
    }

    @Test
    void adminMustBeLoopback(@TempDir Path tmp) {
        Daemon d = new Daemon(new Daemon.Options(null, tmp, "0.0.0.0:0"), Clock.systemUTC());
        Daemon.StartException e = assertThrows(Daemon.StartException.class, d::start);
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void spoolLockedByAnotherDaemonIsAClearError(@TempDir Path tmp) throws Exception {
        Daemon a = new Daemon(new Daemon.Options(null, tmp, "127.0.0.1:0"), Clock.systemUTC());
        a.start();
        try {
            Daemon b = new Daemon(new Daemon.Options(null, tmp, "127.0.0.1:0"), Clock.systemUTC());
            Daemon.StartException e = assertThrows(Daemon.StartException.class, b::start);
            assertTrue(e.getMessage().toLowerCase().contains("spool"), e.getMessage());
        } finally {
            a.stop();
        }
    }
}
