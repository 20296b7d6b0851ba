package org.t37gw.ccapi;

import java.time.Clock;
import java.util.Optional;
import org.t37gw.dialpeer.DialPeerTable;

/** What an {@link Application} gets from the daemon when it starts. */
public interface ApplicationContext {

    /** Where the application registers its outbound legs and reports events. */
    CallManager callManager();

    /** The dial-peers in force now (a config reload replaces the table; do not keep it). */
    DialPeerTable dialPeers();

    /** The clock to read time from. */
    Clock clock();

    /**
     * A service provider of the given type ({@link Vtsp}, {@link Fmsp}, {@link Dmsp}, ...), if one is
     * installed. The daemon also answers for {@code org.t37gw.spool.Spool}, {@code org.t37gw.config.GatewayConfig}
     * and {@code org.t37gw.daemon.RunningConfig} (the generation in force now: read it per call, never keep
     * it), and {@code org.t37gw.dialpeer.MaxConnTracker} (the daemon's one count of active calls per
     * dial-peer).
     */
    <T> Optional<T> service(Class<T> type);
}
