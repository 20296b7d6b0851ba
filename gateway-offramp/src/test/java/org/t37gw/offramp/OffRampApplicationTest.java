package org.t37gw.offramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.ccapi.ApplicationRegistry;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.CallId;
import org.t37gw.ccapi.CallManager;
import org.t37gw.ccapi.CdrSink;
import org.t37gw.ccapi.Fmsp;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.ccapi.Vtsp;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.ConfigResult;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeerTable;
import org.t37gw.offramp.TestDoubles.FakeFmsp;
import org.t37gw.offramp.TestDoubles.FakeVtsp;
import org.t37gw.offramp.TestDoubles.Line;
import org.t37gw.offramp.TestDoubles.ManualExecutor;
import org.t37gw.offramp.TestDoubles.MutableClock;
import org.t37gw.offramp.TestDoubles.Session;
import org.t37gw.offramp.TestDoubles.TestContext;
import org.t37gw.spool.Job;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobKind;
import org.t37gw.spool.JobState;
import org.t37gw.spool.ResultCode;
import org.t37gw.spool.Spool;

class OffRampApplicationTest {

    static final String BASE_CONFIG = """
            hostname gw.example.com
            mta receive aliases example.com
            fax send transmitting-subscriber +1 555 0000
            fax send left-header $s$
            fax send right-header $p$
            fax send retries 3
            voice-port 0
             driver loopback 1
            voice-port 1
             driver loopback 0
            dial-peer voice 20 mmoip
             application fax_on_vfc_offramp_app
             incoming called-number .T
             information-type fax
            dial-peer voice 21 pots
             destination-pattern 555....
             port 0
            """;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:00:00Z"));
    final ManualExecutor executor = new ManualExecutor();
    final FakeVtsp vtsp = new FakeVtsp(Set.of("0", "2"));
    final FakeFmsp fmsp = new FakeFmsp();
    Spool spool;
    OffRampApplication app;
    CallManager manager;

    void start(String extraConfig, OffRampOptions options) throws IOException {
        start(extraConfig, options, executor);
    }

    void start(String extraConfig, OffRampOptions options, java.util.concurrent.Executor exec) throws IOException {
        ConfigResult cr = ConfigLoader.parse(BASE_CONFIG + extraConfig, "test.cfg");
        assertTrue(cr.ok(), () -> "config: " + cr.errors());
        GatewayConfig cfg = cr.config();
        spool = Spool.open(dir.resolve("spool"), clock);
        app = new OffRampApplication(options.withWorkDir(dir.resolve("work")), exec);
        manager = new CallManager(clock, new ApplicationRegistry(List.of(app)), CdrSink.NONE, 50);
        vtsp.manager = manager;
        TestContext ctx = new TestContext();
        ctx.manager = manager;
        ctx.clock = clock;
        ctx.table = new DialPeerTable(cfg.dialPeers());
        ctx.services.put(Spool.class, spool);
        ctx.services.put(GatewayConfig.class, cfg);
        ctx.services.put(Vtsp.class, vtsp);
        ctx.services.put(Fmsp.class, fmsp);
        app.start(ctx);
    }

    void start() throws IOException {
        start("", OffRampOptions.DEFAULT);
    }

    @AfterEach
    void close() throws IOException {
        if (app != null) {
            app.stop();
        }
        if (spool != null) {
            spool.close();
        }
    }

    static String message(String body) {
        return "From: Alice <alice@example.org>\r\n"
                + "To: FAX=5550100@example.com\r\n"
                + "Subject: Quarterly report\r\n"
                + "Message-ID: <m1@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n" + body;
    }

