package org.t37gw.smtp.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.t37gw.smtp.server.DataReader;

/**
 * The chunked {@link DataReader} (made for the SMTP benchmark's bottleneck) against the byte-at-a-time
 * reader it replaced, kept here as the oracle: same outcome, same stored bytes, and the same bytes left
 * in the stream for the next command, over seeded random DATA streams (dot-stuffing, bare CR and LF,
 * NUL, size limits, data after the end) delivered in random-size reads through buffers of several sizes.
 */
class DataReaderChunkTest {

    private static final String[] PIECES = {"a", "bc", ".", "..", "\r\n", "\r\n.", "\r\n..", "\r", "\n", "\0",
            "\r\n.\r\n", "xyz\r\n", "MAIL FROM:<a@b>\r\n"};

    @Test
    void sameAsByteAtATime() throws IOException {
        Random rnd = new Random(20250304);
        for (int c = 0; c < 4000; c++) {
            ByteArrayOutputStream gen = new ByteArrayOutputStream();
            int pieces = rnd.nextInt(c % 10 == 0 ? 3000 : 60);
            for (int p = 0; p < pieces; p++) {
                String s = PIECES[rnd.nextInt(PIECES.length)];
                if ((s.contains("\r") || s.contains("\n") || s.contains("\0")) && rnd.nextInt(4) != 0
                        && !s.startsWith("\r\n")) {
                    s = "q";
                }
                gen.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            byte[] data = gen.toByteArray();
            long max = 8 + rnd.nextInt(c % 10 == 0 ? 20000 : 300);

            Outcome want = run(() -> new ByteArrayInputStream(data), max, true);
            for (int bufSize : new int[] {1, 7, 64, 8192}) {
                int trickle = 1 + rnd.nextInt(c % 3 == 0 ? 3 : 9000);
                Outcome got = run(() -> new BufferedInputStream(new Trickle(data, trickle, rnd.nextLong()), bufSize),
                        max, false);
                String where = "case " + c + " buffer " + bufSize + " trickle " + trickle;
                assertEquals(want.result, got.result, where);
                assertArrayEquals(want.stored, got.stored, where);
                assertArrayEquals(want.rest, got.rest, where);
            }
            Outcome plain = run(() -> new Trickle(data, 1 + rnd.nextInt(100), rnd.nextLong()), max, false);
            assertEquals(want.result, plain.result, "case " + c + " without mark");
            assertArrayEquals(want.stored, plain.stored, "case " + c + " without mark");
            assertArrayEquals(want.rest, plain.rest, "case " + c + " without mark");
        }
    }

    private record Outcome(String result, byte[] stored, byte[] rest) {
    }

    private interface Source {
        InputStream open();
    }

    private static Outcome run(Source src, long max, boolean reference) throws IOException {
        InputStream in = src.open();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String result;
        try {
            DataReader.Result r = reference ? referenceCopy(in, out, max) : DataReader.copy(in, out, max);
            result = r.toString();
        } catch (EOFException e) {
            result = "EOF";
        }
        return new Outcome(result, out.toByteArray(), in.readAllBytes());
    }

    /** A stream of {@code data} that returns at most a random 1..{@code max} bytes per read, no mark. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int max;
        private final Random rnd;
        private int pos;

        Trickle(byte[] data, int max, long seed) {
            this.data = data;
            this.max = max;
            this.rnd = new Random(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + rnd.nextInt(max));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    /** The reader before the benchmark: one byte per call (the oracle). */
    static DataReader.Result referenceCopy(InputStream in, OutputStream out, long maxBytes) throws IOException {
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
                    return new DataReader.Result(DataReader.Outcome.BARE_LINE_END, count, nul);
                }
                if (dotLine) {
                    return new DataReader.Result(count > maxBytes ? DataReader.Outcome.TOO_BIG
                            : DataReader.Outcome.COMPLETE, count, nul);
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
                return new DataReader.Result(DataReader.Outcome.BARE_LINE_END, count, nul);
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
                return new DataReader.Result(DataReader.Outcome.FLOOD, count, nul);
            }
        }
    }
}
