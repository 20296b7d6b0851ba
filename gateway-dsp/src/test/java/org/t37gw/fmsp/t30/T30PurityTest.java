package org.t37gw.fmsp.t30;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The engine package does no I/O and reads no clock: checked on its sources (STYLE: layering by the build). */
class T30PurityTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(java\\.io|java\\.nio|java\\.net|io\\.netty|com\\.fazecast|java\\.util\\.concurrent|java\\.time\\.Clock)"
                    + "|System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now|Thread\\.sleep|new Thread|java\\.io\\.|java\\.nio\\.|java\\.net\\.",
            Pattern.MULTILINE);

    @Test
    void engineSourcesImportNoIo() throws IOException {
        Path root = Path.of(System.getProperty("t37gw.projectDir", "."));
        Path dir = root.resolve("gateway-dsp/src/main/java/org/t37gw/fmsp/t30");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("src/main/java/org/t37gw/fmsp/t30");
        }
        assertTrue(Files.isDirectory(dir), "engine sources not found from " + root.toAbsolutePath());
        List<String> bad = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                Matcher m = FORBIDDEN.matcher(Files.readString(p));
                while (m.find()) {
                    bad.add(p.getFileName() + ": " + m.group());
                }
            }
        }
        assertTrue(files > 10, "too few engine sources found: " + files);
        assertTrue(bad.isEmpty(), "I/O, threads or clocks in the engine package: " + bad);
    }
}
