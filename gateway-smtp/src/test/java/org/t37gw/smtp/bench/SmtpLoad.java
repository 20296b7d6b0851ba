package org.t37gw.smtp.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SMTP load generator for {@code scripts/bench-smtp}: CLIENTS connections to one server, each sending
 * messages in sequence (EHLO once, then MAIL, RCPT, DATA per message, no pipelining) until MESSAGES in
 * all have been sent; then QUIT.
 *
 * <p>Usage: {@code SmtpLoad LABEL PORT CLIENTS MESSAGES TIFF}. Each message is multipart/mixed: a short
 * text part and the TIFF file base64-encoded, with its own Message-ID, to {@code FAX=555nnnn@localhost} (nnnn from 2000).
 * Prints one {@code RESULT} line: accepted rate (messages answered 250 per wall second, first connect to
 * last reply), and latency percentiles of the end of DATA ("." sent to the 250 read) and of the whole
 * transaction (MAIL sent to the 250 read).
 */
public final class SmtpLoad {

    private SmtpLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: SmtpLoad LABEL PORT CLIENTS MESSAGES TIFF");
            System.exit(2);
        }
        String label = args[0];
        int port = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        byte[] tiff = Files.readAllBytes(Path.of(args[4]));
        String attachment = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(tiff);

        AtomicInteger next = new AtomicInteger();
        long[] dataNs = new long[messages];
        long[] txNs = new long[messages];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    runClient(client, port, messages, attachment, next, dataNs, txNs, ok, failed);
                } catch (Exception e) {
                    errors.add("client " + client + ": " + e);
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = ok.get();
        long[] d = Arrays.stream(dataNs).filter(x -> x > 0).sorted().toArray();
        long[] x = Arrays.stream(txNs).filter(v -> v > 0).sorted().toArray();
        errors.stream().limit(5).forEach(e -> System.err.println(label + ": " + e));
        UNEXPECTED.forEach(e -> System.err.println(label + ": " + e));
        System.out.printf(Locale.ROOT,
                "RESULT label=%s clients=%d messages=%d ok=%d failed=%d errors=%d bytes=%d seconds=%.2f rate=%.1f"
                        + " data_p50_ms=%.1f data_p99_ms=%.1f tx_p50_ms=%.1f tx_p99_ms=%.1f%n",
                label, clients, messages, n, failed.get(), errors.size(), message(0, 0, attachment).length,
                seconds, n / seconds, pct(d, 50), pct(d, 99), pct(x, 50), pct(x, 99));
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static void runClient(int client, int port, int messages, String attachment, AtomicInteger next,
                                  long[] dataNs, long[] txNs, AtomicInteger ok, AtomicInteger failed)
            throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(120_000);
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536);
            expect(in, 220, "greeting");
            command(out, "EHLO client" + client + ".bench.test");
            expect(in, 250, "EHLO");
            for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                byte[] msg = message(client, i, attachment);
                long t0 = System.nanoTime();
                command(out, "MAIL FROM:<sender" + client + "@bench.test>");
                if (reply(in) != 250) {
                    unexpected("MAIL/RCPT");
                    failed.incrementAndGet();
                    command(out, "RSET");
                    reply(in);
                    continue;
                }
                command(out, String.format(Locale.ROOT, "RCPT TO:<FAX=555%04d@localhost>", number(i)));
                if (reply(in) != 250) {
                    unexpected("MAIL/RCPT");
                    failed.incrementAndGet();
                    command(out, "RSET");
                    reply(in);
                    continue;
                }
                command(out, "DATA");
                expect(in, 354, "DATA");
                out.write(msg);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long t1 = System.nanoTime();
                int code = reply(in);
                long t2 = System.nanoTime();
                if (code == 250) {
                    dataNs[i] = t2 - t1;
                    txNs[i] = t2 - t0;
                    ok.incrementAndGet();
                } else {
                    unexpected("end of DATA");
                    failed.incrementAndGet();
                }
            }
            command(out, "QUIT");
            reply(in);
        }
    }

    /**
     * Last four digits of message {@code i}'s number, 2000..9999: the POTS peer {@code 555....} strips
     * {@code 555}, and dial strings starting 00, 011, 0900, 1900, 1976 are on the default deny list.
     */
    static int number(int i) {
        return 2000 + i % 8000;
    }

    /** The message, CRLF line ends, ending in CRLF; base64 and our headers need no dot-stuffing. */
    static byte[] message(int client, int i, String attachment) {
        String boundary = "=_bench_" + client + "_" + i;
        String text = "From: <sender" + client + "@bench.test>\r\n"
                + String.format(Locale.ROOT, "To: <FAX=555%04d@localhost>\r\n", number(i))
                + "Subject: bench fax " + i + "\r\n"
                + "Date: Sat, 1 Mar 2025 12:00:00 +0000\r\n"
                + "Message-ID: <bench." + client + "." + i + "." + System.nanoTime() + "@bench.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "One page for the fax gateway benchmark.\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: image/tiff; application=faxbw\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"page.tif\"\r\n"
                + "\r\n"
                + attachment + "\r\n"
                + "--" + boundary + "--\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(InputStream in, int code, String what) throws IOException {
        int got = reply(in);
        if (got != code) {
            throw new IOException(what + ": expected " + code + ", got " + LAST.get());
        }
    }

    /** The last line of the last reply read on this thread, for error messages. */
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();
    /** The first few unexpected replies. */
    static final List<String> UNEXPECTED = java.util.Collections.synchronizedList(new ArrayList<>());

    private static void unexpected(String what) {
        if (UNEXPECTED.size() < 5) {
            UNEXPECTED.add(what + ": " + LAST.get());
        }
    }

    /** Reads one (maybe multi-line) reply and returns its code. */
    private static int reply(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (;;) {
            line.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                line.write(b);
            }
            String l = line.toString(StandardCharsets.US_ASCII);
            if (l.length() < 3) {
                throw new IOException("bad reply line: " + l);
            }
            if (l.length() < 4 || l.charAt(3) != '-') {
                LAST.set(l.strip());
                return Integer.parseInt(l.substring(0, 3));
            }
        }
    }
}
