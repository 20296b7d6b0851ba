package org.t37gw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded junk: the loader never throws, and every problem carries a line inside the text. */
class ConfigFuzzTest {

    private static final String[] PIECES = {
        "hostname", "mta", "send", "receive", "server", "port", "fax", "voice-port", "dial-peer", "voice", "pots",
        "mmoip", "driver", "loopback", "t38", "local", "remote", "no", "exit", "!", "$d$", "$x$", "mailto:",
        "0", "1", "-1", "99999", "1.2.3.4:5", "[::1]:0", "::", "/24", ".T", "[0-9]", "@", "", " ", "\t", "é",
        "session", "target", "dsn", "shutdown", "digit-strip", "application", "fax_on_vfc_onramp_app", "max",
        "retries", "retry-interval", "busy", "called-number", "relay", "network", "10.0.0.0/8", "aliases",
    };

    @Test
    void junkNeverThrows() {
        Random rnd = new Random(37);
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            int lines = 1 + rnd.nextInt(12);
            for (int l = 0; l < lines; l++) {
                int words = rnd.nextInt(7);
                for (int w = 0; w < words; w++) {
                    sb.append(PIECES[rnd.nextInt(PIECES.length)]).append(rnd.nextInt(4) == 0 ? "" : " ");
                }
                sb.append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
            }
            String text = sb.toString();
            ConfigResult r = ConfigLoader.parse(text, "junk.cfg");
            assertNotNull(r);
            int count = text.split("\r\n|\r|\n", -1).length;
            List<ConfigError> all = new ArrayList<>(r.errors());
            all.addAll(r.warnings());
            for (ConfigError e : all) {
                assertTrue(e.line() >= 0 && e.line() <= count, () -> e + " in\n" + text);
                assertEquals("junk.cfg", e.file());
            }
            if (r.ok()) {
                assertTrue(ConfigLoader.parse(r.config().render(), "again.cfg").ok(), text);
            }
        }
    }

    @Test
    void mutatedSamplesNeverThrow() {
        String base = ConfigLoader.embeddedDefaultText() + ConfigLoaderTest.EVERYTHING;
        Random rnd = new Random(2304);
        for (int round = 0; round < 1000; round++) {
            char[] c = base.toCharArray();
            for (int i = 0; i < 5; i++) {
                c[rnd.nextInt(c.length)] = (char) (32 + rnd.nextInt(95));
            }
            assertNotNull(ConfigLoader.parse(new String(c), "m.cfg"));
        }
    }
}
