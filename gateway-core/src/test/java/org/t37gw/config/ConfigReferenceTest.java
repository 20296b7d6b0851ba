package org.t37gw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void committedReferenceIsWhatTheTableGenerates() throws Exception {
        Path doc = SamplesTest.projectDir().resolve("docs/config-reference.md");
        String generated = ConfigReference.generate();
        String committed = Files.exists(doc) ? Files.readString(doc) : "";
        assertEquals(generated, committed, "docs/config-reference.md is stale; regenerate it: "
                + "java -cp gateway-core/target/classes org.t37gw.config.ConfigReference docs/config-reference.md");
    }

    @Test
    void everyCommandIsDocumented() {
        String doc = ConfigReference.generate();
        for (Command c : CommandTable.COMMANDS) {
            assertTrue(doc.contains("### `" + c.usage() + "`"), c.name());
            assertTrue(!c.help().isBlank(), c.name());
        }
    }
}
