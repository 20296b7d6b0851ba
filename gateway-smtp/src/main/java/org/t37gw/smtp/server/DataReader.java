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
 * <p>Does not consume past the terminating line: from a stream with mark/reset (give it a
 * {@link java.io.BufferedInputStream}) it reads ahead a chunk and gives back what follows the line;
 * from any other stream it reads one byte at a time.
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

    /** Bytes scanned per read from a stream that supports mark/reset (half the socket buffer). */
    static final int CHUNK = BufferedServerSocket.BUFFER / 2;

    /**
     * @throws EOFException when the stream ends before the terminating line
     */
    public static Result copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        // From a mark/reset stream (the socket's BufferedInputStream) a chunk is read and scanned in an
        // array; at the end the stream is reset and advanced past the terminating line only, so the next
        // command is read from where it starts. Other streams are read a byte at a time. Per-byte calls
        // of the synchronized buffered streams cost more CPU than the rest of a message's acceptance.
        boolean chunked = in.markSupported();
        byte[] buf = new byte[chunked ? CHUNK : 1];
        byte[] stored = new byte[buf.length + 2];
        long count = 0;
        boolean nul = false;
        boolean lineStart = true;
        boolean dotLine = false;
        boolean cr = false;
        long hardLimit = maxBytes * 2;
        for (;;) {
            if (chunked) {
                in.mark(buf.length);
            }
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                throw new EOFException("connection ended inside DATA");
            }
            int m = 0;
            Result end = null;
            int i = 0;
            while (i < n && end == null) {
                if (!cr && !lineStart) {
                    // inside a line: copy the run of ordinary bytes at once (most of a message), never
                    // counting past the flood limit here, so the byte that crosses it takes the path below
                    int limit = (int) Math.min(n, i + Math.max(0, hardLimit - count));
                    int j = i;
                    while (j < limit) {
                        byte c = buf[j];
                        if (c == '\r' || c == '\n' || c == 0) {
                            break;
                        }
                        j++;
                    }
                    int run = j - i;
                    if (run > 0) {
                        int keep = (int) Math.max(0, Math.min(run, maxBytes - count));
                        System.arraycopy(buf, i, stored, m, keep);
                        m += keep;
                        count += run;
                        dotLine = false;
                        i = j;
                        continue;
                    }
                }
                int b = buf[i++] & 0xff;
                if (cr) {
                    cr = false;
                    if (b != '\n') {
                        end = new Result(Outcome.BARE_LINE_END, count, nul);
                    } else if (dotLine) {
                        end = new Result(count > maxBytes ? Outcome.TOO_BIG : Outcome.COMPLETE, count, nul);
                    } else {
                        count += 2;
                        if (count <= maxBytes) {
                            stored[m++] = '\r';
                            stored[m++] = '\n';
                        }
                        lineStart = true;
                    }
                    continue;
                }
                if (b == '\r') {
                    cr = true;
                    continue;
                }
                if (b == '\n') {
                    end = new Result(Outcome.BARE_LINE_END, count, nul);
                    continue;
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
                    stored[m++] = (byte) b;
                } else if (count > hardLimit) {
                    end = new Result(Outcome.FLOOD, count, nul);
                }
            }
            out.write(stored, 0, m);
            if (end != null) {
                if (i < n) {
                    // read past the end: give the rest back (it is the client's next command)
                    in.reset();
                    in.skipNBytes(i);
                }
                return end;
            }
        }
    }
}
