package org.t37gw.spool;

import java.io.IOException;

/**
 * Writes a new job's payload through the spool (see {@link Spool#enqueue}). The payload is opaque to
 * the spool: any number of named files (e.g. TIFF-F pages, a MIME message).
 */
@FunctionalInterface
public interface PayloadWriter {

    /** A job without payload files. */
    PayloadWriter NONE = sink -> { };

    /** Writes the files; throws to abandon the job (nothing of it stays on disk). */
    void writeTo(PayloadSink sink) throws IOException;

    /** One file with the given content. */
    static PayloadWriter of(String name, byte[] content) {
        PayloadFile.checkName(name);
        byte[] copy = content.clone();
        return sink -> sink.write(name, copy);
    }
}
