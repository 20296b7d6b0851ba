package org.t37gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * Layering enforced by the build (STYLE.md): the protocol and codec engines are pure, so their
 * packages import no Netty, no jSerialComm, no java.net and no sockets or threads of their own.
 */
class LayeringTest {

    /** Engine packages (source folders below src/main/java/org/t37gw) and what they may not import. */
    private static final List<String> ENGINE_DIRS = List.of("fmsp/t30", "dmsp/t4", "fmsp/t38");
    /** Sub-packages of those that are drivers, allowed to do I/O. */
    private static final List<String> DRIVER_DIRS = List.of("fmsp/t38/transport");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.netty\\.|com\\.fazecast\\.|java\\.net\\.|java\\.nio\\.channels\\.|org\\.t37gw\\.daemon\\.)",
            Pattern.MULTILINE);

    @Test
    void enginesImportNoIo() throws IOException {
        Path root = Path.of("src/main/java/org/t37gw");
        assertTrue(Files.isDirectory(root), "run from the gateway-dsp module directory");
        List<String> violations = new ArrayList<>();
        for (String dir : ENGINE_DIRS) {
            Path p = root.resolve(dir);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))
                        .filter(x -> DRIVER_DIRS.stream().noneMatch(dd -> x.startsWith(root.resolve(dd))))::iterator) {
                    Matcher m = FORBIDDEN.matcher(Files.readString(f));
                    while (m.find()) {
                        violations.add(f + ": " + m.group().trim());
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "engine packages must not do I/O");
    }

    @Test
    void ruleCatchesAViolation() {
        assertTrue(FORBIDDEN.matcher("package x;\nimport io.netty.buffer.ByteBuf;\n").find());
        assertTrue(FORBIDDEN.matcher("import java.net.InetSocketAddress;").find());
        assertTrue(!FORBIDDEN.matcher("import java.nio.ByteBuffer;").find());
    }
}
