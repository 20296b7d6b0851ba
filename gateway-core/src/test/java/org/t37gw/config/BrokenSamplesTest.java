package org.t37gw.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each file under {@code config/broken/} lists what it must produce in its own comments:
 * {@code ! expect: FILE:LINE: fragment} for errors, {@code ! expect-warning: ...} for warnings. Every
 * expectation must match a distinct reported problem (prefix {@code FILE:LINE: } exact, the rest
 * contained); no other error may be reported (other warnings may).
 */
class BrokenSamplesTest {

    @TestFactory
    Stream<DynamicTest> brokenSamples() throws IOException, URISyntaxException {
        Path dir = Path.of(BrokenSamplesTest.class.getResource("/config/broken").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "broken samples: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("! expect: ")) {
                errors.add(line.substring("! expect: ".length()));
            } else if (line.startsWith("! expect-warning: ")) {
                warnings.add(line.substring("! expect-warning: ".length()));
            }
        }
        assertFalse(errors.isEmpty(), "a broken sample expects at least one error");
        ConfigResult r = ConfigLoader.parse(text, file.getFileName().toString());
        assertNull(r.config());
        match("errors", errors, r.errors(), true);
        match("warnings", warnings, r.warnings(), false);
    }

    private static void match(String what, List<String> expected, List<ConfigError> actual, boolean all) {
        List<String> left = new ArrayList<>(actual.stream().map(Object::toString).toList());
        for (String e : expected) {
            int colon = e.indexOf(": ");
            String where = e.substring(0, colon + 2);
            String fragment = e.substring(colon + 2);
            String hit = left.stream().filter(a -> a.startsWith(where) && a.substring(where.length()).contains(fragment))
                    .findFirst().orElse(null);
            assertTrue(hit != null, () -> "no " + what + " matching \"" + e + "\"; got " + actual);
            left.remove(hit);
        }
        if (all) {
            assertEquals(List.of(), left, "unexpected " + what);
        }
    }
}
