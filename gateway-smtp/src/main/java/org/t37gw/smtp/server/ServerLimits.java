package org.t37gw.smtp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The SMTP server's resource limits: what keeps a hostile client from taking more than its share.
 * Defaults in {@link #DEFAULTS}; tests shorten the timeouts.
 *
 * @param maxMessageSize          bytes of message (SIZE= and DATA); above: {@code 552 5.3.4}
 * @param maxConnections          concurrent sessions in all; above: {@code 421}
 * @param maxConnectionsPerClient concurrent sessions from one IP address; above: {@code 421 4.7.0}
 * @param idleTimeout             one read waiting for any byte; then {@code 421 4.4.2} and close
 * @param commandTimeout          from the end of one command to the end of the next, outside DATA: a slow
 *                                drip that never completes a command is cut with {@code 421 4.4.2}
 * @param dataTimeout             the whole DATA phase; then {@code 421 4.4.2}
 * @param sessionTimeout          the whole connection
 * @param maxErrors               rejected commands per session before {@code 421 4.7.0} and close
 * @param maxCommands             commands per session before {@code 421 4.7.0} and close
 * @param clientRate              per client IP: accepted recipients, burst and per-second refill
 * @param clientBurst             burst of {@code clientRate}
 * @param senderRate              per envelope sender: accepted recipients per second
 * @param senderBurst             burst of {@code senderRate}
 */
public record ServerLimits(long maxMessageSize, int maxConnections, int maxConnectionsPerClient,
                           Duration idleTimeout, Duration commandTimeout, Duration dataTimeout,
                           Duration sessionTimeout, int maxErrors, int maxCommands,
                           double clientRate, int clientBurst, double senderRate, int senderBurst) {

    /**
     * 10 MiB messages; 50 sessions, 5 per client; 60 s idle, 120 s per command, 10 min DATA, 30 min
     * session; 10 errors, 500 commands; 60 recipients burst then 1 per 10 s per client and per sender.
     */
    public static final ServerLimits DEFAULTS = new ServerLimits(10L << 20, 50, 5, Duration.ofSeconds(60),
            Duration.ofSeconds(120), Duration.ofMinutes(10), Duration.ofMinutes(30), 10, 500,
            0.1, 60, 0.1, 60);

    public ServerLimits {
        if (maxMessageSize < 1024 || maxMessageSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxMessageSize out of range 1024.." + Integer.MAX_VALUE);
        }
        if (maxConnections < 1 || maxConnectionsPerClient < 1 || maxErrors < 1 || maxCommands < 1) {
            throw new IllegalArgumentException("limits must be >= 1");
        }
        for (Duration d : new Duration[] {idleTimeout, commandTimeout, dataTimeout, sessionTimeout}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be > 0");
            }
        }
    }

    public ServerLimits withMaxMessageSize(long bytes) {
        return new ServerLimits(bytes, maxConnections, maxConnectionsPerClient, idleTimeout, commandTimeout,
                dataTimeout, sessionTimeout, maxErrors, maxCommands, clientRate, clientBurst, senderRate, senderBurst);
    }

    public ServerLimits withConnections(int total, int perClient) {
        return new ServerLimits(maxMessageSize, total, perClient, idleTimeout, commandTimeout,
                dataTimeout, sessionTimeout, maxErrors, maxCommands, clientRate, clientBurst, senderRate, senderBurst);
    }

    public ServerLimits withTimeouts(Duration idle, Duration command, Duration data, Duration session) {
        return new ServerLimits(maxMessageSize, maxConnections, maxConnectionsPerClient, idle, command,
                data, session, maxErrors, maxCommands, clientRate, clientBurst, senderRate, senderBurst);
    }

    public ServerLimits withErrors(int errors, int commands) {
        return new ServerLimits(maxMessageSize, maxConnections, maxConnectionsPerClient, idleTimeout, commandTimeout,
                dataTimeout, sessionTimeout, errors, commands, clientRate, clientBurst, senderRate, senderBurst);
    }

    public ServerLimits withRates(double clientPerSecond, int clientBurst, double senderPerSecond, int senderBurst) {
        return new ServerLimits(maxMessageSize, maxConnections, maxConnectionsPerClient, idleTimeout, commandTimeout,
                dataTimeout, sessionTimeout, maxErrors, maxCommands, clientPerSecond, clientBurst, senderPerSecond,
                senderBurst);
    }
}
