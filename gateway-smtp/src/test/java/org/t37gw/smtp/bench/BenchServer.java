package org.t37gw.smtp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.smtp.server.ServerLimits;
import org.t37gw.smtp.server.SmtpListener;
import org.t37gw.smtp.server.SpoolMessageSink;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolOptions;

/**
 * The off-ramp SMTP server alone, for {@code scripts/bench-smtp}: {@link SmtpListener} on 127.0.0.1 with
 * {@link SpoolMessageSink} over a real {@link Spool} on disk, as the daemon will run them, minus the
 * off-ramp (jobs stay QUEUED).
 *
 * <p>Usage: {@code BenchServer DIR PORTFILE}. Opens {@code DIR/spool}, receives into {@code DIR/incoming},
 * binds a free port and writes it to {@code PORTFILE} (atomically) once listening; runs until SIGTERM,
 * then prints the number of jobs in the spool.
 *
 * <p>Limits differ from {@link ServerLimits#DEFAULTS} only where the benchmark would trip them: sessions
 * (the load comes from one address) and the per-client and per-sender recipient rates.
 */
public final class BenchServer {

    /** Numbers 555xxxx go to the off-ramp and may be dialled on port 0. */
    static final String CONFIG = """
            hostname localhost
            mta receive aliases localhost
            mta receive maximum-recipients 1
            !
            voice-port 0
             driver loopback 1
            !
            voice-port 1
             driver loopback 0
            !
            dial-peer voice 20 mmoip
             application fax_on_vfc_offramp_app
             incoming called-number 555....
             information-type fax
            !
            dial-peer voice 30 pots
             destination-pattern 555....
             port 0
            """;

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BenchServer DIR PORTFILE");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        ConfigResult r = ConfigLoader.parse(CONFIG, "bench.cfg");
        if (!r.ok()) {
            throw new IllegalStateException("bench config: " + r.errors());
        }
        GatewayConfig cfg = r.config();
        DialPeerTable peers = new DialPeerTable(cfg.dialPeers());
        SpoolOptions options = SpoolOptions.defaults();
        Spool spool = Spool.open(dir.resolve("spool"), Clock.systemUTC(), options);
        SmtpListener.Settings s = SmtpListener.Settings.from(cfg, () -> peers, dir.resolve("incoming"));
        ServerLimits limits = s.limits().withConnections(400, 400)
                .withRates(1e9, 1_000_000_000, 1e9, 1_000_000_000)
                // a load client sends thousands of commands on one connection (Postfix has no such limit)
                .withErrors(s.limits().maxErrors(), Integer.MAX_VALUE)
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMinutes(10),
                        Duration.ofHours(2));
        s = new SmtpListener.Settings(s.hostname(), InetAddress.getByName("127.0.0.1"), 0, s.policy(), s.dialPeers(),
                null, null, null, s.incomingDir(), limits, s.clock(), s.nanoTime());
        SmtpListener listener = new SmtpListener(s, new SpoolMessageSink(spool, options));
        listener.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.stop();
            System.out.println("spool jobs: " + spool.stats().byState());
            try {
                spool.close();
            } catch (IOException e) {
                System.err.println("closing the spool: " + e);
            }
            stopped.countDown();
        }, "bench-stop"));
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, listener.port() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("listening on 127.0.0.1:" + listener.port());
        stopped.await();
    }
}
