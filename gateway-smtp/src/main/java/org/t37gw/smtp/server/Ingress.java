package org.t37gw.smtp.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.subethamail.smtp.server.Session;

/** What the commands, transactions and watchdog of one running server share. */
final class Ingress {

    final String hostname;
    final RecipientPolicy policy;
    final MessageSink sink;
    final ServerLimits limits;
    final Path incomingDir;
    final Clock clock;
    final LongSupplier nanoTime;
    final boolean tlsConfigured;
    final UsersFile users;
    final RateLimiter clientLimiter;
    final RateLimiter senderLimiter;
    final Map<Session, SessionGuard> guards = new ConcurrentHashMap<>();
    final Map<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

    Ingress(String hostname, RecipientPolicy policy, MessageSink sink, ServerLimits limits, Path incomingDir,
            Clock clock, LongSupplier nanoTime, boolean tlsConfigured, UsersFile users) {
        this.hostname = hostname;
        this.policy = policy;
        this.sink = sink;
        this.limits = limits;
        this.incomingDir = incomingDir;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.tlsConfigured = tlsConfigured;
        this.users = users;
        this.clientLimiter = new RateLimiter(limits.clientBurst(), limits.clientRate(), 10_000, nanoTime);
        this.senderLimiter = new RateLimiter(limits.senderBurst(), limits.senderRate(), 10_000, nanoTime);
    }

    SessionGuard guard(Session s) {
        SessionGuard g = guards.get(s);
        if (g == null) {
            // a session the handler refused never runs commands; this is a programming error
            throw new IllegalStateException("no guard for session " + s.getSessionId());
        }
        return g;
    }

    long now() {
        return nanoTime.getAsLong();
    }
}
