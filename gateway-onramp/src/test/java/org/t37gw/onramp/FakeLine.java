package org.t37gw.onramp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.Vtsp;

/**
 * A {@link Vtsp} for tests: one line, calls arrive when the test says so ({@link #ring}); answering connects
 * at once, hanging up disconnects at once, and the far end can hang up ({@link #farEndHangsUp}).
 */
final class FakeLine implements Vtsp {
    private final String port;
    private final Set<CallId> up = new HashSet<>();
    final List<String> log = new ArrayList<>();
    private Listener listener;

    FakeLine(String port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<String> ports() {
        return Set.of(port);
    }

    @Override
    public void start(Listener l) {
        this.listener = l;
    }

    @Override
    public void stop() {
    }

    /** A call arrives; returns its id if call control took it. */
    Optional<CallId> ring(String calling, String called) {
        Optional<CallId> id = listener.incoming(port, calling, called);
        id.ifPresent(i -> {
            synchronized (this) {
                up.add(i);
            }
        });
        return id;
    }

    @Override
    public void dial(CallId callId, String port, String number, String calling) {
        throw new UnsupportedOperationException("the on-ramp never dials");
    }

    @Override
    public void answer(CallId callId) {
        synchronized (this) {
            log.add("answer " + callId);
            up.add(callId); // call control may answer before incoming() has returned the id to us
        }
        listener.event(new CallEvent.Connect(callId));
    }

    @Override
    public void hangUp(CallId callId, Q850Cause cause) {
        synchronized (this) {
            log.add("hangUp " + callId + " " + cause.code());
        }
        farEndHangsUp(callId, cause);
    }

    /** The line drops (or the far end clears) with this cause. */
    void farEndHangsUp(CallId callId, Q850Cause cause) {
        boolean wasUp;
        synchronized (this) {
            wasUp = up.remove(callId);
        }
        if (wasUp) {
            listener.event(new CallEvent.Disconnect(callId, cause));
        }
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

}
