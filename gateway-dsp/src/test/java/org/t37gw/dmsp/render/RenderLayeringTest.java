package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The renderers do no network or process I/O and never ask AWT for system fonts by name. */
class RenderLayeringTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "import (java\\.net|io\\.netty|com\\.fazecast|java\\.lang\\.ProcessBuilder)|new Font\\(|getAllFonts|"
                    + "getAvailableFontFamilyNames|Font\\.decode");

    @Test
    void noForbiddenImportsOrSystemFonts() throws IOException {
        Path dir = Path.of("src/main/java/org/t37gw/dmsp/render");
        List<String> bad;
        try (Stream<Path> files = Files.list(dir)) {
            bad = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> FORBIDDEN.matcher(l).find())
                            .map(l -> p.getFileName() + ": " + l.strip());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
        }
        assertEquals(List.of(), bad);
    }
}
