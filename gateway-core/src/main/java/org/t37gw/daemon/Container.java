package org.t37gw.daemon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the daemon's components: starts them in the order added, stops them in reverse, and dumps the
 * live tree. If a start fails, what was already started is stopped again (in reverse) and the failure
 * is rethrown, so a half-started daemon never stays up.
 */
public final class Container implements LifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(Container.class);

    private final String name;
    private final List<LifeCycle> children = new ArrayList<>();
    private final List<LifeCycle> started = new ArrayList<>();

    public Container(String name) {
        this.name = name;
    }

    public synchronized Container add(LifeCycle child) {
        children.add(child);
        return this;
    }

    public synchronized List<LifeCycle> children() {
        return List.copyOf(children);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() throws Exception {
        for (LifeCycle c : children) {
            try {
                c.start();
                started.add(c);
                LOG.debug("started {}", c.describe());
            } catch (Exception e) {
                LOG.error("{}: start failed: {}", c.name(), e.toString());
                stopQuietly();
                throw e;
            }
        }
    }

    @Override
    public synchronized void stop() {
        stopQuietly();
    }

    private void stopQuietly() {
        List<LifeCycle> rev = new ArrayList<>(started);
        Collections.reverse(rev);
        for (LifeCycle c : rev) {
            try {
                c.stop();
                LOG.debug("stopped {}", c.name());
            } catch (Exception e) {
                LOG.warn("{}: stop failed: {}", c.name(), e.toString());
            }
        }
        started.clear();
    }

    @Override
    public synchronized String describe() {
        StringBuilder sb = new StringBuilder(name);
        for (LifeCycle c : children) {
            sb.append("\n  ").append(started.contains(c) ? "+ " : "- ").append(c.describe().replace("\n", "\n    "));
        }
        return sb.toString();
    }
}
