package org.t37gw.smtp.server;

import java.net.InetAddress;
import org.subethamail.smtp.server.Session;

/**
 * What the server tracks of one connection to bound it: timestamps for the watchdog, error and command
 * counts. Fields are written by the session's thread and read by the watchdog.
 */
final class SessionGuard {

    final Session session;
    final InetAddress client;
    final long startNanos;
    volatile long lastCommandNanos;
    /** Start of the DATA phase, or -1 outside it. */
    volatile long dataStartNanos = -1;
    /** When the watchdog started closing the connection, or -1. */
    volatile long killNanos = -1;
    int errors;
    int commands;
    int authFailures;

    SessionGuard(Session session, InetAddress client, long now) {
        this.session = session;
        this.client = client;
        this.startNanos = now;
        this.lastCommandNanos = now;
    }
}
