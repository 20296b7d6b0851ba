package org.t37gw.spool;

import java.io.IOException;

/** Another process (or another {@link Spool} of this process) has the spool directory open. */
public class SpoolLockedException extends IOException {

    public SpoolLockedException(String message) {
        super(message);
    }
}
