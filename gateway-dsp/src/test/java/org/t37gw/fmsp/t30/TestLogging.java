package org.t37gw.fmsp.t30;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/** Keeps the engine's per-frame INFO trace out of test output unless -Dt30.log=debug|info. */
final class TestLogging {
    private TestLogging() {
    }

    static void quiet() {
        String level = System.getProperty("t30.log", "warn");
        if (LoggerFactory.getLogger("org.t37gw.fmsp.t30") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.toLevel(level, Level.WARN));
        }
    }
}
