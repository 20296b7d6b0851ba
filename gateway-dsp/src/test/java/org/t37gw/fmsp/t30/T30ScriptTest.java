package org.t37gw.fmsp.t30;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The recorded frame sequences in src/test/resources/t30, each played against one engine. */
class T30ScriptTest {
    @BeforeAll
    static void quiet() {
        TestLogging.quiet();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "t1_expiry.txt",
        "ftt_every_rate.txt",
        "ppr_four_times.txt",
        "ppr_at_lowest_rate.txt",
        "dcn_mid_page.txt",
        "garbage_frames.txt",
        "receive_non_ecm_rtn.txt",
        "receive_ecm_ppr.txt",
        "receive_invalid.txt",
        "unexpected_response.txt",
    })
    void script(String name) throws Exception {
        T30Script.load(name).run();
    }
}
