package org.t37gw.daemon;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.Admission;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.Direction;
import org.t37gw.ccapi.LegSetup;
import org.t37gw.ccapi.LegType;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dialpeer.InboundMatch;

/**
 * Call control's side of the port drivers (the {@link Vtsp.Listener} every driver reports to): a call
 * arriving on a voice-port is matched to an inbound pots dial-peer (IOS order: incoming called-number,
 * answer-address, destination-pattern, port), registered as an inbound telephony leg with that
 * dial-peer's application, and offered to it; driver events go to the call manager. A call that matches
 * no dial-peer, or whose application refuses it, is refused (the driver releases the line).
 */
public final class CallRouter implements Vtsp.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(CallRouter.class);

    private final Supplier<RunningConfig> config;
    private final Supplier<CallManager> calls;

    public CallRouter(Supplier<RunningConfig> config, Supplier<CallManager> calls) {
        this.config = config;
        this.calls = calls;
    }

    @Override
    public Optional<CallId> incoming(String port, String calling, String called) {
        RunningConfig rc = config.get();
        Optional<InboundMatch> m = rc.dialPeers().matchInbound(DialPeer.Kind.POTS, called, calling, port);
        if (m.isEmpty()) {
            LOG.warn("call on voice-port {} from {} to {}: no inbound pots dial-peer matches; refused", port,
                    calling, called);
            return Optional.empty();
        }
        DialPeer peer = m.get().peer();
        if (peer.application() == null) {
            LOG.warn("call on voice-port {} from {} to {}: dial-peer {} has no application; refused", port, calling,
                    called, peer.tag());
            return Optional.empty();
        }
        Admission a = calls.get().register(new LegSetup(Direction.INBOUND, LegType.TELEPHONY, calling, called,
                peer.tag(), port, peer.application()));
        if (!a.accepted()) {
            return Optional.empty();
        }
        LOG.debug("call {}: inbound dial-peer {} by {}", a.leg().id(), peer.tag(), m.get().rule());
        return Optional.of(a.leg().id());
    }

    @Override
    public void event(CallEvent event) {
        calls.get().fire(event);
    }
}
