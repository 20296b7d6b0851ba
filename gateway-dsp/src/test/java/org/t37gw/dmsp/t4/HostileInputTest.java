package org.t37gw.dmsp.t4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.testutil.TestPages;
import org.t37gw.dmsp.tiff.DecodedPage;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFaxWriter;
import org.t37gw.dmsp.tiff.TiffFormatException;
import org.t37gw.dmsp.tiff.TiffPage;

/**
 * Seeded mutation of valid MH/MR/MMR streams and TIFF files (truncation, bit flips, random bytes,
 * insertions, deletions, pure noise): no exception escapes the decoder, the TIFF reader only reports
 * {@link TiffFormatException}, every run ends, and row counts and buffers stay within the limits.
 */
class HostileInputTest {

    private static final int MAX_LINES = 120;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedCodecStreamsNeverThrowNorRunAway() {
        Random rnd = new Random(0x7337);
        List<byte[]> corpus = new ArrayList<>();
        List<T4Params> params = new ArrayList<>();
        Bilevel page = TestPages.mixed(1728, 60, 1);
        Bilevel text = TestPages.textLike(1728, 80, 2);
        for (T4Params p : T4RoundTripTest.allParams(1728)) {
            for (Bilevel b : List.of(page, text)) {
                corpus.add(T4RoundTripTest.encode(b, p));
                params.add(p);
            }
        }
        byte[] row = new byte[216];
        int cases = 100_000;
        long totalRows = 0;
        int withBadLines = 0;
        for (int c = 0; c < cases; c++) {
            int pick = rnd.nextInt(corpus.size());
            T4Params p = params.get(pick);
            if (rnd.nextInt(8) == 0) {
                p = p.withFillOrder(rnd.nextBoolean() ? FillOrder.LSB_FIRST : FillOrder.MSB_FIRST);
            }
            byte[] data = mutate(corpus.get(pick), rnd);
            T4Decoder dec = new T4Decoder(p, new DecodeLimits(MAX_LINES, 50));
            int fed = 0;
            int rows = 0;
            int steps = 0;
            try {
                while (true) {
                    if (++steps > 100_000) {
                        fail("case " + c + " does not end");
                    }
                    int st = dec.nextRow(row, 0);
                    if (st == T4Decoder.ROW) {
                        rows++;
                    } else if (st == T4Decoder.NEED_INPUT) {
                        if (fed >= data.length) {
                            dec.endOfInput();
                        } else {
                            int n = Math.min(data.length - fed, 1 + rnd.nextInt(data.length));
                            dec.feed(data, fed, n);
                            fed += n;
                        }
                    } else {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError("case " + c + " (" + p + ", " + data.length + " bytes) threw", e);
            }
            assertTrue(rows <= MAX_LINES, "rows " + rows);
            assertEquals(rows, dec.rows());
            assertTrue(dec.badLines() <= rows && dec.consecutiveBadLines() <= dec.badLines());
            assertTrue(dec.pageEnd() != PageEnd.NONE);
            totalRows += rows;
            if (dec.badLines() > 0) {
                withBadLines++;
            }
        }
        assertTrue(totalRows > cases, "mutants still decode rows: " + totalRows);
        assertTrue(withBadLines > cases / 10, "bad lines are found and repaired: " + withBadLines);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedTiffFilesGiveOnlyTiffFormatExceptions() throws IOException {
        Random rnd = new Random(0xF17E);
        List<byte[]> corpus = new ArrayList<>();
        int n = 0;
        for (org.t37gw.dmsp.t4.Coding coding : Coding.values()) {
            for (FillOrder fo : FillOrder.values()) {
                Path f = dir.resolve("c" + n++ + ".tif");
                TiffFaxWriter.Options o = TiffFaxWriter.Options.of(coding).withFillOrder(fo);
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                     TiffFaxWriter w = new TiffFaxWriter(ch, o, () -> LocalDateTime.of(2024, 1, 2, 3, 4, 5))) {
                    w.addPage(TestPages.mixed(1728, 30, n));
                    w.addPage(TestPages.textLike(1728, 40, n));
                }
                corpus.add(Files.readAllBytes(f));
            }
        }
        TiffFaxReader.Limits limits = new TiffFaxReader.Limits(1 << 20, 50, 2000, 1 << 20);
        int cases = 30_000;
        int decoded = 0;
        for (int c = 0; c < cases; c++) {
            byte[] data = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
            try {
                TiffFaxReader r = TiffFaxReader.open(data, limits);
                r.deviations();
                r.isProfileS();
                for (TiffPage p : r.pages()) {
                    p.codingName();
                    try {
                        DecodedPage d = r.decodePage(p.index());
                        assertEquals(p.length(), d.image().height());
                        decoded++;
                    } catch (TiffFormatException e) {
                        // a page we refuse: fine
                    }
                }
            } catch (TiffFormatException e) {
                // refused: fine
            } catch (RuntimeException e) {
                throw new AssertionError("TIFF case " + c + " threw", e);
            }
        }
        assertTrue(decoded > cases / 2, "most mutants still give pages: " + decoded);
    }

    static byte[] mutate(byte[] src, Random rnd) {
        byte[] d = src.clone();
        switch (rnd.nextInt(7)) {
            case 0 -> d = java.util.Arrays.copyOf(d, rnd.nextInt(d.length + 1));
            case 1, 2 -> {
                int flips = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 40);
                for (int i = 0; i < flips && d.length > 0; i++) {
                    d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 3 -> {
                if (d.length > 0) {
                    int at = rnd.nextInt(d.length);
                    int len = Math.min(d.length - at, 1 + rnd.nextInt(64));
                    for (int i = 0; i < len; i++) {
                        d[at + i] = (byte) rnd.nextInt(256);
                    }
                }
            }
            case 4 -> {
                int at = rnd.nextInt(d.length + 1);
                byte[] ins = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(ins);
                byte[] r = new byte[d.length + ins.length];
                System.arraycopy(d, 0, r, 0, at);
                System.arraycopy(ins, 0, r, at, ins.length);
                System.arraycopy(d, at, r, at + ins.length, d.length - at);
                d = r;
            }
            case 5 -> {
                if (d.length > 2) {
                    int at = rnd.nextInt(d.length - 1);
                    int len = Math.min(d.length - at, 1 + rnd.nextInt(16));
                    byte[] r = new byte[d.length - len];
                    System.arraycopy(d, 0, r, 0, at);
                    System.arraycopy(d, at + len, r, at, d.length - at - len);
                    d = r;
                }
            }
            default -> {
                if (rnd.nextInt(4) == 0) {
                    d = new byte[rnd.nextInt(2000)];
                    rnd.nextBytes(d);
                    if (src.length > 8 && rnd.nextBoolean()) {
                        System.arraycopy(src, 0, d, 0, Math.min(8, d.length)); // keep a TIFF header
                    }
                } else if (d.length > 0) {
                    d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                }
            }
        }
        return d;
    }
}
