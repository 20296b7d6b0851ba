package org.t37gw.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.ApplicationContext;
import org.t37gw.ccapi.ApplicationRegistry;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.CdrWriter;
import org.t37gw.ccapi.Dmsp;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.config.GatewayConfig;
import org.t37gw.config.PortDriver;
import org.t37gw.config.VoicePort;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.dialpeer.MaxConnTracker;
import org.t37gw.spool.Spool;

/**
 * The daemon's shared services under the state directory: the durable spool ({@code spool/}), the
 * Maildir for local delivery ({@code mail/}), the CDR file ({@code cdr.jsonl}), call control, and the
 * applications and service providers found on the class path.
 */
public final class GatewayServices {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServices.class);

    /** Call history kept for {@code show calls}. */
    public static final int HISTORY_SIZE = 200;

    private final Path state;
    private final Clock clock;
    private final Daemon daemon;
    private final ApplicationRegistry applications;
    private final MaxConnTracker maxConn = new MaxConnTracker();
    private final List<String> listening = new ArrayList<>();
    private Spool spool;
    private CdrWriter cdr;
    private CallManager calls;

    GatewayServices(Path state, Clock clock, Daemon daemon) {
        this.state = state;
        this.clock = clock;
        this.daemon = daemon;
        this.applications = ApplicationRegistry.load(GatewayServices.class.getClassLoader());
    }

    public Path stateDir() {
        return state;
    }

    public Path spoolDir() {
        return state.resolve("spool");
    }

    public Path maildir() {
        return state.resolve("mail");
    }

    public Path cdrFile() {
        return state.resolve("cdr.jsonl");
    }

    public Spool spool() {
        return spool;
    }

    public CallManager calls() {
        return calls;
    }

    public MaxConnTracker maxConn() {
        return maxConn;
    }

    public ApplicationRegistry applications() {
        return applications;
    }

    /** What is listening, for the ready line (filled by the components as they start). */
    public synchronized List<String> listening() {
        return List.copyOf(listening);
    }

    public synchronized void addListening(String what) {
        listening.add(what);
    }

    private final List<java.util.function.Consumer<RunningConfig>> reloadListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    void configChanged(RunningConfig next) {
        // Calls read daemon.currentConfig() at their setup; components with settings of their own listen.
        for (java.util.function.Consumer<RunningConfig> l : reloadListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.error("reload: a component failed to take generation {}: {}", next.generation(), e.toString(), e);
            }
        }
        LOG.debug("config generation {} in force", next.generation());
    }

    /** Opens the state directory: Maildir folders, the spool (with recovery), the CDR file, call control. */
    void open() throws IOException {
        Files.createDirectories(state);
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir().resolve(sub));
        }
        spool = Spool.open(spoolDir(), clock);
        try {
            cdr = new CdrWriter(cdrFile());
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        calls = new CallManager(clock, applications, cdr, HISTORY_SIZE);
        LOG.info("spool {}: {} jobs after recovery", spoolDir(), spool.stats().total());
    }

    /** Closes what {@link #open()} opened. */
    void close() throws IOException {
        try {
            if (cdr != null) {
                cdr.close();
            }
        } finally {
            if (spool != null) {
                spool.close();
            }
        }
    }

    /** Adds the components in start order, and names what the config asks for that is not built yet. */
    void addTo(Container container, List<String> notBuilt) throws Exception {
        GatewayConfig cfg = daemon.currentConfig().config();
        container.add(new LifeCycle() {
            @Override
            public String name() {
                return "state";
            }

            @Override
            public void start() {
                // opened by open(), before the providers contributed; closed on stop
            }

            @Override
            public void stop() throws IOException {
                close();
            }

            @Override
            public String describe() {
                return "state " + state + " (spool, mail, cdr.jsonl)";
            }
        });

        Set<String> wanted = new LinkedHashSet<>();
        for (DialPeer p : cfg.dialPeers()) {
            if (p.application() != null && !p.shutdown()) {
                wanted.add(p.application());
            }
        }
        for (String app : wanted) {
            if (applications.find(app).isEmpty()) {
                notBuilt.add("application " + app);
            }
        }
        container.add(new LifeCycle() {
            @Override
            public String name() {
                return "applications";
            }

            @Override
            public void start() {
                applications.startAll(new Context());
            }

            @Override
            public void stop() {
                applications.stopAll();
            }

            @Override
            public String describe() {
                return "applications " + applications.names();
            }
        });

        DaemonContext ctx = new ProviderContext(notBuilt);
        List<String> providers = new ArrayList<>();
        for (ComponentProvider p : ServiceLoader.load(ComponentProvider.class, GatewayServices.class.getClassLoader())) {
            p.contribute(ctx, container);
            providers.add(p.name());
        }
        LOG.debug("component providers: {}", providers);
        if (service(org.t37gw.ccapi.Vtsp.class).isEmpty()) {
            // no module drives voice-ports (gateway-dsp absent): say so once for every driver kind
            Set<String> drivers = new LinkedHashSet<>();
            for (VoicePort vp : cfg.voicePorts()) {
                drivers.add(vp.driver().kind());
            }
            if (!drivers.isEmpty()) {
                notBuilt.add("voice-port drivers " + String.join("/", drivers) + " (those ports stay down)");
            }
        }
    }

    private final java.util.Map<Class<?>, Object> services = new java.util.concurrent.ConcurrentHashMap<>();
    private final CallRouter router = new CallRouter(this::currentConfig, () -> calls);

    private RunningConfig currentConfig() {
        return daemon.currentConfig();
    }

    /** A service a provider offered, or empty. */
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }


    private final class ProviderContext implements DaemonContext {
        private final List<String> notBuilt;

        ProviderContext(List<String> notBuilt) {
            this.notBuilt = notBuilt;
        }

        @Override
        public RunningConfig currentConfig() {
            return daemon.currentConfig();
        }

        @Override
        public Path stateDir() {
            return state;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Spool spool() {
            return spool;
        }

        @Override
        public CallManager calls() {
            return calls;
        }

        @Override
        public ApplicationRegistry applications() {
            return applications;
        }

        @Override
        public MaxConnTracker maxConn() {
            return maxConn;
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            services.put(type, service);
        }

        @Override
        public void onReload(java.util.function.Consumer<RunningConfig> listener) {
            reloadListeners.add(listener);
        }

        @Override
        public org.t37gw.ccapi.Vtsp.Listener callRouter() {
            return router;
        }

        @Override
        public void listening(String what) {
            addListening(what);
        }

        @Override
        public void notBuilt(String what) {
            notBuilt.add(what);
        }
    }

    /** The daemon as the applications see it. */
    private final class Context implements ApplicationContext {
        @Override
        public CallManager callManager() {
            return calls;
        }

        @Override
        public DialPeerTable dialPeers() {
            return daemon.currentConfig().dialPeers();
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            if (type == Spool.class) {
                return Optional.of(type.cast(spool));
            }
            if (type == RunningConfig.class) {
                return Optional.of(type.cast(daemon.currentConfig()));
            }
            if (type == GatewayConfig.class) {
                return Optional.of(type.cast(daemon.currentConfig().config()));
            }
            if (type == MaxConnTracker.class) {
                return Optional.of(type.cast(maxConn));
            }
            Optional<T> offered = GatewayServices.this.service(type);
            if (offered.isPresent()) {
                return offered;
            }
            if (type == Fmsp.class || type == Dmsp.class) {
                return ServiceLoader.load(type, GatewayServices.class.getClassLoader()).findFirst();
            }
            return Optional.empty();
        }
    }
}
