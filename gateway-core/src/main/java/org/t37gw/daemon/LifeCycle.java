package org.t37gw.daemon;

/**
 * Something the daemon starts and stops: a listener, a port driver, an application, the spool's
 * workers. {@link #stop()} must finish or hand work back (e.g. jobs to the queue) within bounded time.
 */
public interface LifeCycle {

    /** Short name shown in {@code show} and in start/stop log lines. */
    String name();

    void start() throws Exception;

    void stop() throws Exception;

    /** One line describing the live state, e.g. what it listens on. */
    default String describe() {
        return name();
    }
}
