package org.t37gw.smtp.dsn;

/** The conditions of RFC 3461 §4.1 {@code NOTIFY=} on which a DSN is wanted. */
public enum Notify {
    SUCCESS, FAILURE, DELAY
}
