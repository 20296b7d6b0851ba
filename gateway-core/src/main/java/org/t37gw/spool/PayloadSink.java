package org.t37gw.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a {@link PayloadWriter} writes a new job's payload files. Each file is created in the job's
 * directory under construction; closing its stream flushes it, and the spool fsyncs it together with
 * the job's record before it publishes the job. Every stream must be closed before
 * {@link PayloadWriter#writeTo} returns.
 */
public interface PayloadSink {

    /**
     * Creates the payload file {@code name} (see {@link PayloadFile#isValidName}).
     *
     * @throws java.nio.file.FileAlreadyExistsException when this job already has such a file
     */
    OutputStream create(String name) throws IOException;

    /** Writes a whole file. */
    default void write(String name, byte[] content) throws IOException {
        try (OutputStream out = create(name)) {
            out.write(content);
        }
    }

    /** Copies a stream into a new file (the stream is not closed). */
    default void copy(String name, InputStream in) throws IOException {
        try (OutputStream out = create(name)) {
            in.transferTo(out);
        }
    }

    /** Copies an existing file into a new payload file. */
    default void copy(String name, Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            copy(name, in);
        }
    }
}
