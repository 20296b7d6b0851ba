package org.t37gw.e2e.onramp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The MTA of the end-to-end tests: SubEthaSMTP on 127.0.0.1, keeping every message it accepted. Recipients for
 * which {@code refuse} holds get {@code 550 5.1.1}.
 */
final class MailSink implements AutoCloseable {

    /** One accepted message: envelope and the bytes of DATA. */
    record Accepted(String from, List<String> to, byte[] data) {
    }

    private final List<Accepted> accepted = new ArrayList<>();
    private final SMTPServer server;
    private final Predicate<String> refuse;
    private int refused;

    MailSink(int port, Predicate<String> refuse) {
        this.refuse = refuse;
        server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).hostName("sink.e2e")
                .insertReceivedHeaders(false).connectionTimeout(20, TimeUnit.SECONDS)
                .messageHandlerFactory(this::session).build();
    }

    MailSink start() {
        server.start();
        return this;
    }

    private MessageHandler session(MessageContext ctx) {
        return new MessageHandler() {
            private String from;
            private final List<String> to = new ArrayList<>();

            @Override
            public void from(String address) {
                from = address;
            }

            @Override
            public void recipient(String address) throws RejectException {
                if (refuse.test(address)) {
                    synchronized (accepted) {
                        refused++;
                    }
                    throw new RejectException(550, "5.1.1 <" + address + ">: no such mailbox here (e2e sink)");
                }
                to.add(address);
            }

            @Override
            public String data(InputStream in) throws IOException {
                byte[] data = in.readAllBytes();
                synchronized (accepted) {
                    accepted.add(new Accepted(from, List.copyOf(to), data));
                    accepted.notifyAll();
                }
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    List<Accepted> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    int refusedRecipients() {
        synchronized (accepted) {
            return refused;
        }
    }

    /** Blocks until at least {@code n} messages were accepted; fails after {@code timeout}. */
    List<Accepted> await(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (accepted) {
            while (accepted.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the sink got " + accepted.size() + " of " + n + " mails within "
                            + timeout);
                }
                accepted.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return List.copyOf(accepted);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
