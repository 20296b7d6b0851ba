package org.t37gw.ccapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications known to the daemon, by name. Built from {@link ServiceLoader} or from a list. Starts
 * them in the order found and stops them in reverse, a failing one not keeping the others from stopping.
 */
public final class ApplicationRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationRegistry.class);

    private final Map<String, Application> byName;
    private final List<Application> started = new ArrayList<>();

    /**
     * @throws IllegalArgumentException if two applications have the same name, or a name is blank
     */
    public ApplicationRegistry(List<? extends Application> applications) {
        Map<String, Application> map = new LinkedHashMap<>();
        for (Application a : applications) {
            String name = a.name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("application " + a.getClass().getName() + " has no name");
            }
            Application previous = map.putIfAbsent(name, a);
            if (previous != null) {
                throw new IllegalArgumentException("two applications named '" + name + "': "
                        + previous.getClass().getName() + " and " + a.getClass().getName());
            }
        }
        this.byName = map;
    }

    /** The applications that {@link ServiceLoader} finds on this class loader. */
    public static ApplicationRegistry load(ClassLoader loader) {
        List<Application> found = new ArrayList<>();
        for (Application a : ServiceLoader.load(Application.class, loader)) {
            found.add(a);
        }
        return new ApplicationRegistry(found);
    }

    /** The application with this config name. */
    public Optional<Application> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** Names in the order found. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * Starts every application in order. If one fails, those already started are stopped again and the
     * failure is thrown.
     */
    public synchronized void startAll(ApplicationContext context) {
        for (Application a : byName.values()) {
            try {
                a.start(context);
            } catch (RuntimeException e) {
                stopAll();
                throw new IllegalStateException("application " + a.name() + " failed to start", e);
            }
            started.add(a);
            LOG.info("application {} started", a.name());
        }
    }

    /** Stops the started applications, last started first. */
    public synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Application a = started.get(i);
            try {
                a.stop();
                LOG.info("application {} stopped", a.name());
            } catch (RuntimeException e) {
                LOG.warn("application {} failed to stop", a.name(), e);
            }
        }
        started.clear();
    }
}
