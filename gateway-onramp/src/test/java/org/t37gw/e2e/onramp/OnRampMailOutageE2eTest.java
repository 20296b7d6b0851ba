package org.t37gw.e2e.onramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.daemon.Daemon;
import org.t37gw.smtp.client.MailDeliveryService;
import org.t37gw.vtsp.T38PortDriver;

/**
 * Issue 6, proof 2: the mail of received faxes when the MTA is not there, and when it refuses the recipient. The
 * daemon runs in process with faxes from the spandsp T.38 peer at ten times real time.
 */
class OnRampMailOutageE2eTest {

    @BeforeAll
    static void timeScale() {
        System.setProperty(T38PortDriver.TIME_SCALE_PROPERTY, "" + E2e.TIME_SCALE);
    }

    @AfterAll
    static void realTime() {
        System.clearProperty(T38PortDriver.TIME_SCALE_PROPERTY);
    }

    /**
     * Two faxes (on two voice-ports, at the same time) arrive while nothing listens on the {@code mta send server}
     * port: each MAIL job fails its first attempt and sleeps for the spool's MAIL backoff (5 min, the default
     * {@code RetryPolicy}). Then the MTA comes up, the daemon's clock is moved past the backoff and the delivery
     * service woken (it would look by itself within {@link MailDeliveryService#MAX_IDLE}): each mail arrives once.
     */
    @Test
    void mailsWaitForTheMtaAndArriveOnceEach(@TempDir Path dir) throws Exception {
        Path peer = E2e.peer();
        Path doc0 = E2e.document(dir, "a.tif", "tiffg3", false, 2);
        Path doc1 = E2e.document(dir, "b.tif", "tiffg32d", true, 3);
        int[] u = E2e.freeUdpPorts(4);
        int[][] udp = {{u[0], u[1]}, {u[2], u[3]}};
        int smtp = E2e.freeTcpPort();
        Path cfg = dir.resolve("gw.cfg");
        Files.writeString(cfg, E2e.config(smtp, "passthrough", udp));
        E2e.MovableClock clock = new E2e.MovableClock();
        try (LogWatch log = new LogWatch()) {
            Daemon d = new Daemon(new Daemon.Options(cfg, dir.resolve("state"), "127.0.0.1:0"), clock);
            d.start();
            try {
                Process p0 = E2e.sendFax(peer, dir, doc0, udp[0], false, "peer0");
                Process p1 = E2e.sendFax(peer, dir, doc1, udp[1], true, "peer1");
                String j0 = E2e.peerResult(p0, dir, "peer0", 120);
                String j1 = E2e.peerResult(p1, dir, "peer1", 120);
                assertEquals("ok", E2e.field(j0, "status"), j0 + "\n" + E2e.peerLog(dir, "peer0") + "\n" + log.tail());
                assertEquals("ok", E2e.field(j1, "status"), j1 + "\n" + E2e.peerLog(dir, "peer1") + "\n" + log.tail());

                // both MAIL jobs tried and put to sleep: the MTA is unreachable
                log.await(Pattern.compile("MailDeliveryService .* pending, next attempt"), 2, Duration.ofSeconds(60));
                assertEquals(2, log.count(Pattern.compile("MAIL ACTIVE -> SLEEPING")), log.tail());

                try (MailSink sink = new MailSink(smtp, r -> false).start()) {
                    clock.advance(Duration.ofMinutes(6));
                    d.services().service(MailDeliveryService.class).orElseThrow().wakeUp();
                    List<MailSink.Accepted> got = sink.await(2, Duration.ofSeconds(60));
                    Map<String, E2e.Mail> byRecipient = new TreeMap<>();
                    for (MailSink.Accepted a : got) {
                        assertEquals(1, a.to().size(), a.to().toString());
                        byRecipient.put(a.to().get(0), E2e.Mail.parse(a.data()));
                    }
                    assertEquals(List.of("fax-5550100@example.com", "fax-5550101@example.com"),
                            List.copyOf(byRecipient.keySet()), "one mail per fax\n" + log.tail());
                    E2e.Mail m0 = byRecipient.get("fax-5550100@example.com");
                    E2e.Mail m1 = byRecipient.get("fax-5550101@example.com");
                    assertEquals("complete", m0.header("X-Fax-Result"));
                    assertEquals("complete", m1.header("X-Fax-Result"));
                    E2e.assertPages(doc0, m0.tiff(), 2, "fax 1\n" + log.tail());
                    E2e.assertPages(doc1, m1.tiff(), 3, "fax 2\n" + log.tail());

                    d.stop();
                    d.awaitStopped();
                    assertEquals(2, sink.accepted().size(), "a mail went twice\n" + log.tail());
                    assertEquals(2, log.count(Pattern.compile("MAIL ACTIVE -> DONE")), log.tail());
                }
            } finally {
                d.stop();
                d.awaitStopped();
            }
        }
    }

    /**
     * The MTA answers 550 for the session target and accepts the postmaster: the fax goes to {@code mta send
     * postmaster} inside a notice that gives the reason, the pages intact; the target never gets it.
     */
    @Test
    void refusedFaxGoesToThePostmasterWithTheReason(@TempDir Path dir) throws Exception {
        Path peer = E2e.peer();
        Path doc = E2e.document(dir, "in.tif", "tiffg3", true, 2);
        int[] udp = E2e.freeUdpPorts(2);
        int smtp = E2e.freeTcpPort();
        Path cfg = dir.resolve("gw.cfg");
        Files.writeString(cfg, E2e.config(smtp, "passthrough", udp));
        try (LogWatch log = new LogWatch(); MailSink sink = new MailSink(smtp, E2e.TARGET::equalsIgnoreCase).start()) {
            Daemon d = new Daemon(new Daemon.Options(cfg, dir.resolve("state"), "127.0.0.1:0"), Clock.systemUTC());
            d.start();
            try {
                Process p = E2e.sendFax(peer, dir, doc, udp, false, "peer");
                String json = E2e.peerResult(p, dir, "peer", 120);
                assertEquals("ok", E2e.field(json, "status"), json + "\n" + E2e.peerLog(dir, "peer") + "\n" + log.tail());

                MailSink.Accepted got = sink.await(1, Duration.ofSeconds(60)).get(0);
                String context = log.tail();
                assertEquals(List.of(E2e.POSTMASTER), got.to(), context);
                assertEquals("", got.from() == null ? "" : got.from(), "a notice goes from <>\n" + context);
                assertEquals(1, sink.refusedRecipients(), context);
                E2e.Mail notice = E2e.Mail.parse(got.data());
                String text = notice.text();
                assertTrue(text.contains(E2e.TARGET) && text.contains("550"), "the reason is given:\n" + text);
                E2e.Mail fax = notice.nested();
                assertEquals("2", fax.header("X-Fax-Pages"), context);
                assertEquals("complete", fax.header("X-Fax-Result"), context);
                E2e.assertPages(doc, fax.tiff(), 2, context);

                d.stop();
                d.awaitStopped();
                assertEquals(1, sink.accepted().size(), "one notice, and nothing for the refused target\n" + log.tail());
                assertTrue(log.count(Pattern.compile("MAIL ACTIVE -> FAILED")) == 1, log.tail());
            } finally {
                d.stop();
                d.awaitStopped();
            }
        }
    }
}
