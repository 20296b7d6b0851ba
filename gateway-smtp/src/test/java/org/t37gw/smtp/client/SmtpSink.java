package org.t37gw.smtp.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A test MTA on 127.0.0.1 (SubEthaSMTP): records every accepted message; RCPT and DATA replies can be
 * scripted; optional STARTTLS (required) and AUTH PLAIN (required).
 */
final class SmtpSink implements AutoCloseable {

    /** One accepted message. */
    record Received(String from, List<String> recipients, byte[] data, boolean tls, boolean authenticated) {
    }

    private final List<Received> messages = new ArrayList<>();
    private final SMTPServer server;
    /** Per recipient: null to accept, or the rejection. */
    volatile Function<String, RejectException> rcptPolicy = r -> null;
    /** null to accept the data, or the rejection. */
    volatile RejectException dataReject;

    SmtpSink(int port, SSLContext tls, Map<String, String> users) {
        SMTPServer.Builder b = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress())
                .hostName("sink.test").insertReceivedHeaders(false).connectionTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .messageHandlerFactory(this::handler);
        if (tls != null) {
            b.enableTLS().requireTLS().startTlsSocketFactory(tls);
        }
        if (users != null) {
            b.authenticationHandlerFactory(new PlainAuthenticationHandlerFactory((user, pass, ctx) -> {
                if (!pass.equals(users.get(user))) {
                    throw new LoginFailedException("bad password for " + user);
                }
            })).requireAuth();
        }
        server = b.build();
    }

    static SmtpSink plain(int port) {
        return new SmtpSink(port, null, null);
    }

    SmtpSink start() {
        server.start();
        return this;
    }

    int port() {
        return server.getPortAllocated();
    }

    private MessageHandler handler(MessageContext ctx) {
        return new MessageHandler() {
            String from;
            final List<String> rcpts = new ArrayList<>();

            @Override
            public void from(String f) {
                from = f;
            }

            @Override
            public void recipient(String r) throws RejectException {
                RejectException e = rcptPolicy.apply(r);
                if (e != null) {
                    throw e;
                }
                rcpts.add(r);
            }

            @Override
            public String data(InputStream in) throws RejectException, IOException {
                byte[] data = in.readAllBytes();
                RejectException e = dataReject;
                if (e != null) {
                    throw e;
                }
                Session s = (Session) ctx;
                synchronized (messages) {
                    messages.add(new Received(from, List.copyOf(rcpts), data, s.isTLSStarted(), s.isAuthenticated()));
                    messages.notifyAll();
                }
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    List<Received> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits until {@code n} messages arrived, at most {@code timeout}. */
    List<Received> await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (messages.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + messages.size() + " of " + n + " messages after " + timeout);
                }
                messages.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(messages);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
