package org.t37gw.smtp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.config.ConfigLoader;
import org.t37gw.config.GatewayConfig;
import org.t37gw.dialpeer.DialPeer.DsnNotify;
import org.t37gw.smtp.mail.MailEnvelope;
import org.t37gw.spool.JobId;
import org.t37gw.spool.JobState;
import org.t37gw.spool.ResultCode;
import org.t37gw.spool.Spool;
import org.t37gw.spool.SpoolOptions;

class MaildirTest {

    static final Instant T0 = Instant.parse("2024-03-05T10:15:30Z");

    @TempDir
    Path dir;

    static List<Path> list(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    static final byte[] MSG = ("From: a@b\r\nSubject: hi\r\n\r\nline 1\r\nline 2 with a bare \r in it\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXPECTED = ("Return-Path: <a@b>\nDelivered-To: c@d\nFrom: a@b\nSubject: hi\n\nline 1\n"
            + "line 2 with a bare \r in it\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void deliversTheWholeMessageIntoNewWithUniqueSpecNames() throws Exception {
        Path msg = dir.resolve("m.eml");
        Files.write(msg, MSG);
        Maildir md = new Maildir(dir.resolve("Mail"), "host/with:colon", new FakeClock(T0));
        Path a = md.deliver("a@b", "c@d", msg);
        Path b = md.deliver("a@b", "c@d", msg);
        assertEquals(dir.resolve("Mail/new"), a.getParent());
        assertArrayEquals(EXPECTED, Files.readAllBytes(a));
        assertNotEquals(a, b);
        String name = a.getFileName().toString();
        assertTrue(name.matches("1709633730\\.M0P[0-9]+Q1R[0-9a-f]{16}\\.host\\\\057with\\\\072colon"), name);
        assertEquals(List.of(), list(dir.resolve("Mail/tmp")));
        assertTrue(Files.isDirectory(dir.resolve("Mail/cur")));
    }

    @Test
    void crashBetweenTmpAndRenameLeavesNothingInNew() throws Exception {
        Path msg = dir.resolve("m.eml");
        Files.write(msg, MSG);
        FakeClock clock = new FakeClock(Instant.now());
        Maildir.BeforeRename die = tmp -> {
            assertArrayEquals(EXPECTED, Files.readAllBytes(tmp), "tmp file is complete and synced before the rename");
            throw new Error("simulated crash before rename");
        };
        Maildir crashing = new Maildir(dir.resolve("Mail"), "h", clock, die);
        assertThrows(Error.class, () -> crashing.deliver("a@b", "c@d", msg));
        assertEquals(List.of(), list(dir.resolve("Mail/new")), "no half file in new/");
        assertEquals(1, list(dir.resolve("Mail/tmp")).size(), "what a crash leaves is in tmp/");

        Maildir md = new Maildir(dir.resolve("Mail"), "h", clock);
        assertEquals(0, md.cleanTmp(Maildir.TMP_MAX_AGE), "young tmp files are left alone");
        clock.advance(Duration.ofHours(37));
        assertEquals(1, md.cleanTmp(Maildir.TMP_MAX_AGE));
        assertEquals(List.of(), list(dir.resolve("Mail/tmp")));
    }

    @Test
    void embeddedDefaultDeliversOnrampMailIntoStateMail() throws Exception {
        GatewayConfig cfg = ConfigLoader.embeddedDefault().config();
        Path state = dir.resolve("var");
        DeliverySettings s = DeliverySettings.from(cfg, state);
        assertEquals(state.resolve("mail"), s.maildir());
        assertTrue(s.maildirForAll());
        FakeClock clock = new FakeClock(T0);
        try (Spool spool = Spool.open(state.resolve("spool"), clock, SpoolOptions.defaults().withMinFreeBytes(0))) {
            MailDeliveryService svc = new MailDeliveryService(spool, s, clock);
            OutboundMail m = OutboundMail.of(new MailEnvelope("fax@localhost", List.of("fax-5550100@localhost"),
                    Set.of(DsnNotify.FAILURE), MailEnvelope.Ret.HDRS), "onramp", null);
            JobId id = svc.submit(m, out -> out.write(MSG));
            svc.deliverDue();
            assertEquals(JobState.DONE, spool.get(id).orElseThrow().state());
            List<Path> files = list(state.resolve("mail/new"));
            assertEquals(1, files.size());
            assertArrayEquals(("Return-Path: <fax@localhost>\nDelivered-To: fax-5550100@localhost\n"
                            + new String(EXPECTED, StandardCharsets.US_ASCII).split("\n", 3)[2]).getBytes(StandardCharsets.US_ASCII),
                    Files.readAllBytes(files.get(0)));
        }
    }

    @Test
    void failedMaildirWriteIsRetriedAndLeavesNothingInNew() throws Exception {
        FakeClock clock = new FakeClock(T0);
        GatewayConfig cfg = ConfigLoader.embeddedDefault().config();
        DeliverySettings s = DeliverySettings.from(cfg, dir);
        try (Spool spool = Spool.open(dir.resolve("spool"), clock, SpoolOptions.defaults().withMinFreeBytes(0))) {
            Maildir broken = new Maildir(s.maildir(), "h", clock, tmp -> {
                throw new IOException("disk went away");
            });
            MailDeliveryService svc = new MailDeliveryService(spool, s, clock, broken);
            OutboundMail m = OutboundMail.of(new MailEnvelope("", List.of("x@localhost"), Set.of(), null), "dsn", null);
            JobId id = svc.submit(m, out -> out.write(MSG));
            svc.deliverDue();
            assertEquals(JobState.SLEEPING, spool.get(id).orElseThrow().state());
            assertEquals(ResultCode.LOCAL_RESOURCES, spool.get(id).orElseThrow().result().orElseThrow());
            assertEquals(List.of(), list(s.maildir().resolve("new")));
            assertEquals(List.of(), list(s.maildir().resolve("tmp")), "an error we survive cleans tmp/");
        }
    }

    @Test
    void localDomainsGoToTheMaildirFaxAddressesAndOthersBySmtp() {
        GatewayConfig cfg = ConfigLoader.parse("hostname gw1\nmta send server 127.0.0.1\nmta receive aliases gw1.example.com\n",
                "t.cfg").config();
        DeliverySettings s = DeliverySettings.from(cfg, dir);
        assertTrue(s.isLocal("user@GW1.example.com"));
        assertTrue(!s.isLocal("FAX=+15550100@gw1.example.com"));
        assertTrue(!s.isLocal("user@example.com"));
        assertEquals(dir.resolve("mail"), s.maildir());
    }
}
