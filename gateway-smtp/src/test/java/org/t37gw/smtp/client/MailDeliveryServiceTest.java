package org.t37gw.smtp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.RejectException;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.GatewayConfig;
import org.t37gw.config.MtaSend;
import org.t37gw.config.Secret;
import org.t37gw.dialpeer.DialPeer.DsnNotify;
import org.t37gw.smtp.mail.ComposedMail;
import org.t37gw.smtp.mail.FaxMailRequest;
import org.t37gw.smtp.mail.MailComposer;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.JobState;
import org.t37gw.spool.ResultCode;
import org.t37gw.spool.RetryPolicy;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolOptions;

@Timeout(30)
class MailDeliveryServiceTest {

    static final Instant T0 = Instant.parse("2024-03-05T10:15:30Z");
    /** 1 min, doubling, 8 attempts. */
    static final RetryPolicy POLICY = new RetryPolicy(Duration.ofMinutes(1), 2.0, Duration.ofHours(1), 8, Duration.ofDays(2));

    @TempDir
    Path dir;
    FakeClock clock;
    Spool spool;
    final List<AutoCloseable> closeMe = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        clock = new FakeClock(T0);
        spool = Spool.open(dir.resolve("spool"), clock, SpoolOptions.defaults().withMinFreeBytes(0).withRetry(POLICY));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeMe) {
            c.close();
        }
        spool.close();
    }

    <T extends AutoCloseable> T closing(T c) {
        closeMe.add(c);
        return c;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static MtaSend.Server server(int port) {
        return new MtaSend.Server("127.0.0.1", port);
    }

    static DeliverySettings settings(String postmaster, MtaSend.Server... servers) {
        return new DeliverySettings("gw.test", List.of(servers), MtaSend.Tls.NONE, null, postmaster, List.of("gw.test"),
                null, false, Duration.ofSeconds(2), Duration.ofSeconds(5), null);
    }

    MailDeliveryService service(DeliverySettings s) {
        return new MailDeliveryService(spool, s, clock);
    }

    static byte[] message(String subject) {
        return ("From: fax@gw.test\r\nTo: someone@example.com\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject + "@gw.test>\r\n\r\nbody of " + subject + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static OutboundMail mail(String... rcpts) {
        return OutboundMail.of(new MailEnvelope("fax@gw.test", List.of(rcpts), Set.of(DsnNotify.FAILURE), null), "test", null);
    }

    JobId submit(MailDeliveryService svc, OutboundMail m, byte[] msg) throws IOException {
        return svc.submit(m, out -> out.write(msg));
    }

    Job job(JobId id) {
        return spool.get(id).orElseThrow();
    }

    static MimeMessage parse(byte[] data) throws Exception {
        return new MimeMessage(jakarta.mail.Session.getInstance(new Properties()), new ByteArrayInputStream(data));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void composedMailArrivesWithHeadersAttachmentAndDsnParametersOnTheWire() throws Exception {
        SmtpSink sink = closing(SmtpSink.plain(0).start());
        RecordingProxy proxy = closing(new RecordingProxy(sink.port()));
        ConfigResult cr = ConfigLoader.parse("hostname gw1.example.com\n"
                + "mta send server 127.0.0.1 port " + proxy.port() + "\n"
                + "mta send mail-from username $s$\n"
                + "mta send mail-from hostname fax.example.com\n"
                + "dial-peer voice 11 mmoip\n"
                + " application fax_on_vfc_onramp_app out-bound\n"
                + " destination-pattern 555....\n"
                + " information-type fax\n"
                + " session target mailto:$d$@example.com\n"
                + " dsn success\n dsn failure\n dsn delay\n", "t.cfg");
        assertTrue(cr.ok(), cr.errors()::toString);
        GatewayConfig cfg = cr.config();
        byte[] tiff = new byte[50_000];
        new Random(7).nextBytes(tiff);
        Path tiffFile = dir.resolve("in.tif");
        Files.write(tiffFile, tiff);
        AtomicInteger ids = new AtomicInteger();
        ComposedMail composed = MailComposer.of(cfg, clock, () -> "m" + ids.incrementAndGet()).compose(
                new FaxMailRequest("4085551234", "5550100", null, null, "TSI 1", "0", null, T0, Duration.ofSeconds(60),
                        2, 9600, false, FaxResolution.STANDARD, FaxCoding.MH, FaxMailRequest.Outcome.COMPLETE, null,
                        tiffFile, List.of()), cfg.dialPeer(11).orElseThrow());

        MailDeliveryService svc = service(DeliverySettings.from(cfg, dir.resolve("state"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        JobId id = svc.submit(composed);
        assertEquals(1, svc.deliverDue());

        assertEquals(JobState.DONE, job(id).state());
        SmtpSink.Received r = sink.messages().get(0);
        assertEquals("4085551234@fax.example.com", r.from());
        assertEquals(List.of("5550100@example.com"), r.recipients());
        assertArrayEquals(composed.toBytes(), r.data(), "the message arrives byte for byte");
        MimeMessage m = parse(r.data());
        assertEquals("<t37gw.m1@gw1.example.com>", m.getMessageID());
        assertEquals("2", m.getHeader("X-Fax-Pages", null));
        Part att = ((Multipart) m.getContent()).getBodyPart(1);
        assertArrayEquals(tiff, att.getInputStream().readAllBytes(), "attachment identical to the input file");

        List<String> lines = proxy.clientLines();
        String mailFrom = lines.stream().filter(l -> l.startsWith("MAIL FROM:")).findFirst().orElseThrow();
        assertTrue(mailFrom.startsWith("MAIL FROM:<4085551234@fax.example.com>"), mailFrom);
        assertTrue(mailFrom.contains(" RET=HDRS"), mailFrom);
        assertTrue(mailFrom.contains(" ENVID=" + id.value()), mailFrom);
        assertTrue(lines.contains("RCPT TO:<5550100@example.com> NOTIFY=SUCCESS,FAILURE,DELAY"), lines::toString);
        assertTrue(lines.contains("EHLO gw1.example.com"), lines::toString);
    }

    @Test
    void mtaDownForAWhileThenUpEveryMailDeliveredOnceNoneTwice() throws Exception {
        int port = freePort();
        MailDeliveryService svc = service(settings(null, server(port)));
        List<JobId> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(submit(svc, mail("r" + i + "@example.com"), message("down" + i)));
        }
        assertEquals(5, svc.deliverDue(), "each job tried once");
        for (JobId id : jobs) {
            Job j = job(id);
            assertEquals(JobState.SLEEPING, j.state());
            assertEquals(ResultCode.MTA_UNREACHABLE, j.result().orElseThrow());
            assertEquals(T0.plus(Duration.ofMinutes(1)), j.nextAttempt().orElseThrow());
        }
        clock.advance(Duration.ofMinutes(1));
        assertEquals(5, svc.deliverDue(), "second attempt, still down");
        assertEquals(T0.plus(Duration.ofMinutes(3)), job(jobs.get(0)).nextAttempt().orElseThrow(), "backoff doubled");

        SmtpSink sink = closing(SmtpSink.plain(port).start());
        assertEquals(0, svc.deliverDue(), "nothing due before the backoff ends");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(5, svc.deliverDue());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, svc.deliverDue(), "DONE jobs are never handed out again");
        List<SmtpSink.Received> got = sink.messages();
        assertEquals(5, got.size());
        Set<String> subjects = new HashSet<>();
        for (SmtpSink.Received r : got) {
            assertTrue(subjects.add(parse(r.data()).getSubject()), "delivered twice");
        }
        for (JobId id : jobs) {
            assertEquals(JobState.DONE, job(id).state());
            assertEquals(3, job(id).attempts());
        }
    }

    @Test
    void reconfigureSendsNewMailToTheNewServerList() throws Exception {
        SmtpSink first = closing(SmtpSink.plain(0).start());
        SmtpSink second = closing(SmtpSink.plain(0).start());
        MailDeliveryService svc = service(settings(null, server(first.port())));
        JobId a = submit(svc, mail("a@example.com"), message("before reload"));
        svc.deliverDue();
        assertEquals(JobState.DONE, job(a).state());

        svc.reconfigure(settings(null, server(second.port())));
        JobId b = submit(svc, mail("b@example.com"), message("after reload"));
        svc.deliverDue();
        assertEquals(JobState.DONE, job(b).state());
        assertEquals(1, first.messages().size(), "the old server got only the mail before the reload");
        assertEquals(1, second.messages().size(), "the new server got the mail after it");
    }

    @Test
    void firstServerRefusesConnectionsSecondIsUsed() throws Exception {
        int dead = freePort();
        SmtpSink sink = closing(SmtpSink.plain(0).start());
        MailDeliveryService svc = service(settings(null, server(dead), server(sink.port())));
        JobId id = submit(svc, mail("a@example.com"), message("failover"));
        svc.deliverDue();
        assertEquals(JobState.DONE, job(id).state());
        assertEquals(1, sink.messages().size());
        assertTrue(job(id).field("mail.rcpt.0.reply").orElseThrow().startsWith("127.0.0.1:" + sink.port() + ": 250"),
                job(id).fields()::toString);
    }

    @Test
    void temporaryFailureIsRetriedWithBackoffOnlyForThePendingRecipient() throws Exception {
        SmtpSink sink = closing(SmtpSink.plain(0).start());
        AtomicInteger refusals = new AtomicInteger(2);
        sink.rcptPolicy = r -> r.startsWith("busy") && refusals.getAndDecrement() > 0
                ? new RejectException(451, "4.3.0 try again later") : null;
        MailDeliveryService svc = service(settings(null, server(sink.port())));
        JobId id = submit(svc, mail("ok@example.com", "busy@example.com"), message("temp"));

        svc.deliverDue();
        Job j = job(id);
        assertEquals(JobState.SLEEPING, j.state());
        assertEquals(ResultCode.SMTP_TEMPORARY, j.result().orElseThrow());
        assertTrue(j.reason().orElseThrow().contains("451"), j.reason()::toString);
        assertEquals(T0.plus(Duration.ofMinutes(1)), j.nextAttempt().orElseThrow());
        assertEquals("DELIVERED", j.field("mail.rcpt.0.state").orElseThrow());
        assertEquals("PENDING", j.field("mail.rcpt.1.state").orElseThrow());
        assertEquals(1, sink.messages().size());

        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, svc.deliverDue(), "not before the backoff");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, svc.deliverDue());
        assertEquals(T0.plus(Duration.ofMinutes(1 + 2)), job(id).nextAttempt().orElseThrow(), "1 min, then 2");
        clock.advance(Duration.ofMinutes(2));
        svc.deliverDue();
        assertEquals(JobState.DONE, job(id).state());
        List<SmtpSink.Received> got = sink.messages();
        assertEquals(2, got.size());
        assertEquals(List.of("ok@example.com"), got.get(0).recipients());
        assertEquals(List.of("busy@example.com"), got.get(1).recipients(), "the delivered recipient is not sent again");
    }

    @Test
    void permanentFailureHandsTheMessageToThePostmasterWithTheReason() throws Exception {
        SmtpSink sink = closing(SmtpSink.plain(0).start());
        sink.rcptPolicy = r -> r.startsWith("nobody") ? new RejectException(550, "5.1.1 no such user here") : null;
        MailDeliveryService svc = service(settings("postmaster@example.com", server(sink.port())));
        JobId id = submit(svc, mail("nobody@example.com", "ok@example.com"), message("rejected"));

        assertEquals(2, svc.deliverDue(), "the job, then the postmaster copy spooled by it");
        Job j = job(id);
        assertEquals(JobState.FAILED, j.state());
        assertEquals(ResultCode.SMTP_PERMANENT, j.result().orElseThrow());
        assertTrue(j.reason().orElseThrow().contains("handed to postmaster"), j.reason()::toString);
        assertEquals("REJECTED", j.field("mail.rcpt.0.state").orElseThrow());
        assertEquals("DELIVERED", j.field("mail.rcpt.1.state").orElseThrow());
        assertTrue(Files.exists(j.payloadPath(OutboundMail.MESSAGE)), "the message stays in the spool");

        List<SmtpSink.Received> got = sink.messages();
        assertEquals(2, got.size());
        assertEquals(List.of("ok@example.com"), got.get(0).recipients());
        SmtpSink.Received pm = got.get(1);
        assertEquals("", pm.from(), "null reverse-path");
        assertEquals(List.of("postmaster@example.com"), pm.recipients());
        MimeMessage m = parse(pm.data());
        assertEquals("auto-replied", m.getHeader("Auto-Submitted", null));
        Multipart mp = (Multipart) m.getContent();
        String text = (String) mp.getBodyPart(0).getContent();
        assertTrue(text.contains("nobody@example.com"), text);
        assertTrue(text.contains("550 5.1.1 no such user here"), text);
        assertTrue(text.contains(id.value()), text);
        assertFalse(text.contains("ok@example.com"), "only the refused recipient is reported");
        assertTrue(mp.getBodyPart(1).isMimeType("message/rfc822"));
        MimeMessage inner = (MimeMessage) mp.getBodyPart(1).getContent();
        assertEquals("rejected", inner.getSubject());
        JobId pmJob = spool.list().stream().map(Job::id).filter(x -> !x.equals(id)).findFirst().orElseThrow();
        assertEquals(JobState.DONE, job(pmJob).state());
        assertEquals(id.value(), job(pmJob).field("mail.bounce-of").orElseThrow());
    }

    @Test
    void permanentFailureWithoutPostmasterOrRefusedPostmasterFailsAndKeepsTheMessage() throws Exception {
        SmtpSink sink = closing(SmtpSink.plain(0).start());
        sink.dataReject = new RejectException(554, "5.7.1 content refused");
        JobId lone = submit(service(settings(null, server(sink.port()))), mail("a@example.com"), message("lone"));
        service(settings(null, server(sink.port()))).deliverDue();
        assertEquals(JobState.FAILED, job(lone).state());
        assertTrue(job(lone).reason().orElseThrow().contains("no postmaster"), job(lone).reason()::toString);
        assertArrayEquals(message("lone"), Files.readAllBytes(job(lone).payloadPath(OutboundMail.MESSAGE)));

        MailDeliveryService svc = service(settings("postmaster@example.com", server(sink.port())));
        JobId id = submit(svc, mail("b@example.com"), message("twice"));
        assertEquals(2, svc.deliverDue());
        assertEquals(JobState.FAILED, job(id).state());
        Job pm = spool.list().stream().filter(j -> j.field("mail.bounce-of").isPresent()).findFirst().orElseThrow();
        assertEquals(JobState.FAILED, pm.state(), "the postmaster copy is not wrapped again");
        assertEquals(3, spool.list().size(), "no endless postmaster loop");
        assertTrue(Files.exists(pm.payloadPath(OutboundMail.MESSAGE)));
        assertEquals(0, sink.messages().size());
    }

    @Test
    void startTlsRequiredWithAVerifiedSelfSignedCertificateAndAuthPlain() throws Exception {
        TestCert cert = new TestCert();
        SmtpSink sink = closing(new SmtpSink(0, cert.serverContext(), Map.of("fax", "s3cret")).start());
        DeliverySettings s = new DeliverySettings("gw.test", List.of(server(sink.port())), MtaSend.Tls.REQUIRED,
                new MtaSend.Auth("fax", new Secret("s3cret")), null, List.of(), null, false, Duration.ofSeconds(2),
                Duration.ofSeconds(5), cert.trustingContext().getSocketFactory());
        MailDeliveryService svc = service(s);
        JobId id = submit(svc, mail("tls@example.com"), message("tls"));
        svc.deliverDue();
        assertEquals(JobState.DONE, job(id).state(), () -> job(id).reason().orElse(""));
        SmtpSink.Received r = sink.messages().get(0);
        assertTrue(r.tls(), "STARTTLS was used");
        assertTrue(r.authenticated(), "AUTH PLAIN was used");

        // the same server with the JVM's default trust: the self-signed certificate is refused
        MailDeliveryService untrusted = service(s.withTls(MtaSend.Tls.REQUIRED, null));
        JobId bad = submit(untrusted, mail("tls@example.com"), message("untrusted"));
        untrusted.deliverDue();
        assertEquals(JobState.SLEEPING, job(bad).state());
        assertEquals(ResultCode.MTA_UNREACHABLE, job(bad).result().orElseThrow());
        // opportunistic STARTTLS encrypts without verifying
        MailDeliveryService opportunistic = service(s.withTls(MtaSend.Tls.STARTTLS, null));
        JobId opp = submit(opportunistic, mail("tls@example.com"), message("opportunistic"));
        opportunistic.deliverDue();
        assertEquals(JobState.DONE, job(opp).state(), () -> job(opp).reason().orElse(""));
        assertTrue(sink.messages().get(1).tls());
    }

    @Test
    void wrongAuthPasswordIsTransient() throws Exception {
        TestCert cert = new TestCert();
        SmtpSink sink = closing(new SmtpSink(0, cert.serverContext(), Map.of("fax", "s3cret")).start());
        DeliverySettings s = new DeliverySettings("gw.test", List.of(server(sink.port())), MtaSend.Tls.STARTTLS,
                new MtaSend.Auth("fax", new Secret("wrong")), null, List.of(), null, false, Duration.ofSeconds(2),
                Duration.ofSeconds(5), null);
        MailDeliveryService svc = service(s);
        JobId id = submit(svc, mail("x@example.com"), message("auth"));
        svc.deliverDue();
        assertEquals(JobState.SLEEPING, job(id).state());
        assertEquals(0, sink.messages().size());
    }

    @Test
    void serviceThreadDeliversSubmittedMailWithoutBeingAsked() throws Exception {
        spool.close();
        spool = Spool.open(dir.resolve("spool"), Clock.systemUTC(), SpoolOptions.defaults().withMinFreeBytes(0));
        SmtpSink sink = closing(SmtpSink.plain(0).start());
        MailDeliveryService svc = new MailDeliveryService(spool, settings(null, server(sink.port())), Clock.systemUTC());
        svc.start();
        try {
            submit(svc, mail("a@example.com"), message("threaded1"));
            submit(svc, mail("b@example.com"), message("threaded2"));
            assertEquals(2, sink.await(2, Duration.ofSeconds(10)).size());
        } finally {
            svc.stop();
        }
        assertTrue(svc.describe().contains("2 delivered"), svc.describe());
    }
}
