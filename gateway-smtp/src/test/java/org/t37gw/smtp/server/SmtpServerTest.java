package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolOptions;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpServerTest {

    static final String MSG = "From: a@example.org\r\nSubject: hi\r\n\r\nHello fax\r\n..dot line\r\n";

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

    static String code(String reply) {
        return reply == null ? "closed" : reply.length() >= 9 ? reply.substring(0, 9) : reply;
    }

    private SmtpClient ehlo() throws Exception {
        SmtpClient c = new SmtpClient(fx.port());
        assertTrue(c.reply().startsWith("220 gw.example.com ESMTP"));
        String ehlo = c.cmd("EHLO client.example.org");
        for (String ext : List.of("SIZE 65536", "8BITMIME", "PIPELINING", "ENHANCEDSTATUSCODES", "DSN")) {
            assertTrue(ehlo.contains("250-" + ext) || ehlo.contains("250 " + ext), ehlo);
        }
        assertTrue(!ehlo.contains("STARTTLS") && !ehlo.contains("AUTH") && !ehlo.contains("CHUNKING"), ehlo);
        return c;
    }

    @Test
    void goodMailIsInTheSpoolWhen250Arrives() throws Exception {
        try (SmtpClient c = ehlo()) {
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<alice@example.org> RET=HDRS ENVID=QQ+2B123 SIZE=100 BODY=8BITMIME")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=555-0100/T33S=12/cover=no@gw.example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;FAX+3D555-0100@gw.example.com")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<\"FAX=+1 555 010 2222\"@fax.example.com>")));
            assertTrue(c.cmd("DATA").startsWith("354"));
            String done = c.cmd(MSG + ".");
            assertEquals("250 2.0.0", code(done), done);
            // the jobs are on disk right now, before anything else happens
            Path jobs = fx.spool.directory().resolve("jobs");
            List<Path> dirs;
            try (var s = Files.list(jobs)) {
                dirs = s.sorted().toList();
            }
            assertEquals(2, dirs.size());
            for (Path d : dirs) {
                assertTrue(done.contains(d.getFileName().toString()), done);
                String eml = Files.readString(d.resolve(Spool.PAYLOAD).resolve(SpoolMessageSink.PAYLOAD_FILE), StandardCharsets.UTF_8);
                assertTrue(eml.startsWith("Received: from client.example.org ([127.0.0.1])\r\n\tby gw.example.com (t37gw) with ESMTP id "), eml);
                assertTrue(eml.endsWith("\r\n\r\nHello fax\r\n.dot line\r\n"), eml);
                assertTrue(Files.readString(d.resolve(Spool.RECORD)).contains("kind=OFFRAMP"));
            }
            assertEquals("221 2.0.0", code(c.cmd("QUIT")));
        }
        List<Job> jobs = fx.spool.list();
        assertEquals(2, jobs.size());
        Map<String, String> f1 = jobs.stream().filter(j -> j.fields().get("number").equals("5550100")).findFirst().orElseThrow().fields();
        assertEquals("alice@example.org", f1.get("sender"));
        assertEquals("FAX=555-0100/T33S=12/cover=no@gw.example.com", f1.get("recipient"));
        assertEquals("12", f1.get("subaddress"));
        assertEquals("no", f1.get("cover"));
        assertEquals("SUCCESS,FAILURE", f1.get("notify"));
        assertEquals("rfc822;FAX=555-0100@gw.example.com", f1.get("orcpt"));
        assertEquals("QQ+123", f1.get("envid"));
        assertEquals("HDRS", f1.get("ret"));
        assertEquals("127.0.0.1", f1.get("client"));
        Map<String, String> f2 = jobs.stream().filter(j -> j.fields().get("number").equals("+15550102222")).findFirst().orElseThrow().fields();
        assertEquals("FAILURE,DELAY", f2.get("notify"));
        assertEquals("", f2.get("orcpt"));
        assertEquals(JobKind.OFFRAMP, jobs.get(0).kind());
        try (var s = Files.list(tmp.resolve("incoming"))) {
            assertEquals(0, s.count(), "nothing written outside the spool");
        }
        try (var s = Files.list(fx.spool.directory().resolve("tmp"))) {
            assertEquals(0, s.count(), "no draft left behind");
        }
        // the message was written once: both jobs hold the same file
        assertEquals(Files.readAttributes(jobs.get(0).payloadPath(SpoolMessageSink.PAYLOAD_FILE), BasicFileAttributes.class).fileKey(),
                Files.readAttributes(jobs.get(1).payloadPath(SpoolMessageSink.PAYLOAD_FILE), BasicFileAttributes.class).fileKey());
    }

    private List<String> spoolTmp() throws IOException {
        try (var s = Files.list(fx.spool.directory().resolve("tmp"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void aSpoolFillingUpAfterMailRefusesDataBefore354AndTheSessionGoesOn() throws Exception {
        fx.close();
        long[] free = {1L << 30};
        SpoolOptions opts = SpoolOptions.defaults().withMinFreeBytes(1000).withFreeSpace(dir -> free[0]);
        fx = new ServerFixture(tmp.resolve("filling"), TestConfigs.OFFRAMP, opts, UnaryOperator.identity());
        try (SmtpClient c = ehlo()) {
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<a@example.org>")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
            free[0] = 10;
            assertEquals("452 4.3.1", code(c.cmd("DATA")));
            free[0] = 1L << 30;
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<a@example.org>")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
            assertTrue(c.cmd("DATA").startsWith("354"));
            assertEquals("250 2.0.0", code(c.cmd(MSG + ".")));
        }
        assertEquals(1, fx.spool.list().size());
        assertEquals(List.of(), spoolTmp());
    }

    @Test
    void aWriteFailingInsideDataIsAnsweredAfterTheDataAndLeavesNothing() throws Exception {
        fx.close();
        // the sink's stream fails as a full disk does, after 1000 bytes of the message
        UnaryOperator<MessageSink> failing = sink -> new MessageSink() {
            @Override
            public SinkDecision accept(Envelope envelope, Path messageFile) {
                throw new AssertionError("the spool sink takes DATA through a receiver");
            }

            @Override
            public Optional<Receiver> open() throws IOException {
                Receiver r = sink.open().orElseThrow();
                OutputStream failAfter = new java.io.FilterOutputStream(r.stream()) {
                    long n;

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        n += len;
                        if (n > 1000) {
                            throw new IOException("No space left on device");
                        }
                        out.write(b, off, len);
                    }
                };
                return Optional.of(new Receiver() {
                    @Override
                    public OutputStream stream() {
                        return failAfter;
                    }

                    @Override
                    public SinkDecision accept(Envelope envelope) {
                        throw new AssertionError("a failed message is never offered");
                    }

                    @Override
                    public void close() {
                        r.close();
                    }
                });
            }
        };
        fx = new ServerFixture(tmp.resolve("enospc"), TestConfigs.OFFRAMP, SpoolOptions.defaults().withMinFreeBytes(0),
                UnaryOperator.identity(), failing);
        try (SmtpClient c = ehlo()) {
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<a@example.org>")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
            assertTrue(c.cmd("DATA").startsWith("354"));
            String big = "Subject: big\r\n\r\n" + ("0123456789".repeat(7) + "\r\n").repeat(100);
            assertEquals("452 4.3.1", code(c.cmd(big + ".")));
            // still in step: the rest of the message was read, not taken for commands
            assertEquals("250 2.0.0", code(c.cmd("NOOP")));
        }
        assertEquals(0, fx.spool.list().size());
        assertEquals(List.of(), spoolTmp());
    }

    @Test
    void aClientVanishingInsideDataLeavesNoDraft() throws Exception {
        try (SmtpClient c = ehlo()) {
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<a@example.org>")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
            assertTrue(c.cmd("DATA").startsWith("354"));
            c.send("Subject: cut\r\n\r\nhalf a mess");
            assertEquals(1, spoolTmp().size(), "the message goes straight into a draft");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!spoolTmp().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), spoolTmp());
        assertEquals(0, fx.spool.list().size());
    }

    @Test
    void unknownVerbsAndBrokenCommandLinesGetEnhancedCodesToo() throws Exception {
        try (SmtpClient c = ehlo()) {
            assertEquals("500 5.5.2", code(c.cmd("FROB")));
            assertEquals("250 2.0.0", code(c.cmd("NOOP")));
            c.send("NOOP\nNOOP\r\n");
            assertEquals("501 5.5.2", code(c.reply()), "bare LF in a command line");
        }
    }

    @Test
    void theServerWideConnectionLimitIsA421WithItsCode() throws Exception {
        fx.close();
        fx = new ServerFixture(tmp.resolve("few"), TestConfigs.OFFRAMP, SpoolOptions.defaults().withMinFreeBytes(0),
                s -> s.withLimits(s.limits().withConnections(1, 5)));
        try (SmtpClient first = new SmtpClient(fx.port())) {
            String greeting = first.reply();
            assertTrue(greeting != null && greeting.startsWith("220 "), String.valueOf(greeting));
            try (SmtpClient second = new SmtpClient(fx.port())) {
                String refused = second.reply();
                assertTrue(refused != null && refused.startsWith("421 4.3.2 "), String.valueOf(refused));
            }
        }
    }

    @Test
    void errorReplies() throws Exception {
        try (SmtpClient c = new SmtpClient(fx.port())) {
            c.reply();
            assertEquals("503 5.5.1", code(c.cmd("MAIL FROM:<a@example.org>")));
            c.cmd("EHLO x");
            assertEquals("503 5.5.1", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
            assertEquals("501 5.5.2", code(c.cmd("MAIL FROM:a@example.org")));
            assertEquals("552 5.3.4", code(c.cmd("MAIL FROM:<a@example.org> SIZE=10000000")));
            assertEquals("555 5.5.4", code(c.cmd("MAIL FROM:<a@example.org> SMTPUTF8")));
            assertEquals("501 5.5.4", code(c.cmd("MAIL FROM:<a@example.org> RET=ALL")));
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<>")));
            assertEquals("503 5.5.1", code(c.cmd("MAIL FROM:<a@example.org>")));
            assertEquals("550 5.1.1", code(c.cmd("RCPT TO:<postmaster@gw.example.com>")));
            assertEquals("553 5.1.3", code(c.cmd("RCPT TO:<FAX=55x@gw.example.com>")));
            // the 10th error: its reply, then the limit's 421 and the connection is closed
            assertEquals("554 5.7.1", code(c.cmd("RCPT TO:<FAX=5550100@other.example>")));
            assertEquals("421 4.7.0", code(c.reply()));
            assertTrue(c.closedByServer());
        }
        try (SmtpClient c = new SmtpClient(fx.port())) {
            c.reply();
            c.cmd("HELO x");
            assertEquals("250 2.1.0", code(c.cmd("MAIL FROM:<a@example.org>")));
            assertEquals("554 5.7.1", code(c.cmd("RCPT TO:<FAX=+1-900-555-0100@gw.example.com>")));
            assertEquals("501 5.5.4", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com> NOTIFY=NEVER,SUCCESS")));
            assertEquals("555 5.5.4", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com> FOO=1")));
            assertEquals("554 5.5.1", code(c.cmd("DATA")));
            assertEquals("501 5.5.2", code(c.cmd("NOOP \u0000")));
        }
        try (SmtpClient c = new SmtpClient(fx.port())) {
            c.reply();
            c.cmd("EHLO x");
            c.cmd("MAIL FROM:<a@example.org>");
            for (int i = 0; i < 3; i++) {
                assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=555010" + i + "@gw.example.com>")));
            }
            assertEquals("452 4.5.3", code(c.cmd("RCPT TO:<FAX=5550109@gw.example.com>")));
            assertEquals("250 2.0.0", code(c.cmd("RSET")));
            assertEquals("250 2.0.0", code(c.cmd("NOOP")));
            assertEquals("252 2.5.0", code(c.cmd("VRFY x")));
            assertEquals("502 5.5.1", code(c.cmd("BDAT 10 LAST")));
            c.cmd("MAIL FROM:<a@example.org>");
            c.cmd("RCPT TO:<FAX=5550100@gw.example.com>");
            c.cmd("DATA");
            StringBuilder big = new StringBuilder();
            while (big.length() < 70 * 1024) {
                big.append("0123456789012345678901234567890123456789012345678901234567890123456789\r\n");
            }
            assertEquals("552 5.3.4", code(c.cmd(big + ".")));
            assertEquals("250 2.0.0", code(c.cmd("NOOP")), "still in step after a too-big message");
        }
        assertEquals(0, fx.spool.list().size());
    }

    @Test
    void spoolFullRefusesAtMail() throws Exception {
        fx.close();
        SpoolOptions full = SpoolOptions.defaults().withMinFreeBytes(1).withFreeSpace(dir -> 0L);
        fx = new ServerFixture(tmp.resolve("full"), TestConfigs.OFFRAMP, full, UnaryOperator.identity());
        try (SmtpClient c = new SmtpClient(fx.port())) {
            c.reply();
            c.cmd("EHLO x");
            assertEquals("452 4.3.1", code(c.cmd("MAIL FROM:<a@example.org>")));
        }
    }

    @Test
    void rateLimitPerClient() throws Exception {
        fx.close();
        fx = new ServerFixture(tmp.resolve("rate"), TestConfigs.OFFRAMP, SpoolOptions.defaults().withMinFreeBytes(0),
                s -> s.withLimits(s.limits().withRates(0.001, 2, 100, 100)));
        try (SmtpClient c = new SmtpClient(fx.port())) {
            c.reply();
            c.cmd("EHLO x");
            c.cmd("MAIL FROM:<a@example.org>");
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
            assertEquals("250 2.1.5", code(c.cmd("RCPT TO:<FAX=5550101@gw.example.com>")));
            assertEquals("450 4.7.1", code(c.cmd("RCPT TO:<FAX=5550102@gw.example.com>")));
        }
    }
}