    JobId enqueue(String number, String notify, String cover, String message) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("sender", "alice@example.org");
        f.put("recipient", "FAX=" + number + "@example.com");
        f.put("number", number);
        f.put("subaddress", "");
        f.put("cover", cover);
        f.put("notify", notify);
        f.put("orcpt", "rfc822;FAX=" + number + "@example.com");
        f.put("envid", "ENV1");
        f.put("ret", "HDRS");
        f.put("received", clock.instant().toString());
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        return spool.enqueue(JobKind.OFFRAMP, f, sink -> {
            try (var out = sink.create(OffRampApplication.MESSAGE)) {
                out.write(msg);
            }
        });
    }

    JobId enqueue(String notify) throws IOException {
        return enqueue("5550100", notify, "", message("Hello\fPage two\fPage three\r\n"));
    }

    void pollAndRun() {
        app.poll();
        executor.runAll();
    }

    Job job(JobId id) {
        return spool.get(id).orElseThrow();
    }

    /** The MAIL jobs (DSNs, MDNs) spooled, as text. */
    List<String> mails() throws IOException {
        List<String> out = new ArrayList<>();
        for (Job j : spool.list()) {
            if (j.kind().equals(JobKind.MAIL)) {
                try (var in = j.openPayload("message.eml")) {
                    out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    static long count(List<String> mails, String needle) {
        return mails.stream().filter(m -> m.contains(needle)).count();
    }

    @Test
    void withItsOwnThreadANewJobIsTakenWhenCommittedNotAtTheNextPoll() throws Exception {
        OffRampOptions hourly = new OffRampOptions(OffRampOptions.DEFAULT.unrenderable(), false,
                OffRampOptions.DEFAULT.paper(), OffRampOptions.DEFAULT.limits(), 8, Duration.ofHours(1), null, true);
        start("", hourly, null);
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        Thread.sleep(200); // the poll at start has run and found nothing; the next one is an hour away
        JobId id = enqueue("FAILURE,DELAY");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (job(id).state() != JobState.DONE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(JobState.DONE, job(id).state(), "the spool's new-job listener woke the off-ramp");
        app.stop();
        app = null;
        // stopped: a commit no longer reaches it, and costs the committer nothing
        JobId after = enqueue("FAILURE,DELAY");
        Thread.sleep(200);
        assertEquals(JobState.QUEUED, job(after).state());
    }

    @Test
    void successSendsEveryPageAndDsnOnlyWhenSuccessIsAsked() throws IOException {
        start();
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        JobId quiet = enqueue("FAILURE,DELAY");
        pollAndRun();
        assertEquals(JobState.DONE, job(quiet).state());
        assertEquals("3", job(quiet).field("pages").orElse(""));
        assertEquals("3", job(quiet).field("pages-confirmed").orElse(""));
        assertEquals(List.of("0:0100:+1 555 0000"), vtsp.dials, "digit-strip of 555 and the TSI as calling number");
        assertEquals("+1 555 0000", fmsp.options.get(0).localIdent());
        assertEquals(14400, fmsp.options.get(0).maxBitRate());
        assertEquals(3, fmsp.sent.get(0).size());
        assertEquals(1728, fmsp.sent.get(0).get(0).widthPixels());
        assertTrue(mails().isEmpty(), "no DSN without NOTIFY=SUCCESS");

        JobId loud = enqueue("SUCCESS,FAILURE");
        pollAndRun();
        assertEquals(JobState.DONE, job(loud).state());
        List<String> m = mails();
        assertEquals(1, m.size());
        assertTrue(m.get(0).contains("Action: delivered"), m.get(0));
        assertTrue(m.get(0).contains("Status: 2.0.0"), m.get(0));
        assertTrue(m.get(0).contains("Remote-MTA: X-Fax; 5550100"), m.get(0));
        assertTrue(m.get(0).contains("Original-Envelope-Id: ENV1"), m.get(0));
        assertEquals(0, manager.activeCalls().size());
    }

    @Test
    void busyTwiceThenSuccessRetriesWithOneDelayDsn() throws IOException {
        start();
        vtsp.script.add(new Line.Fail(Q850Cause.USER_BUSY));
        vtsp.script.add(new Line.Fail(Q850Cause.USER_BUSY));
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        JobId id = enqueue("FAILURE,DELAY");
        pollAndRun();
        assertEquals(JobState.SLEEPING, job(id).state());
        assertEquals(ResultCode.BUSY, job(id).result().orElseThrow());
        pollAndRun(); // not due yet: nothing happens
        assertEquals(1, vtsp.dials.size());
        clock.advance(Duration.ofHours(1));
        pollAndRun();
        assertEquals(JobState.SLEEPING, job(id).state());
        clock.advance(Duration.ofHours(2));
        pollAndRun();
        assertEquals(JobState.DONE, job(id).state());
        assertEquals(3, vtsp.dials.size());
        List<String> m = mails();
        assertEquals(1, m.size(), "one DELAY DSN, nothing else: " + m);
        assertTrue(m.get(0).contains("Action: delayed"), m.get(0));
        assertTrue(m.get(0).contains("Status: 4.4.1"), m.get(0));
        assertEquals(0, count(m, "Action: failed"));
    }

    @Test
    void retriesRunOutAfterTheConfiguredCountWithOneFailureDsn() throws IOException {
        start("fax send retries busy 1\n", OffRampOptions.DEFAULT);
        vtsp.script.add(new Line.Fail(Q850Cause.USER_BUSY));
        JobId id = enqueue("FAILURE,DELAY");
        for (int i = 0; i < 4; i++) {
            pollAndRun();
            clock.advance(Duration.ofHours(3));
        }
        assertEquals(2, vtsp.dials.size(), "first attempt and one retry");
        assertEquals(JobState.FAILED, job(id).state());
        assertEquals(ResultCode.RETRIES_EXHAUSTED, job(id).result().orElseThrow());
        List<String> m = mails();
        assertEquals(1, count(m, "Action: delayed"));
        assertEquals(1, count(m, "Action: failed"));
        assertEquals(2, m.size());
    }

    @Test
    void permanentFailureGivesOneFailureDsnWithTheT30Result() throws IOException {
        start();
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(new Session(0, false, "T30_ERR_INCOMPATIBLE: far end incompatible with A4 fine"));
        JobId id = enqueue("FAILURE");
        pollAndRun();
        assertEquals(JobState.FAILED, job(id).state());
        assertEquals(ResultCode.REMOTE_REJECTED, job(id).result().orElseThrow());
        clock.advance(Duration.ofDays(1));
        pollAndRun();
        assertEquals(1, vtsp.dials.size(), "never redialled");
        List<String> m = mails();
        assertEquals(1, m.size());
        assertTrue(m.get(0).contains("Action: failed"), m.get(0));
        assertTrue(m.get(0).contains("Diagnostic-Code: X-T30; T30_ERR_INCOMPATIBLE"), m.get(0));
        assertTrue(m.get(0).contains("Remote-MTA: X-Fax; 5550100"), m.get(0));
    }

    @Test
    void unallocatedNumberFailsAtOnceAsBadAddress() throws IOException {
        start();
        vtsp.script.add(new Line.Fail(Q850Cause.UNALLOCATED_NUMBER));
        JobId id = enqueue("FAILURE,DELAY");
        pollAndRun();
        assertEquals(JobState.FAILED, job(id).state());
        List<String> m = mails();
        assertEquals(1, m.size());
        assertTrue(m.get(0).contains("Status: 5.1.1"), m.get(0));
    }

    @Test
    void permanentErrorConfigFailsBusyAtOnce() throws IOException {
        start("mta receive generate permanent-error\n", OffRampOptions.DEFAULT);
        vtsp.script.add(new Line.Fail(Q850Cause.USER_BUSY));
        JobId id = enqueue("FAILURE,DELAY");
        pollAndRun();
        assertEquals(JobState.FAILED, job(id).state());
        List<String> m = mails();
        assertEquals(1, m.size());
        assertTrue(m.get(0).contains("Action: failed"));
        assertTrue(m.get(0).contains("Status: 5.4.1"), m.get(0));
    }

    @Test
    void disableDsnSendsNone() throws IOException {
        start("mta receive disable-dsn\n", OffRampOptions.DEFAULT);
        vtsp.script.add(new Line.Fail(Q850Cause.UNALLOCATED_NUMBER));
        JobId id = enqueue("SUCCESS,FAILURE,DELAY");
        pollAndRun();
        assertEquals(JobState.FAILED, job(id).state());
        assertTrue(mails().isEmpty());
    }

    @Test
    void resumesFromTheFirstUnconfirmedPageAfterADrop() throws IOException {
        start();
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(new Session(1, false, "call dropped during page 2"));
        fmsp.script.add(Session.ok());
        JobId id = enqueue("FAILURE,DELAY");
        pollAndRun();
        assertEquals(JobState.SLEEPING, job(id).state());
        assertEquals("1", job(id).field("pages-confirmed").orElse(""));
        assertEquals(ResultCode.PARTIAL, job(id).result().orElseThrow());
        clock.advance(Duration.ofHours(1));
        pollAndRun();
        assertEquals(JobState.DONE, job(id).state());
        assertEquals(3, fmsp.sent.get(0).size());
        assertEquals(2, fmsp.sent.get(1).size(), "pages 2 and 3 only");
        assertEquals(fmsp.sent.get(0).get(1), fmsp.sent.get(1).get(0), "the same page 2");
        assertEquals("3", job(id).field("pages-confirmed").orElse(""));
    }

    @Test
    void noDialPeerFailsAtOnce() throws IOException {
        start();
        JobId id = enqueue("4441234", "FAILURE,DELAY", "", message("hello\r\n"));
        pollAndRun();
        assertEquals(JobState.FAILED, job(id).state());
        assertEquals(ResultCode.NO_ROUTE, job(id).result().orElseThrow());
        assertTrue(vtsp.dials.isEmpty());
        List<String> m = mails();
        assertEquals(1, m.size());
        assertTrue(m.get(0).contains("Action: failed"));
        assertTrue(m.get(0).contains("no dial-peer"), m.get(0));
    }

    @Test
    void noPortDriverFailsAtOnce() throws IOException {
        start();
        JobId id = enqueue("5559999", "FAILURE", "", message("hello\r\n"));
        app.stop();
        spool.close();
        spool = null;
        executor.runAll();
        // fresh start without a Vtsp
        ConfigResult cr = ConfigLoader.parse(BASE_CONFIG, "test.cfg");
        spool = Spool.open(dir.resolve("spool"), clock);
        app = new OffRampApplication(OffRampOptions.DEFAULT.withWorkDir(dir.resolve("work")), executor);
        manager = new CallManager(clock, new ApplicationRegistry(List.of(app)), CdrSink.NONE, 50);
        TestContext ctx = new TestContext();
        ctx.manager = manager;
        ctx.clock = clock;
        ctx.table = new DialPeerTable(cr.config().dialPeers());
        ctx.services.put(Spool.class, spool);
        ctx.services.put(GatewayConfig.class, cr.config());
        app.start(ctx);
        pollAndRun();
        assertEquals(JobState.FAILED, job(id).state());
        assertEquals(ResultCode.NO_ROUTE, job(id).result().orElseThrow());
        assertEquals(1, mails().size());
    }

    @Test
    void coverPageFollowsTheAddressUnderEmailControllable() throws IOException {
        start("fax send coverpage enable\nfax send coverpage e-mail-controllable\n", OffRampOptions.DEFAULT);
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        JobId plain = enqueue("5550100", "FAILURE", "", message("one page\r\n"));
        JobId no = enqueue("5550101", "FAILURE", "no", message("one page\r\n"));
        JobId yes = enqueue("5550102", "FAILURE", "yes", message("one page\r\n"));
        pollAndRun();
        assertEquals("2", job(plain).field("pages").orElse(""), "enable: cover + 1");
        assertEquals("1", job(no).field("pages").orElse(""), "/cover=no");
        assertEquals("2", job(yes).field("pages").orElse(""), "/cover=yes");
    }

    @Test
    void coverNoIsIgnoredWithoutEmailControllable() throws IOException {
        start("fax send coverpage enable\n", OffRampOptions.DEFAULT);
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        JobId no = enqueue("5550101", "FAILURE", "no", message("one page\r\n"));
        pollAndRun();
        assertEquals("2", job(no).field("pages").orElse(""));
    }

    @Test
    void maxConnHoldsTheSecondJobUntilTheFirstCallEnds() throws IOException {
        String cfg = BASE_CONFIG.replace(" port 0\n", " port 0\n max-conn 1\n");
        ConfigResult cr = ConfigLoader.parse(cfg, "test.cfg");
        assertTrue(cr.ok(), () -> "config: " + cr.errors());
        spool = Spool.open(dir.resolve("spool"), clock);
        app = new OffRampApplication(OffRampOptions.DEFAULT.withWorkDir(dir.resolve("work")), executor);
        manager = new CallManager(clock, new ApplicationRegistry(List.of(app)), CdrSink.NONE, 50);
        vtsp.manager = manager;
        TestContext ctx = new TestContext();
        ctx.manager = manager;
        ctx.clock = clock;
        ctx.table = new DialPeerTable(cr.config().dialPeers());
        ctx.services.put(Spool.class, spool);
        ctx.services.put(GatewayConfig.class, cr.config());
        ctx.services.put(Vtsp.class, vtsp);
        ctx.services.put(Fmsp.class, fmsp);
        app.start(ctx);
        vtsp.script.add(new Line.Hold());
        fmsp.script.add(Session.ok());
        JobId a = enqueue("5550100", "FAILURE", "", message("a\r\n"));
        JobId b = enqueue("5550101", "FAILURE", "", message("b\r\n"));
        pollAndRun();
        pollAndRun();
        assertEquals(1, vtsp.dials.size(), "max-conn 1: one call at a time");
        assertEquals(1, manager.activeCalls().size());
        CallId first = vtsp.calls.get(0);
        manager.fire(new CallEvent.Connect(first));
        executor.runAll();
        assertEquals(JobState.DONE, job(a).state());
        assertEquals(2, vtsp.dials.size(), "the second job dials once the line is free");
        manager.fire(new CallEvent.Connect(vtsp.calls.get(1)));
        executor.runAll();
        assertEquals(JobState.DONE, job(b).state());
        assertFalse(mails().stream().anyMatch(x -> x.contains("Action: failed")));
    }

    @Test
    void mdnWhenAskedAndConfigured() throws IOException {
        start("mta receive generate mdn\n", OffRampOptions.DEFAULT);
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        String msg = message("hi\r\n").replace("MIME-Version", "Disposition-Notification-To: bob@example.org\r\nMIME-Version");
        JobId id = enqueue("5550100", "FAILURE", "", msg);
        pollAndRun();
        assertEquals(JobState.DONE, job(id).state());
        List<String> m = mails();
        assertEquals(1, m.size());
        assertTrue(m.get(0).contains("processed"), m.get(0));
        assertTrue(m.get(0).contains("bob@example.org"), m.get(0));
    }

    @Test
    void unrenderableContentIsNamedOrRefused() throws IOException {
        String mixed = "From: alice@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=B\r\n\r\n"
                + "--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--B\r\nContent-Type: application/msword; name=plan.doc\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n"
                + "--B--\r\n";
        start();
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        JobId id = enqueue("5550100", "FAILURE", "", mixed);
        pollAndRun();
        assertEquals(JobState.DONE, job(id).state());
        assertTrue(job(id).field("skipped").orElse("").contains("plan.doc"));
        List<String> m = mails();
        assertEquals(1, m.size(), "parts left out are reported even without NOTIFY=SUCCESS");
        assertTrue(m.get(0).contains("plan.doc"), m.get(0));
        assertTrue(m.get(0).contains("Action: delivered"), m.get(0));
    }

    @Test
    void refusePolicyFailsTheJob() throws IOException {
        String mixed = "From: alice@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=B\r\n\r\n"
                + "--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--B\r\nContent-Type: application/zip; name=a.zip\r\n\r\nPK\r\n"
                + "--B--\r\n";
        start("", OffRampOptions.DEFAULT.withUnrenderable(FaxPages.UnrenderablePolicy.REFUSE));
        JobId id = enqueue("5550100", "FAILURE", "", mixed);
        pollAndRun();
        assertEquals(JobState.FAILED, job(id).state());
        assertEquals(ResultCode.UNSUPPORTED_CONTENT, job(id).result().orElseThrow());
        assertTrue(vtsp.dials.isEmpty());
        List<String> m = mails();
        assertEquals(1, m.size());
        assertTrue(m.get(0).contains("Status: 5.6.1"), m.get(0));
        assertTrue(m.get(0).contains("a.zip"), m.get(0));
    }

    @Test
    void huntsToTheNextDialPeerWhenTheLineFails() throws IOException {
        start("""
                voice-port 2
                 driver loopback 3
                voice-port 3
                 driver loopback 2
                dial-peer voice 22 pots
                 destination-pattern 555....
                 preference 1
                 prefix 9
                 port 2
                """, OffRampOptions.DEFAULT);
        vtsp.script.add(new Line.Fail(Q850Cause.NO_CIRCUIT_AVAILABLE));
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        JobId id = enqueue("FAILURE");
        pollAndRun();
        assertEquals(JobState.DONE, job(id).state());
        assertEquals(List.of("0:0100:+1 555 0000", "2:90100:+1 555 0000"), vtsp.dials);
        assertEquals(1, job(id).attempts(), "hunting is within one attempt");
        assertTrue(mails().isEmpty());
    }

    @Test
    void recoveredJobWithARecordedOutcomeIsNotFaxedOrReportedAgain() throws IOException {
        start();
        vtsp.script.add(new Line.Answer());
        fmsp.script.add(Session.ok());
        JobId id = enqueue("SUCCESS,FAILURE");
        Job j = spool.get(id).orElseThrow();
        spool.update(j, Map.of("final-result", "0", "final-status", "0.0", "final-reason", "3 pages sent",
                "dsn-final", "20260304T100000000-000009", "mdn-sent", "none"));
        pollAndRun();
        assertEquals(JobState.DONE, job(id).state());
        assertTrue(vtsp.dials.isEmpty());
        assertTrue(mails().isEmpty());
        JobId other = enqueue("FAILURE");
        pollAndRun();
        assertEquals(JobState.DONE, job(other).state(), "the recovered job left its slot free");
    }
}
