package org.t37gw.fmsp.t38;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The protocol layers (this package) stay pure: no Netty, no sockets, no threads; only the transport does I/O. */
class T38LayeringTest {

    private static final List<String> FORBIDDEN = List.of("import io.netty", "import java.net", "import java.nio.channels",
            "import java.util.concurrent", "import org.t37gw.fmsp.t38.transport");

    @Test
    void engineSourcesImportNoIo() throws IOException {
        Path dir = Path.of(System.getProperty("t37gw.projectDir", ".."), "gateway-dsp", "src", "main", "java", "org",
                "t37gw", "fmsp", "t38");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("src", "main", "java", "org", "t37gw", "fmsp", "t38");
        }
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                for (String line : Files.readAllLines(p)) {
                    for (String bad : FORBIDDEN) {
                        if (line.startsWith(bad)) {
                            violations.add(p.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        assertTrue(files >= 10, "found only " + files + " sources in " + dir.toAbsolutePath());
        assertTrue(violations.isEmpty(), violations.toString());
    }
}
