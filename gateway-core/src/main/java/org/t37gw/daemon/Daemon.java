package org.t37gw.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.config.ConfigError;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.util.Version;

/**
 * The t37gw daemon: loads and checks the config, opens the durable spool (recovering unfinished jobs),
 * starts call control, the applications and the port drivers found on the class path, and the admin
 * endpoint; logs one ready line; reloads on SIGHUP; stops gracefully on SIGTERM.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    /** Admin endpoint port of the CLI contract. */
    public static final int DEFAULT_ADMIN_PORT = 8025;
    /** How long a graceful stop may take before in-flight work is left to recovery. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param configFile the config file, or {@code null} for the embedded default
     * @param stateDir   spool, Maildir and CDR live under it
     * @param admin      {@code HOST:PORT} of the admin endpoint, or {@code null} for 127.0.0.1:8025
     */
    public record Options(Path configFile, Path stateDir, String admin) {
    }

    /** The daemon could not start; the message says why (for config errors, each FILE:LINE: message). */
    public static final class StartException extends Exception {
        public StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Options options;
    private final Clock clock;
    private final AtomicReference<RunningConfig> current = new AtomicReference<>();
    private final AtomicLong reloadFailures = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Container container = new Container("t37gw");
    private final List<String> notBuilt = new ArrayList<>();
    private volatile boolean stopping;
    private Instant started;
    private GatewayServices services;
    private AdminServer admin;

    public Daemon(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** The config generation in force; a call takes it at setup and keeps it. */
    public RunningConfig currentConfig() {
        return current.get();
    }

    public long reloadFailures() {
        return reloadFailures.get();
    }

    public Instant startedAt() {
        return started;
    }

    public Options options() {
        return options;
    }

    public GatewayServices services() {
        return services;
    }

    /** What the config asks for that this build cannot do yet (shown in the ready line and /status). */
    public List<String> notBuilt() {
        return List.copyOf(notBuilt);
    }

    public void start() throws StartException {
        started = clock.instant();
        RunningConfig rc = load(1);
        current.set(rc);
        LOG.info("config {} (generation 1):\n{}", rc.source(), rc.config().render());
        Path state = options.stateDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(state);
            services = new GatewayServices(state, clock, this);
            services.open();
            try {
                services.addTo(container, notBuilt);
            } catch (Exception e) {
                services.close();
                throw e;
            }
            admin = AdminPages.server(this, adminHost(), adminPort());
            container.add(admin);
            container.start();
        } catch (org.t37gw.spool.SpoolLockedException e) {
            throw new StartException("spool " + state.resolve("spool") + " is in use by another t37gw process ("
                    + e.getMessage() + ")", e);
        } catch (StartException e) {
            throw e;
        } catch (Exception e) {
            throw new StartException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        StringBuilder ready = new StringBuilder();
        ready.append("t37gw ").append(Version.get()).append(" ready: ").append(admin.describe());
        for (String l : services.listening()) {
            ready.append(", ").append(l);
        }
        ready.append("; config ").append(rc.source()).append(" (").append(rc.config().dialPeers().size())
                .append(" dial-peers, ").append(rc.config().voicePorts().size()).append(" voice-ports); state ")
                .append(state);
        if (!notBuilt.isEmpty()) {
            ready.append("; not built yet: ").append(String.join(", ", notBuilt));
        }
        LOG.info("{}", ready);
    }

    private String adminHost() {
        if (options.admin() == null) {
            return "127.0.0.1";
        }
        int i = options.admin().lastIndexOf(':');
        return i <= 0 ? options.admin() : options.admin().substring(0, i);
    }

    private int adminPort() throws StartException {
        if (options.admin() == null) {
            return DEFAULT_ADMIN_PORT;
        }
        int i = options.admin().lastIndexOf(':');
        try {
            int p = Integer.parseInt(options.admin().substring(i + 1));
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (RuntimeException e) {
            throw new StartException("--admin " + options.admin() + ": expected HOST:PORT with a port 0..65535", e);
        }
    }

    /** The bound admin port (differs from the configured one when that was 0). */
    public int adminPortBound() {
        return admin == null ? -1 : admin.boundPort();
    }

    private RunningConfig load(long generation) throws StartException {
        ConfigResult r;
        String source;
        if (options.configFile() == null) {
            r = ConfigLoader.embeddedDefault();
            source = "embedded default";
        } else {
            if (!Files.isReadable(options.configFile())) {
                throw new StartException(options.configFile() + ": cannot read the config file", null);
            }
            r = ConfigLoader.load(options.configFile());
            source = options.configFile().toString();
        }
        for (ConfigError w : r.warnings()) {
            LOG.warn("{} (warning)", w);
        }
        if (!r.ok()) {
            StringBuilder sb = new StringBuilder("config has " + r.errors().size() + " error(s):");
            for (ConfigError e : r.errors()) {
                sb.append("\n").append(e);
            }
            throw new StartException(sb.toString(), null);
        }
        return new RunningConfig(r.config(), new DialPeerTable(r.config().dialPeers()), generation,
                clock.instant(), source);
    }

    /**
     * Reloads the config file (SIGHUP). A config that fails the check is refused: its errors are logged
     * and the running config stays. Calls in progress keep the generation they started with.
     *
     * @return true when the new config is in force
     */
    public synchronized boolean reload() {
        RunningConfig old = current.get();
        if (options.configFile() == null) {
            LOG.info("reload: running the embedded default; nothing to reload");
            return false;
        }
        try {
            RunningConfig next = load(old.generation() + 1);
            current.set(next);
            if (services != null) {
                services.configChanged(next);
            }
            LOG.info("reload: {} accepted, generation {} ({} dial-peers); calls in progress keep generation {}",
                    next.source(), next.generation(), next.config().dialPeers().size(), old.generation());
            return true;
        } catch (StartException e) {
            reloadFailures.incrementAndGet();
            LOG.error("reload: refused, keeping generation {}: {}", old.generation(), e.getMessage());
            return false;
        }
    }

    /** SIGHUP reloads; SIGTERM/SIGINT stop gracefully (through a shutdown hook). */
    public void installSignalHandlers() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                Thread t = new Thread(this::reload, "t37gw-reload");
                t.setDaemon(true);
                t.start();
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP not available on this platform: reload with the admin endpoint instead");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "t37gw-shutdown"));
    }

    /** Graceful stop: no new work, jobs in flight finish or go back to the queue within bounded time. */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        LOG.info("stopping (SIGTERM): finishing jobs in flight, at most {} s", STOP_TIMEOUT.toSeconds());
        long t0 = System.nanoTime();
        container.stop();
        LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        stopped.countDown();
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public boolean isStopping() {
        return stopping;
    }

    /** The live component tree, for /status. */
    public String describe() {
        return container.describe();
    }

    static void ensureDir(Path p) throws IOException {
        Files.createDirectories(p);
    }
}
