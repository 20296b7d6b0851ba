package org.t37gw.onramp;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.t37gw.ccapi.ApplicationContext;
import org.t37gw.ccapi.CallManager;
import org.t37gw.dialpeer.DialPeerTable;

/** An {@link ApplicationContext} with the services a test offers. */
final class TestContext implements ApplicationContext {
    private final CallManager calls;
    private final DialPeerTable peers;
    private final Clock clock;
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    TestContext(CallManager calls, DialPeerTable peers, Clock clock) {
        this.calls = calls;
        this.peers = peers;
        this.clock = clock;
    }

    <T> TestContext offer(Class<T> type, T service) {
        services.put(type, service);
        return this;
    }

    @Override
    public CallManager callManager() {
        return calls;
    }

    @Override
    public DialPeerTable dialPeers() {
        return peers;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
