package org.t37gw.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.t37gw.smtp.server.SmtpServerTest.code;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.config.Cidr;
import org.t37gw.spool.SpoolOptions;

/** STARTTLS with PEM files from the config, AUTH PLAIN/LOGIN from a users file, relay closed otherwise. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsAuthTest {

    @TempDir
    Path tmp;
    ServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        TestTls tls = new TestTls(tmp);
        Path users = TestTls.users(tmp);
        fx = new ServerFixture(tmp.resolve("srv"), TestConfigs.OFFRAMP, SpoolOptions.defaults().withMinFreeBytes(0),
                s -> s.withTls(tls.cert, tls.key).withUsers(users).withPolicy(new RecipientPolicy.Settings(
                        s.policy().localDomains(), 3, List.of(Cidr.parse("192.0.2.0/24")), true, DenyList.DEFAULT)));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void plaintextSessionMayNotAuthenticateOrRelay() throws Exception {
        try (SmtpClient c = new SmtpClient(fx.port())) {
            c.reply();
            String ehlo = c.cmd("EHLO x");
            assertTrue(ehlo.contains("250-STARTTLS"), ehlo);
            assertTrue(!ehlo.contains("AUTH"), "AUTH only after STARTTLS: " + ehlo);
            assertEquals("538 5.7.11", c.cmd("AUTH PLAIN AGFsaWNlAHNlY3JldA==").substring(0, 10));
            c.cmd("MAIL FROM:<a@example.org>");
            assertEquals("554 5.7.1", code(c.cmd("RCPT TO:<FAX=5550100@gw.example.com>")));
        }
    }

    private Session mailSession(String user, String password) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(fx.port()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.dsn.notify", "SUCCESS,FAILURE ORCPT=rfc822;FAX+3D5550100@gw.example.com");
        p.put("mail.smtp.dsn.ret", "HDRS");
        return Session.getInstance(p, new jakarta.mail.Authenticator() {
            @Override
            protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                return new jakarta.mail.PasswordAuthentication(user, password);
            }
        });
    }

    private static MimeMessage message(Session s) throws MessagingException {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.org"));
        m.setRecipients(Message.RecipientType.TO, "FAX=5550100@gw.example.com");
        m.setSubject("fax me");
        m.setText("hello over TLS\n");
        return m;
    }

    @Test
    void jakartaMailWithStartTlsAndAuth() throws Exception {
        Session s = mailSession("alice", "secret");
        Transport.send(message(s));
        List<org.t37gw.spool.Job> jobs = fx.spool.list();
        assertEquals(1, jobs.size());
        Map<String, String> f = jobs.get(0).fields();
        assertEquals("alice", f.get("auth"));
        assertEquals("SUCCESS,FAILURE", f.get("notify"));
        assertEquals("rfc822;FAX=5550100@gw.example.com", f.get("orcpt"));
        assertEquals("HDRS", f.get("ret"));
        assertEquals("5550100", f.get("number"));
    }

    @Test
    void wrongPasswordRefused() throws Exception {
        Session s = mailSession("alice", "wrong");
        assertThrows(AuthenticationFailedException.class, () -> Transport.send(message(s)));
        assertEquals(0, fx.spool.list().size());
    }

    /** Reads one (possibly multi-line) reply; returns its last line. */
    private static String reply(java.io.BufferedReader r) throws java.io.IOException {
        String line;
        do {
            line = r.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static String cmd(java.io.BufferedReader r, java.io.Writer w, String line) throws java.io.IOException {
        w.write(line + "\r\n");
        w.flush();
        return reply(r);
    }

    @Test
    void subethasmtpsOwnRepliesCarryEnhancedCodesBeforeAndAfterStartTls() throws Exception {
        try (java.net.Socket plain = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), fx.port())) {
            plain.setSoTimeout(10_000);
            var r = new java.io.BufferedReader(new java.io.InputStreamReader(plain.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            var w = new java.io.OutputStreamWriter(plain.getOutputStream(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(reply(r).startsWith("220 "));
            cmd(r, w, "EHLO x");
            assertEquals("500 5.5.2", code(cmd(r, w, "FROB")));
            assertEquals("220 2.0.0 Ready to start TLS", cmd(r, w, "STARTTLS").substring(0, 28));
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
                    .createSocket(plain, "localhost", fx.port(), true)) {
                tls.startHandshake();
                var tr = new java.io.BufferedReader(new java.io.InputStreamReader(tls.getInputStream(),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
                var tw = new java.io.OutputStreamWriter(tls.getOutputStream(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(cmd(tr, tw, "EHLO x").startsWith("250 "));
                assertEquals("500 5.5.2", code(cmd(tr, tw, "FROB")));
                assertEquals("504 5.5.4", code(cmd(tr, tw, "AUTH CRAM-MD5")));
                assertEquals("535 5.7.8", code(cmd(tr, tw, "AUTH PLAIN AGFsaWNlAHdyb25n")));
                assertEquals("235 2.7.0", code(cmd(tr, tw, "AUTH PLAIN AGFsaWNlAHNlY3JldA==")));
                assertEquals("250 2.1.0", code(cmd(tr, tw, "MAIL FROM:<a@example.org>")));
                assertEquals("250 2.1.5", code(cmd(tr, tw, "RCPT TO:<FAX=5550100@gw.example.com>")));
                assertTrue(cmd(tr, tw, "DATA").startsWith("354"));
                assertEquals("250 2.0.0", code(cmd(tr, tw, SmtpServerTest.MSG + ".")));
                assertEquals("221 2.0.0", code(cmd(tr, tw, "QUIT")));
            }
        }
        assertEquals(1, fx.spool.list().size());
        assertEquals("alice", fx.spool.list().get(0).fields().get("auth"));
    }
}
