package org.t37gw.dmsp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;

/**
 * Our codec in pages per CPU-second (thread CPU time), the unit of the libtiff in-process figures, so
 * that {@code scripts/bench codec} can print both side by side on a loaded machine.
 *
 * <p>Arguments: seconds per measurement (default 1), rounds (default 3), and optionally the directory
 * where {@code scripts/bench} built {@code libtiff_bench} and wrote the pages as TIFF
 * ({@link BenchFiles}), and optionally the pages, comma-separated (default all). Each case warms up, then each round measures our decode row by row
 * ({@link T4Decoder#nextRow}), our decode of the page in one call ({@link T4Decoder#nextRows}, as
 * libtiff's {@code TIFFReadEncodedStrip} does), our encode, and libtiff's decode and encode right
 * after, so that both sides see the same machine load; the medians of the rounds are printed.
 */
public final class CodecCpuTime {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private CodecCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path libtiff = args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null;
        String[] pages = args.length > 3 && !args[3].isEmpty() ? args[3].split(",")
            : new String[] {"dense", "letter", "halftone", "diffused", "blank"};
        Path work = Files.createTempDirectory("t37gw-cpu");
        System.out.printf("pages per CPU-second, median of %d rounds of %.1f s%n", rounds, seconds);
        System.out.printf("  %-7s %-4s %9s %9s %9s | %9s %9s | %s%n", "page", "code", "dec/row", "dec/page",
            "enc", "lt dec", "lt enc", "ratios dec/row dec/page enc");
        for (String page : pages) {
            Bilevel b = BenchPages.page(page, work);
            for (T4Params p : new T4Params[] {T4Params.mh(b.width()).withEndOfPage(false),
                T4Params.mr(b.width(), 0).withEndOfPage(false), T4Params.mmr(b.width())}) {
                byte[] coded = encode(b, p);
                byte[] out = new byte[b.data().length];
                Runnable byRow = () -> {
                    T4Decoder d = new T4Decoder(p, DecodeLimits.DEFAULT);
                    d.feed(coded, 0, coded.length);
                    d.endOfInput();
                    int y = 0;
                    while (y < b.height() && d.nextRow(out, y * b.rowBytes()) == T4Decoder.ROW) {
                        y++;
                    }
                };
                Runnable byPage = () -> {
                    T4Decoder d = new T4Decoder(p, DecodeLimits.DEFAULT);
                    d.feed(coded, 0, coded.length);
                    d.endOfInput();
                    if (d.nextRows(out, 0, b.height()) != b.height()) {
                        throw new IllegalStateException(page + " " + p.coding() + ": short page");
                    }
                };
                Runnable enc = () -> encode(b, p);
                for (Runnable r : new Runnable[] {byRow, byPage, enc}) {
                    rate(r, 1);
                }
                double[][] m = new double[5][rounds];
                for (int k = 0; k < rounds; k++) {
                    m[0][k] = rate(byRow, seconds);
                    m[1][k] = rate(byPage, seconds);
                    m[2][k] = rate(enc, seconds);
                    if (libtiff != null) {
                        String c = p.coding().toString();
                        m[3][k] = libtiff(libtiff, "decode", libtiff.resolve(page + "-" + c + ".tif").toString(),
                            null, seconds);
                        m[4][k] = libtiff(libtiff, "encode", libtiff.resolve(page + "-raw.tif").toString(),
                            switch (p.coding()) {
                                case MH -> "g3";
                                case MR -> "g3:2d";
                                default -> "g4";
                            }, seconds);
                    }
                }
                double rowDec = median(m[0]);
                double pageDec = median(m[1]);
                double e = median(m[2]);
                double ltDec = median(m[3]);
                double ltEnc = median(m[4]);
                System.out.printf("  %-7s %-4s %9.1f %9.1f %9.1f | %9.1f %9.1f | %s%n", page, p.coding(), rowDec,
                    pageDec, e, ltDec, ltEnc, libtiff == null ? "-"
                        : String.format("%.2f %.2f %.2f", rowDec / ltDec, pageDec / ltDec, e / ltEnc));
            }
        }
    }

    /** Runs {@code r} for {@code seconds} of this thread's CPU time; returns runs per CPU-second. */
    private static double rate(Runnable r, double seconds) {
        long t0 = MX.getCurrentThreadCpuTime();
        long n = 0;
        long t;
        do {
            r.run();
            n++;
        } while ((t = MX.getCurrentThreadCpuTime() - t0) < seconds * 1e9);
        return n / (t / 1e9);
    }

    private static double libtiff(Path dir, String what, String file, String coding, double seconds)
            throws Exception {
        String bin = dir.resolve("libtiff_bench").toString();
        String[] cmd = coding == null ? new String[] {bin, what, file, Double.toString(seconds)}
            : new String[] {bin, what, file, coding, Double.toString(seconds)};
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(pr.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (pr.waitFor() != 0) {
            throw new IllegalStateException("libtiff_bench " + what + " " + file + ": " + s);
        }
        return Double.parseDouble(s);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    private static byte[] encode(Bilevel b, T4Params p) {
        T4Encoder e = new T4Encoder(p);
        for (int y = 0; y < b.height(); y++) {
            e.encodeRow(b.data(), y * b.rowBytes());
        }
        e.endPage();
        return e.takeBytes();
    }
}
