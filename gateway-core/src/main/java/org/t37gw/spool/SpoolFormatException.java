package org.t37gw.spool;

import java.io.IOException;

/** A {@code fax_record} (or a job directory) does not follow docs/spool-format.md. */
public class SpoolFormatException extends IOException {

    public SpoolFormatException(String message) {
        super(message);
    }

    public SpoolFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
