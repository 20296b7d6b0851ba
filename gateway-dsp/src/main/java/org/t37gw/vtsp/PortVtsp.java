package org.t37gw.vtsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.fmsp.t30.T30Engine;
import org.t37gw.fmsp.terminal.T38Terminal;

/**
 * The one {@link Vtsp} the gateway offers its applications: all the port drivers built for the config, each
 * command routed to the driver of the port ({@link #dial}) or of the call ({@link #answer}, {@link #hangUp},
 * {@link #startFax}). It also watches the drivers' events on their way to call control, so it knows which calls
 * are connected and can tell the FMSP when a call is gone ({@link #whenGone}).
 *
 * <p>A call is routed by the driver that reported it (dialled through it, or {@code incoming} from it); an
 * application that answers from inside {@code onSetup}, before the driver's {@code incoming} returned, is routed
 * by the leg's port, looked up with the {@code portOfCall} function (the call manager's leg).
 */
public final class PortVtsp implements Vtsp {
    private static final Logger LOG = LoggerFactory.getLogger(PortVtsp.class);

    private final List<FaxLineDriver> drivers;
    private final Map<String, FaxLineDriver> byPort = new LinkedHashMap<>();
    private final Function<CallId, Optional<String>> portOfCall;
    private final Map<CallId, FaxLineDriver> routes = new ConcurrentHashMap<>();
    private final Set<CallId> connected = ConcurrentHashMap.newKeySet();
    private final Map<CallId, List<Runnable>> goneHooks = new LinkedHashMap<>();
    private volatile Listener listener;

    /**
     * @param drivers    the drivers, no two driving the same port
     * @param portOfCall the voice-port of a leg call control knows ({@code CallManager.call(id)}'s leg port)
     */
    public PortVtsp(List<? extends FaxLineDriver> drivers, Function<CallId, Optional<String>> portOfCall) {
        this.drivers = List.copyOf(drivers);
        this.portOfCall = portOfCall;
        for (FaxLineDriver d : this.drivers) {
            for (String p : d.ports()) {
                if (byPort.putIfAbsent(p, d) != null) {
                    throw new IllegalArgumentException("voice-port " + p + " is driven twice");
                }
            }
        }
    }

    @Override
    public String name() {
        Set<String> kinds = new LinkedHashSet<>();
        for (FaxLineDriver d : drivers) {
            kinds.add(d.name());
        }
        return kinds.isEmpty() ? "none" : String.join("+", kinds);
    }

    @Override
    public Set<String> ports() {
        return Collections.unmodifiableSet(byPort.keySet());
    }

    /** The drivers, in config order. */
    public List<FaxLineDriver> drivers() {
        return drivers;
    }

    /** Starts every driver; if one fails, those already started are stopped and the failure is thrown. */
    @Override
    public void start(Listener l) {
        this.listener = l;
        List<FaxLineDriver> started = new ArrayList<>();
        try {
            for (FaxLineDriver d : drivers) {
                d.start(watch(d));
                started.add(d);
            }
        } catch (RuntimeException e) {
            for (FaxLineDriver d : started) {
                stopQuietly(d);
            }
            throw e;
        }
    }

    /** Stops every driver (each hangs up its calls and closes its channels). */
    @Override
    public void stop() {
        for (FaxLineDriver d : drivers) {
            stopQuietly(d);
        }
    }

    private static void stopQuietly(FaxLineDriver d) {
        try {
            d.stop();
        } catch (RuntimeException e) {
            LOG.warn("{} driver {}: stop failed: {}", d.name(), d.ports(), e.toString());
        }
    }

    @Override
    public void dial(CallId callId, String port, String number, String calling) {
        FaxLineDriver d = byPort.get(port);
        if (d == null) {
            LOG.warn("call {}: dial on voice-port {}, which no driver drives", callId, port);
            listener.event(new CallEvent.Disconnect(callId, Q850Cause.REQUESTED_CHANNEL_NOT_AVAILABLE));
            return;
        }
        routes.put(callId, d);
        d.dial(callId, port, number, calling);
    }

    @Override
    public void answer(CallId callId) {
        Optional<FaxLineDriver> d = route(callId);
        if (d.isEmpty()) {
            LOG.warn("call {}: answer, but no driver carries it", callId);
            return;
        }
        d.get().answer(callId);
    }

    @Override
    public void hangUp(CallId callId, Q850Cause cause) {
        Optional<FaxLineDriver> d = route(callId);
        if (d.isEmpty()) {
            LOG.debug("call {}: hang-up, but no driver carries it (already cleared)", callId);
            return;
        }
        d.get().hangUp(callId, cause);
    }

    /**
     * Runs a fax session on the connected call {@code callId} (see {@link FaxLineDriver#startFax}).
     *
     * @throws IllegalStateException if the call is not connected
     */
    public T38Terminal startFax(CallId callId, T30Engine engine, T38Terminal.Listener sessionListener) {
        Optional<FaxLineDriver> d = route(callId);
        if (d.isEmpty() || !connected.contains(callId)) {
            throw new IllegalStateException("call " + callId + " is not a connected call on a voice-port");
        }
        return d.get().startFax(callId, engine, sessionListener);
    }

    /** Whether {@code callId} is connected (its driver reported Connect and no Disconnect since). */
    public boolean isConnected(CallId callId) {
        return connected.contains(callId);
    }

    /**
     * Runs {@code hook} when the call's Disconnect passes, before call control gets it; at once if the call is not
     * connected now.
     */
    public void whenGone(CallId callId, Runnable hook) {
        synchronized (goneHooks) {
            if (connected.contains(callId)) {
                goneHooks.computeIfAbsent(callId, k -> new ArrayList<>()).add(hook);
                return;
            }
        }
        hook.run();
    }

    private Optional<FaxLineDriver> route(CallId callId) {
        FaxLineDriver d = routes.get(callId);
        if (d != null) {
            return Optional.of(d);
        }
        return portOfCall.apply(callId).map(byPort::get);
    }

    /** The listener a driver reports to: learns routes and connections, then passes on to call control. */
    private Listener watch(FaxLineDriver d) {
        return new Listener() {
            @Override
            public Optional<CallId> incoming(String port, String calling, String called) {
                Optional<CallId> id = listener.incoming(port, calling, called);
                id.ifPresent(i -> routes.put(i, d));
                return id;
            }

            @Override
            public void event(CallEvent e) {
                if (e instanceof CallEvent.Connect) {
                    routes.putIfAbsent(e.callId(), d);
                    connected.add(e.callId());
                } else if (e instanceof CallEvent.Disconnect) {
                    List<Runnable> hooks;
                    synchronized (goneHooks) {
                        connected.remove(e.callId());
                        hooks = goneHooks.remove(e.callId());
                    }
                    routes.remove(e.callId());
                    if (hooks != null) {
                        for (Runnable h : hooks) {
                            try {
                                h.run();
                            } catch (RuntimeException ex) {
                                LOG.warn("call {}: disconnect hook failed", e.callId(), ex);
                            }
                        }
                    }
                }
                listener.event(e);
            }
        };
    }
}
