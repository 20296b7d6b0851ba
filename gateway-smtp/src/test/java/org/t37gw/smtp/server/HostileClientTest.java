package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.t37gw.smtp.server.SmtpServerTest.code;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Clients that misbehave get cut off with the right reply; the server keeps serving the others. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileClientTest {

    @TempDir
    Path tmp;
    ServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new ServerFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private SmtpClient inTransaction() throws Exception {
        SmtpClient c = new SmtpClient(fx.port());
        c.reply();
        c.cmd("EHLO hostile");
        assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<x@example.org>")));
        assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
        return c;
    }

    /** A good client, start to end; fails the test if the server does not serve it. */
    private void goodClientDelivers() throws Exception {
        try (SmtpClient c = new SmtpClient(fx.port())) {
            assertTrue(c.reply().startsWith("220"));
            c.cmd("EHLO good");
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<good@example.org>")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550199@gw.example.com>")));
            assertTrue(c.cmd("DATA").startsWith("354"));
            assertEquals("250 2.0.0", code(c.cmd("Subject: ok\r\n\r\nfine\r\n.")));
        }
    }

    @Test
    void thousandsOfPipelinedRecipients() throws Exception {
        try (SmtpClient c = inTransaction()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                sb.append("RCPT TO:<FAX=555010").append(i % 10).append("@gw.example.com>\r\n");
            }
            Thread writer = new Thread(() -> {
                try {
                    c.send(sb.toString());
                } catch (Exception e) {
                    // the server hung up on us: expected
                }
            });
            writer.start();
            List<String> replies = new ArrayList<>();
            for (String r; (r = c.reply()) != null; ) {
                replies.add(code(r));
            }
            writer.join(5000);
            assertEquals(List.of("250 2.1.5", "250 2.1.5"), replies.subList(0, 2), "3 recipients at most");
            assertEquals("452 4.5.3", replies.get(2));
            assertEquals("421 4.7.0", replies.get(replies.size() - 1));
            assertTrue(replies.size() < 20, "cut off after the error limit: " + replies.size());
        }
        goodClientDelivers();
    }

    @Test
    void bareLfInDataCutsOff() throws Exception {
        try (SmtpClient c = inTransaction()) {
            assertTrue(c.cmd("DATA").startsWith("354"));
            // the smuggling shape: <LF>.<LF> must not end the message
            c.send("Subject: x\r\n\r\nbody\n.\nMAIL FROM:<evil@example.org>\r\n.\r\n");
            assertEquals("554 5.5.2", code(c.reply()));
            assertTrue(c.closedByServer());
        }
        assertEquals(0, fx.spool.list().size());
        goodClientDelivers();
    }

    @Test
    void nulInDataRefused() throws Exception {
        try (SmtpClient c = inTransaction()) {
            assertTrue(c.cmd("DATA").startsWith("354"));
            assertEquals("554 5.6.0", code(c.cmd("Subject: x\r\n\r\nbo\u0000dy\r\n.")));
            assertEquals("250 2.0.0", code(c.cmd("NOOP")));
        }
        assertEquals(0, fx.spool.list().size());
    }

    @Test
    void endlessDataCutsOff() throws Exception {
        try (SmtpClient c = inTransaction()) {
            assertTrue(c.cmd("DATA").startsWith("354"));
            byte[] line = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
                    .getBytes();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 1_000_000; i++) {
                        c.socket.getOutputStream().write(line);
                    }
                } catch (Exception e) {
                    // cut off: expected
                }
            });
            writer.start();
            assertEquals("552 5.3.4", code(c.reply()));
            assertTrue(c.closedByServer());
            writer.join(5000);
        }
        goodClientDelivers();
    }

    @Test
    void messageBeforeThe354IsImproperPipelining() throws Exception {
        try (SmtpClient c = inTransaction()) {
            c.send("DATA\r\nSubject: x\r\n\r\nbody\r\n.\r\n");
            assertEquals("554 5.5.0", code(c.reply()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void pipelinedCommandsAfterTheDotAreNotLost() throws Exception {
        try (SmtpClient c = inTransaction()) {
            assertTrue(c.cmd("DATA").startsWith("354"));
            c.send("Subject: x\r\n\r\nbody\r\n.\r\nNOOP\r\nQUIT\r\n");
            assertEquals("250 2.0.0", code(c.reply()));
            assertEquals("250 2.0.0", code(c.reply()));
            assertEquals("221 2.0.0", code(c.reply()));
        }
    }

    @Test
    void slowDripIsCutWhileOthersAreServed() throws Exception {
        long t0 = System.nanoTime();
        try (SmtpClient drip = new SmtpClient(fx.port())) {
            drip.reply();
            // one byte every 200 ms: never idle long enough for the read timeout, never completes a command
            Thread dripper = new Thread(() -> {
                try {
                    for (char ch : "EHLO a-very-slow-client.example.org and more and more and more".toCharArray()) {
                        drip.send(String.valueOf(ch));
                        Thread.sleep(200);
                    }
                } catch (Exception e) {
                    // cut off
                }
            });
            dripper.start();
            goodClientDelivers();
            assertEquals("421 4.4.2", code(drip.reply()));
            assertTrue(drip.closedByServer());
            dripper.interrupt();
        }
        long secs = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertTrue(secs < 6, "cut after the 2 s command limit, took " + secs);
        goodClientDelivers();
    }

    @Test
    void bareLfInCommandCutsOff() throws Exception {
        try (SmtpClient c = new SmtpClient(fx.port())) {
            c.reply();
            c.send("EHLO x\nMAIL FROM:<a@b.example>\r\n");
            assertTrue(c.reply().startsWith("501"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void tooManyConnectionsFromOneClient() throws Exception {
        List<SmtpClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < ServerLimits.DEFAULTS.maxConnectionsPerClient(); i++) {
                SmtpClient c = new SmtpClient(fx.port());
                assertTrue(c.reply().startsWith("220"));
                open.add(c);
            }
            try (SmtpClient extra = new SmtpClient(fx.port())) {
                assertEquals("421 4.7.0", code(extra.reply()));
                assertTrue(extra.closedByServer());
            }
        } finally {
            for (SmtpClient c : open) {
                c.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fx.listener.sessions() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        goodClientDelivers();
    }
}
