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
     * installed.
     */
    <T> Optional<T> service(Class<T> type);
}
