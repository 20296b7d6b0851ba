package org.t37gw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped config file passes the check; the examples also without warnings. */
class SamplesTest {

    /** The project root: surefire's {@code t37gw.projectDir}, else {@code ..} (run from gateway-core). */
    static Path projectDir() {
        String p = System.getProperty("t37gw.projectDir");
        return p != null && Files.isDirectory(Path.of(p, "config")) ? Path.of(p) : Path.of("..");
    }

    static List<Path> samples() throws IOException {
        Path config = projectDir().resolve("config");
        try (Stream<Path> top = Files.list(config); Stream<Path> ex = Files.list(config.resolve("examples"))) {
            return Stream.concat(top, ex).filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
        }
    }

    @Test
    void everySampleIsValid() throws IOException {
        List<Path> files = samples();
        assertTrue(files.size() >= 4, () -> "samples found: " + files);
        for (Path f : files) {
            ConfigResult r = ConfigLoader.load(f);
            assertEquals(List.of(), r.errors(), f.toString());
            if (f.getParent().getFileName().toString().equals("examples")) {
                assertEquals(List.of(), r.warnings(), f.toString());
            }
        }
    }
}
