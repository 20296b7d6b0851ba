package org.t37gw.fmsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.t37gw.cli.CliCommand;

/** Argument handling of {@code t37gw fax}; the sessions themselves are proven in {@link FaxInteropTest}. */
class FaxCommandTest {

    private static int run(ByteArrayOutputStream err, String... args) throws Exception {
        return new FaxCommand().run(List.of(args), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void registeredAsCliCommand() {
        assertTrue(ServiceLoader.load(CliCommand.class).stream().anyMatch(p -> p.type() == FaxCommand.class));
    }

    @Test
    void modemFormsAreNotBuiltYet() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(CliCommand.NOT_BUILT, run(err, "send", "x.tif", "--modem", "/dev/ttyUSB0", "--number", "5"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not built yet"));
        assertTrue(new FaxCommand().help().contains("not built yet"));
    }

    @Test
    void usageErrors() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(CliCommand.USAGE, run(err, "send", "x.tif"));
        assertEquals(CliCommand.USAGE, run(err, "fetch", "x.tif"));
        assertEquals(CliCommand.USAGE, run(err, "send", "x.tif", "--t38", "127.0.0.1:1"));
        assertEquals(CliCommand.USAGE, run(err, "send", "x.tif", "--t38", "a", "b"));
        assertEquals(CliCommand.USAGE, run(err, "send", "x.tif", "--t38", "127.0.0.1:1", "127.0.0.1:2", "--codings", "mr"));
        assertEquals(CliCommand.USAGE, run(err, "send", "x.tif", "--t38", "127.0.0.1:1", "127.0.0.1:2", "--bogus"));
    }

    @Test
    void parsesEverything() {
        FaxCommand.Options o = FaxCommand.parse(List.of("receive", "out.tif", "--t38", "127.0.0.1:4000", "[::1]:4001",
                "--ecm", "--ident", "+1 555", "--codings", "mh,mmr", "--modems", "v29", "--time-scale", "10",
                "--timeout", "30", "--redundancy", "5", "--version", "3", "--loss", "5", "--seed", "9"));
        assertEquals(false, o.send());
        assertEquals(4000, o.local().getPort());
        assertEquals(4001, o.remote().getPort());
        assertTrue(o.ecm());
        assertEquals("+1 555", o.ident());
        assertEquals(2, o.codings().size());
        assertEquals(2, o.modems().size()); // V.27ter is always there
        assertEquals(10, o.timeScale());
        assertEquals(3, o.version());
        assertThrows(IllegalArgumentException.class, () -> FaxCommand.hostPort("nohost"));
    }

    @Test
    void missingFileFailsBeforeTheCall() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(CliCommand.FAILED, run(err, "send", "/nonexistent/x.tif", "--t38", "127.0.0.1:0",
                "127.0.0.1:9"));
    }
}
