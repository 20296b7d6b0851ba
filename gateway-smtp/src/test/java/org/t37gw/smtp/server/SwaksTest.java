package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.config.Cidr;
import org.t37gw.spool.SpoolOptions;

/**
 * swaks (installed by scripts/test) against the server: the MTA-shaped client. Skipped when swaks is not
 * on the PATH. This swaks may lack Net::SSLeay, so TLS is covered by {@link TlsAuthTest}; here AUTH runs
 * without TLS configured (the server then offers it in clear).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SwaksTest {

    @TempDir
    Path tmp;
    ServerFixture fx;

    @BeforeAll
    static void swaksPresent() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= Files.isExecutable(Path.of(d, "swaks"));
        }
        assumeTrue(found, "swaks not installed");
    }

    @BeforeEach
    void start() throws Exception {
        Path users = TestTls.users(tmp);
        fx = new ServerFixture(tmp.resolve("srv"), TestConfigs.OFFRAMP, SpoolOptions.defaults().withMinFreeBytes(0),
                s -> s.withUsers(users).withPolicy(new RecipientPolicy.Settings(s.policy().localDomains(), 3,
                        List.of(Cidr.parse("192.0.2.0/24")), true, DenyList.DEFAULT)));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private record Run(int exit, String out) {
    }

    private Run swaks(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + fx.port(), "--from",
                "alice@example.org", "--helo", "swaks.example.org", "--timeout", "10"));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("swaks.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("swaks hung");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void authenticatedPipelinedMailIsSpooled() throws Exception {
        Run r = swaks("--to", "FAX=+1-555-010-3333@gw.example.com,FAX=555-0101@fax.example.com", "--auth", "PLAIN",
                "--auth-user", "alice", "--auth-password", "secret", "--pipeline", "--header", "Subject: swaks fax",
                "--body", "Hello from swaks");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("<-  250 2.0.0 Ok: queued as"), r.out());
        assertTrue(r.out().contains("PIPELINING"), r.out());
        assertEquals(2, fx.spool.list().size());
        assertTrue(fx.spool.list().stream().allMatch(j -> j.fields().get("auth").equals("alice")));
    }

    @Test
    void authLogin() throws Exception {
        Run r = swaks("--to", "FAX=5550100@gw.example.com", "--auth", "LOGIN", "--auth-user", "alice",
                "--auth-password", "secret");
        assertEquals(0, r.exit(), r.out());
        assertEquals(1, fx.spool.list().size());
    }

    @Test
    void refusals() throws Exception {
        Run r = swaks("--to", "FAX=5550100@gw.example.com");
        assertNotEquals(0, r.exit());
        assertTrue(r.out().contains("<** 554 5.7.1"), r.out());
        r = swaks("--to", "john@gw.example.com", "--auth", "PLAIN", "--auth-user", "alice", "--auth-password", "secret");
        assertTrue(r.out().contains("<** 550 5.1.1"), r.out());
        r = swaks("--to", "FAX=555-01x0@gw.example.com", "--auth", "PLAIN", "--auth-user", "alice", "--auth-password", "secret");
        assertTrue(r.out().contains("<** 553 5.1.3"), r.out());
        r = swaks("--to", "FAX=5550100@gw.example.com", "--auth", "PLAIN", "--auth-user", "alice", "--auth-password", "nope");
        assertNotEquals(0, r.exit());
        assertTrue(r.out().contains("<** 535"), r.out());
        assertEquals(0, fx.spool.list().size());
    }
}
