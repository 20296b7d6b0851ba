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

    void configChanged(RunningConfig next) {
        // Components read daemon.currentConfig() at each new call; nothing cached here to refresh.
        LOG.debug("config generation {} in force", next.generation());
    }

    /** Adds the components in start order, and names what the config asks for that is not built yet. */
    void addTo(Container container, List<String> notBuilt) {
        GatewayConfig cfg = daemon.currentConfig().config();
        container.add(new LifeCycle() {
            @Override
            public String name() {
                return "state";
            }

            @Override
            public void start() throws IOException {
                Files.createDirectories(state);
                for (String sub : List.of("cur", "new", "tmp")) {
                    Files.createDirectories(maildir().resolve(sub));
                }
                spool = Spool.open(spoolDir(), clock);
                cdr = new CdrWriter(cdrFile());
                calls = new CallManager(clock, applications, cdr, HISTORY_SIZE);
                LOG.info("spool {}: {} jobs after recovery", spoolDir(), spool.stats().total());
            }

            @Override
            public void stop() throws IOException {
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

        Set<String> drivers = new LinkedHashSet<>();
        for (VoicePort vp : cfg.voicePorts()) {
            drivers.add(driverKind(vp.driver()));
        }
        if (!drivers.isEmpty()) {
            // Port drivers (VTSP providers) arrive with the FMSP work; the ports stay down until then.
            notBuilt.add("voice-port drivers " + String.join("/", drivers) + " (ports down)");
        }
        if (cfg.mtaReceive() != null) {
            notBuilt.add("SMTP listener " + cfg.mtaReceive().listen());
        }
    }

    /** The driver kind as the config names it: class1, class2, class2.0, t38, loopback, jni. */
    static String driverKind(PortDriver d) {
        if (d instanceof PortDriver.Class1) {
            return "class1";
        } else if (d instanceof PortDriver.Class2) {
            return "class2";
        } else if (d instanceof PortDriver.Class20) {
            return "class2.0";
        } else if (d instanceof PortDriver.T38) {
            return "t38";
        } else if (d instanceof PortDriver.Loopback) {
            return "loopback";
        } else {
            return "jni";
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
            if (type == Fmsp.class || type == Dmsp.class) {
                return ServiceLoader.load(type, GatewayServices.class.getClassLoader()).findFirst();
            }
            return Optional.empty();
        }
    }
}
