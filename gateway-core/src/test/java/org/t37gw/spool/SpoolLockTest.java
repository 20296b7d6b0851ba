package org.t37gw.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only one process per spool: a second one fails clearly, and gets the spool once the first is gone. */
class SpoolLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSpoolHeldByAnotherProcessIsRefusedUntilThatProcessEnds() throws Exception {
        Path dir = tmp.resolve("spool");
        Process holder = ChildJvm.start(tmp.resolve("holder.err"), "hold", dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII))) {
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("READY "), "holder: " + ready);
            String pid = ready.split(" ")[1];

            SpoolLockedException e = assertThrows(SpoolLockedException.class,
                    () -> Spool.open(dir, Clock.systemUTC(), SpoolWorkerMain.options()));
            assertTrue(e.getMessage().contains("in use by another process (pid " + pid + ")"), e.getMessage());
            assertTrue(e instanceof IOException);

            // the holder has it; killing it (no clean close) frees it, the kernel drops the lock
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (Spool spool = Spool.open(dir, Clock.systemUTC(), SpoolWorkerMain.options())) {
            spool.enqueue(JobKind.MAIL, Map.of(), PayloadWriter.NONE);
            assertEquals(1, spool.stats().total());
        }
    }
}
