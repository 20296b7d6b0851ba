package org.t37gw.smtp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;
import org.t37gw.config.GatewayConfig;
import org.t37gw.config.MtaReceive;
import org.t37gw.daemon.LifeCycle;
import org.t37gw.dialpeer.DialPeerTable;

/**
 * The off-ramp's embedded SMTP server ({@code mta receive ...}) as a daemon component: SubEthaSMTP with
 * our verbs ({@link SmtpCommands}), {@link RecipientPolicy} at RCPT, the message streamed to a file in
 * {@code incomingDir} and handed to a {@link MessageSink} before {@code 250}.
 *
 * <p>Bounded: at most {@link ServerLimits#maxConnections()} sessions (one thread each) and
 * {@link ServerLimits#maxConnectionsPerClient()} per client address; a watchdog closes sessions that
 * exceed the command, DATA or session timeouts, so a slow drip holds a thread for a bounded time.
 */
public final class SmtpListener implements LifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    /**
     * Everything the listener needs.
     *
     * @param hostname     our name in the banner, EHLO and {@code Received:}
     * @param bindAddress  address to listen on
     * @param port         port, 0 for any free one (tests)
     * @param policy       RCPT policy settings
     * @param dialPeers    the dial-peers in force
     * @param tlsCertificate PEM chain, or {@code null} for no STARTTLS
     * @param tlsKey       PEM PKCS#8 key, with {@code tlsCertificate}
     * @param usersFile    SMTP AUTH users file, or {@code null} for no AUTH
     * @param incomingDir  where messages are written while received (same file system as the spool)
     * @param limits       resource limits
     * @param clock        wall clock for dates
     * @param nanoTime     monotonic clock for timeouts and rate limits
     */
    public record Settings(String hostname, InetAddress bindAddress, int port, RecipientPolicy.Settings policy,
                           Supplier<DialPeerTable> dialPeers, Path tlsCertificate, Path tlsKey, Path usersFile,
                           Path incomingDir, ServerLimits limits, Clock clock, LongSupplier nanoTime) {
        public Settings {
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(dialPeers, "dialPeers");
            Objects.requireNonNull(incomingDir, "incomingDir");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(nanoTime, "nanoTime");
            if ((tlsCertificate == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("TLS needs both certificate and key");
            }
        }

        /**
         * Settings from the config: {@code mta receive} (listen, aliases, maximum-recipients, tls, auth,
         * relay network), {@code hostname}; relative file names against the config file's directory; the
         * default deny list and limits.
         *
         * @param incomingDir e.g. {@code STATE/spool-incoming}
         */
        public static Settings from(GatewayConfig cfg, Supplier<DialPeerTable> dialPeers, Path incomingDir)
                throws IOException {
            MtaReceive mr = cfg.mtaReceive();
            Path base = cfg.sourceFile() == null ? Path.of(".") : Path.of(cfg.sourceFile()).toAbsolutePath().getParent();
            RecipientPolicy.Settings ps = new RecipientPolicy.Settings(cfg.localDomains(), mr.maximumRecipients(),
                    mr.relayNetworks(), mr.authUsersFile() != null, DenyList.DEFAULT);
            return new Settings(cfg.hostname(), InetAddress.getByName(mr.listen().bareHost()), mr.listen().port(), ps,
                    dialPeers, resolve(base, mr.tlsCertificate()), resolve(base, mr.tlsKey()),
                    resolve(base, mr.authUsersFile()), incomingDir, ServerLimits.DEFAULTS, Clock.systemUTC(),
                    System::nanoTime);
        }

        private static Path resolve(Path base, String file) {
            return file == null ? null : base == null ? Path.of(file) : base.resolve(file);
        }

        public Settings withPort(int p) {
            return new Settings(hostname, bindAddress, p, policy, dialPeers, tlsCertificate, tlsKey, usersFile,
                    incomingDir, limits, clock, nanoTime);
        }

        public Settings withLimits(ServerLimits l) {
            return new Settings(hostname, bindAddress, port, policy, dialPeers, tlsCertificate, tlsKey, usersFile,
                    incomingDir, l, clock, nanoTime);
        }

        public Settings withPolicy(RecipientPolicy.Settings p) {
            return new Settings(hostname, bindAddress, port, p, dialPeers, tlsCertificate, tlsKey, usersFile,
                    incomingDir, limits, clock, nanoTime);
        }

        public Settings withTls(Path certificate, Path key) {
            return new Settings(hostname, bindAddress, port, policy, dialPeers, certificate, key, usersFile,
                    incomingDir, limits, clock, nanoTime);
        }

        public Settings withUsers(Path users) {
            return new Settings(hostname, bindAddress, port, policy, dialPeers, tlsCertificate, tlsKey, users,
                    incomingDir, limits, clock, nanoTime);
        }
    }

    private final Settings settings;
    private final MessageSink sink;
    private SMTPServer server;
    private Ingress ingress;
    private ScheduledExecutorService watchdog;
    private ExecutorService killer;

    public SmtpListener(Settings settings, MessageSink sink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        ServerLimits limits = settings.limits();
        SSLContext tls = settings.tlsCertificate() == null ? null
                : PemTls.context(settings.tlsCertificate(), settings.tlsKey());
        UsersFile users = settings.usersFile() == null ? null : UsersFile.load(settings.usersFile());
        Files.createDirectories(settings.incomingDir());
        cleanIncoming();
        ingress = new Ingress(settings.hostname(), new RecipientPolicy(settings.policy(), settings.dialPeers()), sink,
                limits, settings.incomingDir(), settings.clock(), settings.nanoTime(), tls != null, users);
        Ingress in = ingress;
        SMTPServer.Builder b = SMTPServer.port(settings.port())
                .bindAddress(settings.bindAddress())
                .hostName(settings.hostname())
                .softwareName("t37gw")
                .maxConnections(limits.maxConnections())
                .connectionTimeoutMs((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()))
                .maxMessageSize((int) limits.maxMessageSize())
                .maxRecipients(Math.max(1, settings.policy().maxRecipients()))
                .messageHandlerFactory(ctx -> new OfframpTransaction(in, ctx))
                .sessionHandler(new Guarding(in))
                .serverSocketFactory(BufferedServerSocket::new)
                .serverThreadName("smtp-accept");
        if (tls != null) {
            b.enableTLS(true).startTlsSocketFactory(tls);
        }
        if (users != null) {
            UsernamePasswordValidator v = (user, password, ctx) -> {
                if (users.authenticate(user, password).isEmpty()) {
                    LOG.info("AUTH failed for user {} from {}", user, ctx.getRemoteAddress());
                    throw new LoginFailedException("Authentication failed");
                }
            };
            b.authenticationHandlerFactory(new MultipleAuthenticationHandlerFactory(
                    List.of(new PlainAuthenticationHandlerFactory(v), new LoginAuthenticationHandlerFactory(v))));
        }
        SMTPServer s = b.build();
        SmtpCommands.install(s.getCommandHandler(), in);
        s.start();
        server = s;
        long tick = Math.max(20, Math.min(1000,
                Math.min(limits.commandTimeout().toMillis(), limits.dataTimeout().toMillis()) / 4));
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "smtp-watchdog"));
        killer = Executors.newFixedThreadPool(2, r -> daemonThread(r, "smtp-closer"));
        watchdog.scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
        LOG.info("SMTP listening on {} (domains {}, TLS {}, AUTH {}, relay networks {})", describe(),
                settings.policy().localDomains(), tls != null ? "on" : "off",
                users != null ? users.size() + " users" : "off", settings.policy().relayNetworks());
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void cleanIncoming() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(settings.incomingDir(), "msg-*.eml")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        watchdog.shutdownNow();
        try {
            server.stop();
        } finally {
            killer.shutdownNow();
            server = null;
        }
    }

    /** The bound port (after {@link #start()}). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getPortAllocated();
    }

    /** Sessions now open. */
    public int sessions() {
        Ingress in = ingress;
        return in == null ? 0 : in.guards.size();
    }

    @Override
    public synchronized String describe() {
        return "smtp " + settings.bindAddress().getHostAddress() + ":" + (server == null ? settings.port() : port());
    }

    // ------------------------------------------------------------------ watchdog

    private void watch() {
        Ingress in = ingress;
        long now = in.now();
        ServerLimits l = in.limits;
        for (SessionGuard g : in.guards.values()) {
            if (g.killNanos >= 0) {
                if (now - g.killNanos > TimeUnit.SECONDS.toNanos(2)) {
                    closeQuietly(g.session);
                }
                continue;
            }
            String why = null;
            if (now - g.startNanos > l.sessionTimeout().toNanos()) {
                why = "session time limit";
            } else if (g.dataStartNanos >= 0 && now - g.dataStartNanos > l.dataTimeout().toNanos()) {
                why = "DATA time limit";
            } else if (g.dataStartNanos < 0 && now - g.lastCommandNanos > l.commandTimeout().toNanos()) {
                why = "command time limit";
            }
            if (why != null) {
                g.killNanos = now;
                String reason = why;
                LOG.info("closing SMTP session {} from {}: {} exceeded", g.session.getSessionId(),
                        g.client.getHostAddress(), reason);
                killer.execute(() -> {
                    try {
                        g.session.sendResponse("421 4.4.2 " + in.hostname + " " + reason + " exceeded, closing");
                    } catch (IOException | RuntimeException e) {
                        // the client is gone or stuck; the close below is what matters
                    } finally {
                        closeQuietly(g.session);
                    }
                });
            }
        }
    }

    private static void closeQuietly(Session s) {
        try {
            Socket sock = s.getSocket();
            if (sock != null) {
                sock.close();
            }
        } catch (IOException e) {
            // already closed
        }
    }

    /** Admits sessions (per-client limit) and keeps their guards. */
    private static final class Guarding implements SessionHandler {
        private final Ingress in;

        Guarding(Ingress in) {
            this.in = in;
        }

        @Override
        public SessionAcceptance accept(Session session) {
            InetAddress client = ((InetSocketAddress) session.getRemoteAddress()).getAddress();
            AtomicInteger n = in.perClient.computeIfAbsent(client, k -> new AtomicInteger());
            if (n.incrementAndGet() > in.limits.maxConnectionsPerClient()) {
                release(client, n);
                LOG.info("refusing SMTP session from {}: {} sessions open", client.getHostAddress(),
                        in.limits.maxConnectionsPerClient());
                return SessionAcceptance.failure(421, "4.7.0 " + in.hostname + " Too many connections from your address");
            }
            in.guards.put(session, new SessionGuard(session, client, in.now()));
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {
            SessionGuard g = in.guards.remove(session);
            if (g != null) {
                AtomicInteger n = in.perClient.get(g.client);
                if (n != null) {
                    release(g.client, n);
                }
            }
        }

        private void release(InetAddress client, AtomicInteger n) {
            if (n.decrementAndGet() <= 0) {
                in.perClient.remove(client, n);
            }
        }
    }
}
