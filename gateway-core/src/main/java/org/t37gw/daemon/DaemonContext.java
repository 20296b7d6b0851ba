package org.t37gw.daemon;

import java.nio.file.Path;
import java.time.Clock;
import org.t37gw.ccapi.ApplicationRegistry;
import org.t37gw.ccapi.CallManager;
import org.t37gw.dialpeer.MaxConnTracker;
import org.t37gw.spool.Spool;

/** What the daemon gives a {@link ComponentProvider}. */
public interface DaemonContext {

    /** The config generation in force now (changes on reload; read it per call or per session). */
    RunningConfig currentConfig();

    /** The state directory: spool/, mail/, cdr.jsonl. */
    Path stateDir();

    Clock clock();

    /** The durable spool, open and recovered. */
    Spool spool();

    CallManager calls();

    ApplicationRegistry applications();

    MaxConnTracker maxConn();

    /**
     * Offers a service to the applications ({@code ApplicationContext.service(type)}): the port drivers
     * offer {@code Vtsp} and {@code Fmsp}, the document side {@code Dmsp}, the mail side its delivery.
     */
    <T> void provide(Class<T> type, T service);

    /** What port drivers report to: calls arriving, and events on the legs they carry. */
    org.t37gw.ccapi.Vtsp.Listener callRouter();

    /**
     * Called after each accepted reload (SIGHUP) with the new generation, for components that keep
     * settings of their own (mail delivery's server list, ...). Calls in progress are not affected.
     */
    default void onReload(java.util.function.Consumer<RunningConfig> listener) {
    }

    /** Names something that listens, for the ready line (e.g. "smtp 127.0.0.1:2525"). */
    void listening(String what);

    /** Names something the config asks for that this build cannot do yet (ready line, /status). */
    void notBuilt(String what);
}
