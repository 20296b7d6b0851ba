package org.t37gw.spool;

import java.io.IOException;

/**
 * The spool's file system has too little space: free space is under the configured minimum, or a
 * write failed with ENOSPC. Nothing was accepted; a mail ingress answers {@code 452 4.3.1}.
 */
public class SpoolFullException extends IOException {

    public SpoolFullException(String message) {
        super(message);
    }

    public SpoolFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code t}, or one of its causes, is this or a write that failed with ENOSPC or EDQUOT. */
    public static boolean isNoSpace(Throwable t) {
        return Durable.isNoSpace(t);
    }
}
