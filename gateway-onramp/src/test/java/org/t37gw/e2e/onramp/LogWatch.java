package org.t37gw.e2e.onramp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The in-process daemon's log lines (logger {@code org.t37gw} at INFO) kept for waiting on events and for failure
 * messages; WARN and above still go to stderr. Closing restores the logger.
 */
final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger;
    private final Level oldLevel;
    private final boolean oldAdditive;
    private final List<String> lines = new ArrayList<>();

    LogWatch() {
        logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.t37gw");
        oldLevel = logger.getLevel();
        oldAdditive = logger.isAdditive();
        setContext(logger.getLoggerContext());
        setName("e2e-watch");
        start();
        logger.addAppender(this);
        logger.setLevel(Level.toLevel(System.getProperty("t37gw.e2e.logLevel"), Level.INFO));
        logger.setAdditive(false);
    }

    @Override
    protected void append(ILoggingEvent e) {
        String line = java.time.Instant.ofEpochMilli(e.getTimeStamp()).toString().substring(11, 23) + " " + e.getLevel()
                + " " + e.getLoggerName() + " [" + e.getThreadName() + "] - " + e.getFormattedMessage();
        if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
            System.err.println("daemon: " + line);
        }
        synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
        }
    }

    /** Waits until {@code n} lines match {@code p}; fails after {@code timeout} with the log's end. */
    void await(Pattern p, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (count(p) < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(count(p) + " of " + n + " log lines like /" + p + "/ within " + timeout
                            + "\n" + tail());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    int count(Pattern p) {
        synchronized (lines) {
            return (int) lines.stream().filter(l -> p.matcher(l).find()).count();
        }
    }

    String tail() {
        synchronized (lines) {
            return "daemon log (end):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(oldLevel);
        logger.setAdditive(oldAdditive);
        stop();
    }
}
