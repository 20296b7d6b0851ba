package org.t37gw.e2e.offramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.offramp.MimeDocument;
import org.t37gw.spool.Job;

/**
 * Issue 5, proof 3 over the wire: corpus messages sent by swaks (an MTA-shaped client) into the daemon's SMTP
 * server are accepted with 250, spooled once per FAX= recipient, and the spooled message still takes apart into
 * the same contents as the file does, the log with a 1500-character line (over RFC 5321's 1000) included: the
 * server takes it as mail clients' servers do. Skipped when swaks is not installed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SwaksCorpusTest {

    @TempDir
    Path tmp;

    /** Per test (not @BeforeAll) so that surefire reports the test skipped, with the reason. */
    @BeforeEach
    void swaksPresent() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= !d.isEmpty() && Files.isExecutable(Path.of(d, "swaks"));
        }
        assumeTrue(found, "skipped: swaks is not installed");
    }

    record Run(int exit, String out) {
    }

    static Run swaks(Path tmp, int port, Path data, String to) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port, "--from",
                "sender@client.test", "--to", to, "--helo", "client.test", "--timeout", "20", "--data", data.toString()));
        Path out = tmp.resolve("swaks.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("swaks did not finish in 40 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
    }

    @Test
    void corpusMessagesAreAcceptedAndSpooledIntact() throws Exception {
        MailClientCorpusTest.Attachments att = MailClientCorpusTest.attachments(tmp);
        int smtp = E2e.freeTcpPort();
        int[] udp = E2e.freeUdpPorts();
        List<MailClientCorpusTest.Case> chosen = MailClientCorpusTest.corpus()
                .filter(c -> List.of("gmail-attachments-cid.eml", "mutt-signed-tiff.eml", "outlook-html-latin1-qp.eml",
                        "apple-mail-nested.eml", "long-lines-utf8.eml").contains(c.file()))
                .toList();
        assertEquals(5, chosen.size());
        // no sink: the DSNs of these never-answered faxes stay in the spool; the test ends before a retry
        try (E2e.Gateway gw = new E2e.Gateway(tmp, E2e.config(smtp, E2e.freeTcpPort(), udp[0], udp[1], ""), 10)) {
            int n = 0;
            for (MailClientCorpusTest.Case c : chosen) {
                Path eml = tmp.resolve(c.file());
                byte[] original = MailClientCorpusTest.load(c.file(), att);
                Files.write(eml, original);
                Run r = swaks(tmp, smtp, eml, "FAX=5550100@localhost");
                assertEquals(0, r.exit(), c.file() + ":\n" + r.out());
                assertTrue(r.out().contains("<-  250 2.0.0 Ok: queued as"), c.file() + ":\n" + r.out());
                n++;
                List<Job> jobs = gw.daemon.services().spool().list().stream()
                        .filter(j -> j.kind().equals("OFFRAMP")).toList();
                assertEquals(n, jobs.size(), "one OFFRAMP job per message");
                Job job = jobs.stream().max(java.util.Comparator.comparing(j -> j.id().value())).orElseThrow();
                byte[] spooled;
                try (InputStream in = job.openPayload("message.eml")) {
                    spooled = in.readAllBytes();
                }
                MimeDocument want = MimeDocument.parse(original);
                MimeDocument got = MimeDocument.parse(spooled);
                assertEquals(c.kinds(), got.contents().stream().map(MimeDocument.Content::kind).toList(), c.file());
                for (int i = 0; i < want.contents().size(); i++) {
                    MimeDocument.Content w = want.contents().get(i);
                    MimeDocument.Content g = got.contents().get(i);
                    if (w.kind().isText()) { // the wire form has CRLF line ends, the file LF; swaks ends with one more
                        assertEquals(new String(w.data(), StandardCharsets.UTF_8).replace("\r\n", "\n").stripTrailing(),
                                new String(g.data(), StandardCharsets.UTF_8).replace("\r\n", "\n").stripTrailing(),
                                c.file() + ": text " + (i + 1) + " arrives intact");
                    } else {
                        assertTrue(java.util.Arrays.equals(w.data(), g.data()),
                                c.file() + ": " + w.name() + " arrives byte for byte");
                    }
                }
                assertEquals(want.subject(), got.subject());
            }
        }
    }
}
