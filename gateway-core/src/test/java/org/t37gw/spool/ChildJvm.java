package org.t37gw.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link SpoolWorkerMain} in a fresh, fast-starting JVM on the test class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx64m", "-Xss512k",
                "-XX:-UsePerfData",
                // no logging backend in the child: its start-up time is what limits the kill rate
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-cp", System.getProperty("java.class.path"),
                SpoolWorkerMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(stderr.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        return pb.start();
    }
}
