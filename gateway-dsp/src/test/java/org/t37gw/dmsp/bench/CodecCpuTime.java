package org.t37gw.dmsp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;

/**
 * Our codec in pages per CPU-second (thread CPU time), the unit of the libtiff in-process figures, so
 * that {@code scripts/bench codec} can print both side by side on a loaded machine. Each case warms up
 * for a second, then measures for {@code args[0]} seconds (default 2) of CPU time; {@code args[1]}
 * {@code decode} or {@code encode} measures only that side (the other prints as 0). Decode is measured
 * twice: row by row ({@link T4Decoder#nextRow}) and the page in one call ({@link T4Decoder#nextRows}, as
 * libtiff's figure decodes a strip in one call).
 */
public final class CodecCpuTime {

    private CodecCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        String only = args.length > 1 ? args[1] : "both";
        boolean doDecode = !only.equals("encode");
        boolean doEncode = !only.equals("decode");
        Path work = Files.createTempDirectory("t37gw-cpu");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("t37gw codec, pages per CPU-second (decode by row / encode; decode by page):");
        for (String page : new String[] {"dense", "letter", "blank"}) {
            Bilevel b = BenchPages.page(page, work);
            for (T4Params p : new T4Params[] {T4Params.mh(b.width()).withEndOfPage(false),
                T4Params.mr(b.width(), 0).withEndOfPage(false), T4Params.mmr(b.width())}) {
                byte[] coded = encode(b, p);
                byte[] out = new byte[b.data().length];
                double dec = 0;
                double decPage = 0;
                double enc = 0;
                for (int round = 0; round < 2; round++) {
                    double limit = round == 0 ? 1 : seconds;
                    long t0 = mx.getCurrentThreadCpuTime();
                    long n = 0;
                    long t = 0;
                    while (doDecode) {
                        T4Decoder d = new T4Decoder(p, DecodeLimits.DEFAULT);
                        d.feed(coded, 0, coded.length);
                        d.endOfInput();
                        int y = 0;
                        while (y < b.height() && d.nextRow(out, y * b.rowBytes()) == T4Decoder.ROW) {
                            y++;
                        }
                        n++;
                        if ((t = mx.getCurrentThreadCpuTime() - t0) >= limit * 1e9) {
                            break;
                        }
                    }
                    dec = doDecode ? n / (t / 1e9) : 0;
                    t0 = mx.getCurrentThreadCpuTime();
                    n = 0;
                    while (doDecode) {
                        T4Decoder d = new T4Decoder(p, DecodeLimits.DEFAULT);
                        d.feed(coded, 0, coded.length);
                        d.endOfInput();
                        if (d.nextRows(out, 0, b.height()) != b.height()) {
                            throw new IllegalStateException(page + " " + p.coding() + ": short page");
                        }
                        n++;
                        if ((t = mx.getCurrentThreadCpuTime() - t0) >= limit * 1e9) {
                            break;
                        }
                    }
                    decPage = doDecode ? n / (t / 1e9) : 0;
                    t0 = mx.getCurrentThreadCpuTime();
                    n = 0;
                    while (doEncode) {
                        encode(b, p);
                        n++;
                        if ((t = mx.getCurrentThreadCpuTime() - t0) >= limit * 1e9) {
                            break;
                        }
                    }
                    enc = doEncode ? n / (t / 1e9) : 0;
                }
                System.out.printf("  %-7s %-4s %10.1f / %-10.1f %10.1f%n", page, p.coding(), dec, enc, decPage);
            }
        }
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
