package org.t37gw.e2e.offramp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.t37gw.daemon.Daemon;
import org.t37gw.dmsp.page.Bilevel;

/** Shared pieces of the off-ramp end-to-end tests: ports, the SMTP sink, the daemon, the spandsp peer, pages. */
final class E2e {
    static final Path ROOT = Path.of(System.getProperty("t37gw.projectDir", "..")).toAbsolutePath().normalize();
    static final Path PEER = ROOT.resolve("scripts/interop/bin/t38peer");

    private E2e() {
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Two distinct free UDP ports on loopback. */
    static int[] freeUdpPorts() throws IOException {
        try (DatagramSocket a = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket b = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    /** The test MTA behind {@code mta send server}: keeps every message it accepts. */
    static final class Sink implements AutoCloseable {
        record Mail(String from, List<String> to, byte[] data) {
            jakarta.mail.internet.MimeMessage parse() throws jakarta.mail.MessagingException {
                return new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new Properties()),
                        new ByteArrayInputStream(data));
            }
        }

        private final List<Mail> mails = new ArrayList<>();
        private final SMTPServer server;

        Sink() {
            server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("sink.test")
                    .connectionTimeout(10, TimeUnit.SECONDS).messageHandlerFactory(this::handler).build();
            server.start();
        }

        int port() {
            return server.getPortAllocated();
        }

        private MessageHandler handler(MessageContext ctx) {
            return new MessageHandler() {
                String from;
                final List<String> to = new ArrayList<>();

                @Override
                public void from(String f) {
                    from = f;
                }

                @Override
                public void recipient(String r) {
                    to.add(r);
                }

                @Override
                public String data(InputStream in) throws IOException {
                    byte[] d = in.readAllBytes();
                    synchronized (mails) {
                        mails.add(new Mail(from, List.copyOf(to), d));
                        mails.notifyAll();
                    }
                    return null;
                }

                @Override
                public void done() {
                }
            };
        }

        /** Waits until {@code enough} holds for the mails received, or the deadline; returns them either way. */
        List<Mail> await(Predicate<List<Mail>> enough, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (mails) {
                while (!enough.test(mails)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    mails.wait(left);
                }
                return List.copyOf(mails);
            }
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** An in-process daemon at fax time scale {@code timeScale}, the property restored on close. */
    static final class Gateway implements AutoCloseable {
        final Daemon daemon;
        private final String oldScale;

        Gateway(Path dir, String config, int timeScale) throws Exception {
            Path cfg = dir.resolve("gw.cfg");
            Files.writeString(cfg, config);
            oldScale = System.getProperty(org.t37gw.vtsp.T38PortDriver.TIME_SCALE_PROPERTY);
            System.setProperty(org.t37gw.vtsp.T38PortDriver.TIME_SCALE_PROPERTY, Integer.toString(timeScale));
            daemon = new Daemon(new Daemon.Options(cfg, dir.resolve("state"), "127.0.0.1:0"), Clock.systemUTC());
            try {
                daemon.start();
            } catch (Exception e) {
                restore();
                throw e;
            }
        }

        private void restore() {
            if (oldScale == null) {
                System.clearProperty(org.t37gw.vtsp.T38PortDriver.TIME_SCALE_PROPERTY);
            } else {
                System.setProperty(org.t37gw.vtsp.T38PortDriver.TIME_SCALE_PROPERTY, oldScale);
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                long t0 = System.nanoTime();
                daemon.stop();
                daemon.awaitStopped();
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                // nothing in flight is left at the end of a test: a stop is quick (mail delivery once waited 30 s)
                if (ms > 10_000) {
                    fail("the daemon took " + ms + " ms to stop");
                }
            } finally {
                restore();
            }
        }
    }

    /** The gateway config of the tests: SMTP in on smtpPort, mail out to the sink, voice-port 1 on T.38. */
    static String config(int smtpPort, int sinkPort, int localUdp, int remoteUdp, String extra) {
        return """
                hostname e2e-gw
                mta receive listen 127.0.0.1 port %d
                mta receive aliases localhost
                mta send server 127.0.0.1 port %d
                !
                voice-port 1
                 driver t38 local 127.0.0.1:%d remote 127.0.0.1:%d
                !
                dial-peer voice 20 mmoip
                 application fax_on_vfc_offramp_app
                 incoming called-number .T
                 information-type fax
                !
                dial-peer voice 30 pots
                 destination-pattern 555....
                 port 1
                !
                """.formatted(smtpPort, sinkPort, localUdp, remoteUdp) + extra;
    }

    /** A Jakarta Mail session to the gateway's SMTP server with an envelope sender and DSN NOTIFY. */
    static jakarta.mail.Session session(int smtpPort, String envelopeFrom, String notify) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(smtpPort));
        p.put("mail.smtp.from", envelopeFrom);
        p.put("mail.smtp.dsn.notify", notify);
        p.put("mail.smtp.dsn.ret", "HDRS");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        return jakarta.mail.Session.getInstance(p);
    }

    /** A fine A4-width page with a frame, bars and speckle: what a scanner attaches. */
    static Bilevel scannedPage(int width, int height, long seed) {
        int rb = (width + 7) / 8;
        byte[] d = new byte[rb * height];
        java.util.Random rnd = new java.util.Random(seed);
        for (int y = 80; y < height - 80; y++) {
            for (int x = 80; x < width - 80; x++) {
                boolean edge = y < 88 || y >= height - 88 || x < 88 || x >= width - 88;
                boolean bar = (y / 32) % 6 == 1 && ((x + y / 32) / 24) % 2 == 0;
                if (edge || bar || rnd.nextInt(200) == 0) {
                    d[y * rb + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return new Bilevel(width, height, 204, 196, d);
    }

    static int ink(Bilevel b) {
        int n = 0;
        for (byte v : b.data()) {
            n += Integer.bitCount(v & 0xff);
        }
        return n;
    }

    static byte[] tiff(Path dir, String name, Bilevel... pages) throws IOException {
        Path f = dir.resolve(name);
        try (org.t37gw.dmsp.tiff.TiffFaxWriter w = new org.t37gw.dmsp.tiff.TiffFaxWriter(f,
                org.t37gw.dmsp.tiff.TiffFaxWriter.Options.profileS())) {
            for (Bilevel p : pages) {
                w.addPage(p);
            }
        }
        return Files.readAllBytes(f);
    }

    /** Polls until the gateway has a call connected (the off-ramp dialled), failing after {@code seconds}. */
    static void awaitCall(Gateway gw, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (gw.daemon.services().calls().activeCalls().stream()
                .noneMatch(c -> c.state() == org.t37gw.ccapi.CallState.CONNECTED)) {
            if (System.nanoTime() - deadline > 0) {
                fail("the gateway placed no call within " + seconds + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
