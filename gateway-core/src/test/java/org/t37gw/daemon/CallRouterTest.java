package org.t37gw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.t37gw.ccapi.Application;
import org.t37gw.ccapi.ApplicationRegistry;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallLeg;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.CdrSink;
import org.t37gw.ccapi.SetupDecision;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.dialpeer.DialPeerTable;

class CallRouterTest {
    static final String CFG = """
            voice-port 0
             driver t38 local 127.0.0.1:4000 remote 127.0.0.1:4002
            !
            dial-peer voice 10 pots
             application fax_on_vfc_onramp_app
             incoming called-number 555....
             direct-inward-dial
             port 0
            """;

    final List<String> seen = new ArrayList<>();

    final class Recorder implements Application {
        @Override
        public String name() {
            return "fax_on_vfc_onramp_app";
        }

        @Override
        public SetupDecision onSetup(CallLeg leg) {
            seen.add("setup " + leg.called() + " peer " + leg.dialPeerTag() + " port " + leg.port());
            return leg.calling().equals("666") ? SetupDecision.reject(org.t37gw.ccapi.Q850Cause.CALL_REJECTED, "no")
                    : SetupDecision.ACCEPT;
        }

        @Override
        public void onEvent(CallLeg leg, CallEvent event) {
            seen.add(event.getClass().getSimpleName());
        }
    }

    @Test
    void routesByInboundDialPeerAndRefusesTheRest() {
        ConfigResult r = ConfigLoader.parse(CFG, "t.cfg");
        assertTrue(r.ok(), r.errors().toString());
        RunningConfig rc = new RunningConfig(r.config(), new DialPeerTable(r.config().dialPeers()), 1, Instant.EPOCH,
                "t.cfg");
        CallManager cm = new CallManager(Clock.systemUTC(), new ApplicationRegistry(List.of(new Recorder())),
                CdrSink.NONE, 10);
        CallRouter router = new CallRouter(() -> rc, () -> cm);

        Optional<CallId> id = router.incoming("0", "4085551212", "5550100");
        assertTrue(id.isPresent());
        assertEquals("setup 5550100 peer 10 port 0", seen.get(0));
        assertEquals(1, cm.activeCalls().size());

        // IOS step 4: a call on port 0 still matches dial-peer 10 by its port; on another port nothing does
        assertTrue(router.incoming("0", "4085551212", "4440100").isPresent(), "matched by port");
        assertTrue(router.incoming("1", "4085551212", "4440100").isEmpty(), "no dial-peer for 444 on port 1");
        assertTrue(router.incoming("0", "666", "5550101").isEmpty(), "the application refused");
        assertEquals(2, cm.activeCalls().size());
    }
}
