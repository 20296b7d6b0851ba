package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeerTable;

/** Configs for the SMTP tests. */
final class TestConfigs {

    /** An off-ramp for numbers 555xxxx, +1555xxxxxxx and 9-prefixed local numbers, dialled on port 0. */
    static final String OFFRAMP = """
            hostname gw.example.com
            mta receive aliases gw.example.com
            mta receive aliases fax.example.com
            mta receive maximum-recipients 3
            !
            voice-port 0
             driver loopback 1
            !
            voice-port 1
             driver loopback 0
            !
            dial-peer voice 20 mmoip
             application fax_on_vfc_offramp_app
             incoming called-number 555....
             information-type fax
            !
            dial-peer voice 21 mmoip
             application fax_on_vfc_offramp_app
             incoming called-number +1555T
             information-type fax
            !
            dial-peer voice 22 mmoip
             application fax_on_vfc_offramp_app
             incoming called-number 9T
             information-type fax
            !
            dial-peer voice 23 mmoip
             application fax_on_vfc_onramp_app out-bound
             destination-pattern 777....
             session target mailto:$d$@example.com
            !
            dial-peer voice 30 pots
             destination-pattern 555....
             port 0
            !
            dial-peer voice 31 pots
             destination-pattern +1555T
             port 0
            !
            dial-peer voice 32 pots
             destination-pattern 9T
             port 0
            !
            dial-peer voice 33 pots
             destination-pattern 777....
             port 0
            """;

    private TestConfigs() {
    }

    static GatewayConfig config(String text) {
        ConfigResult r = ConfigLoader.parse(text, "test.cfg");
        assertTrue(r.ok(), () -> "config errors: " + r.errors());
        return r.config();
    }

    static DialPeerTable peers(GatewayConfig c) {
        return new DialPeerTable(c.dialPeers());
    }
}
