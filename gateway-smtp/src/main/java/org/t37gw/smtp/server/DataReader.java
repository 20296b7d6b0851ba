package org.t37gw.smtp.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the DATA of RFC 5321 §4.1.1.4 from the client: lines ending in CRLF, dot-stuffed (§4.5.2), up to
 * the line holding only {@code .}; writes the unstuffed message, CRLF line ends kept.
 *
 * <p>Strict where SMTP smuggling lives: the end is only {@code CRLF . CRLF}, and a bare LF or bare CR
 * anywhere stops the reading at once with {@link Outcome#BARE_LINE_END} (the caller answers and closes:
 * the rest of the stream cannot be trusted to be in step). A NUL is noted and reading goes on. After
 * {@code maxBytes} nothing more is stored; the data is read on (so that the client's next command is not
 * taken from the message) up to as much again, then {@link Outcome#FLOOD} ends it.
 *
 * <p>Reads one byte at a time: give it a buffered stream. Does not read past the terminating line.
 */
public final class DataReader {

    /** How a read ended. */
    public enum Outcome {
        /** The terminating line was read; everything stored. */
        COMPLETE,
        /** The terminating line was read; more than {@code maxBytes}, not all stored. */
        TOO_BIG,
        /** A bare CR or LF: reading stopped mid-stream. */
        BARE_LINE_END,
        /** More than twice {@code maxBytes}: reading stopped mid-stream. */
        FLOOD
    }

    /**
     * @param outcome how it ended
     * @param bytes   message bytes seen (after unstuffing)
     * @param nul     whether a NUL byte was seen
     */
    public record Result(Outcome outcome, long bytes, boolean nul) {
    }

    private DataReader() {
    }

    /**
     * @throws EOFException when the stream ends before the terminating line
     */
    public static Result copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        long count = 0;
        boolean nul = false;
        boolean lineStart = true;
        boolean dotLine = false;
        boolean cr = false;
        long hardLimit = maxBytes * 2;
        for (;;) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection ended inside DATA");
            }
            if (cr) {
                cr = false;
                if (b != '\n') {
                    return new Result(Outcome.BARE_LINE_END, count, nul);
                }
                if (dotLine) {
                    return new Result(count > maxBytes ? Outcome.TOO_BIG : Outcome.COMPLETE, count, nul);
                }
                count += 2;
                if (count <= maxBytes) {
                    out.write('\r');
                    out.write('\n');
                }
                lineStart = true;
                continue;
            }
            if (b == '\r') {
                cr = true;
                continue;
            }
            if (b == '\n') {
                return new Result(Outcome.BARE_LINE_END, count, nul);
            }
            if (lineStart) {
                lineStart = false;
                if (b == '.') {
                    dotLine = true;
                    continue;
                }
            }
            dotLine = false;
            if (b == 0) {
                nul = true;
            }
            count++;
            if (count <= maxBytes) {
                out.write(b);
            } else if (count > hardLimit) {
                return new Result(Outcome.FLOOD, count, nul);
            }
        }
    }
}
