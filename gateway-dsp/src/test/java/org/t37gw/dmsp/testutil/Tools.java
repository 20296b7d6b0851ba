package org.t37gw.dmsp.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the libtiff and Ghostscript command-line tools from tests. */
public final class Tools {

    /** Result of a process: exit status and both outputs. */
    public record Result(int exit, String out, String err) {
    }

    private Tools() {
    }

    /** Skips the test, saying why, when {@code tool} is not on the PATH. */
    public static void require(String tool) {
        assumeTrue(onPath(tool), tool + " is not installed (Debian: libtiff-tools / ghostscript); "
            + "scripts/test installs it");
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    public static Result run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        File out = dir.resolve(".out").toFile();
        File err = dir.resolve(".err").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timeout: " + cmd);
        }
        return new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.ISO_8859_1),
            java.nio.file.Files.readString(err.toPath(), StandardCharsets.ISO_8859_1));
    }

    /** Runs and fails on a non-zero exit. */
    public static Result ok(Path dir, String... cmd) throws IOException, InterruptedException {
        Result r = run(dir, List.of(cmd));
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.err() + r.out());
        }
        return r;
    }
}
