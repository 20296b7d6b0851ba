package org.t37gw.smtp.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.t37gw.config.GatewayConfig;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolOptions;

/** A running listener over a real spool, on 127.0.0.1 and a free port. */
final class ServerFixture implements AutoCloseable {

    final Spool spool;
    final SmtpListener listener;
    final Path dir;

    ServerFixture(Path dir, String configText, SpoolOptions spoolOptions,
                  UnaryOperator<SmtpListener.Settings> tweak) throws Exception {
        this(dir, configText, spoolOptions, tweak, UnaryOperator.identity());
    }

    /** @param wrap may wrap the spool sink (to fail in chosen ways) */
    ServerFixture(Path dir, String configText, SpoolOptions spoolOptions,
                  UnaryOperator<SmtpListener.Settings> tweak, UnaryOperator<MessageSink> wrap) throws Exception {
        this.dir = dir;
        GatewayConfig cfg = TestConfigs.config(configText);
        spool = Spool.open(dir.resolve("spool"), Clock.systemUTC(), spoolOptions);
        SmtpListener.Settings s = SmtpListener.Settings.from(cfg, () -> TestConfigs.peers(cfg), dir.resolve("incoming"))
                .withPort(0)
                .withLimits(ServerLimits.DEFAULTS.withMaxMessageSize(64 * 1024)
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5),
                                Duration.ofSeconds(20)));
        s = new SmtpListener.Settings(s.hostname(), java.net.InetAddress.getLoopbackAddress(), 0, s.policy(),
                s.dialPeers(), s.tlsCertificate(), s.tlsKey(), s.usersFile(), s.incomingDir(), s.limits(), s.clock(),
                s.nanoTime());
        listener = new SmtpListener(tweak.apply(s), wrap.apply(new SpoolMessageSink(spool, spoolOptions)));
        listener.start();
    }

    ServerFixture(Path dir) throws Exception {
        this(dir, TestConfigs.OFFRAMP, SpoolOptions.defaults().withMinFreeBytes(0), UnaryOperator.identity());
    }

    int port() {
        return listener.port();
    }

    @Override
    public void close() throws IOException {
        listener.stop();
        spool.close();
    }
}
