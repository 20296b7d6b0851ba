package org.t37gw.dmsp.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.testutil.TestPages;

class TiffFaxWriterTest {

    @TempDir
    Path dir;

    @Test
    void aFileCutAnywhereAfterPageNReadsAsNPages() throws Exception {
        Path f = dir.resolve("cut.tif");
        List<Bilevel> pages = List.of(TestPages.mixed(1728, 80, 1), TestPages.textLike(1728, 90, 2),
            TestPages.mixed(1728, 70, 3));
        List<Long> sizeAfterPage = new ArrayList<>();
        List<byte[]> snapshot = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
             TiffFaxWriter w = new TiffFaxWriter(ch, TiffFaxWriter.Options.of(Coding.MMR).withFsync(true),
                 () -> LocalDateTime.of(2026, 1, 2, 3, 4, 5))) {
            sizeAfterPage.add(ch.size());
            snapshot.add(Files.readAllBytes(f));
            for (Bilevel p : pages) {
                w.addPage(p);
                sizeAfterPage.add(ch.size());
                snapshot.add(Files.readAllBytes(f));
            }
        }
        byte[] full = Files.readAllBytes(f);
        for (int n = 1; n <= 3; n++) {
            long from = sizeAfterPage.get(n);
            long to = n < 3 ? sizeAfterPage.get(n + 1) : full.length;
            for (long cut = from; cut < to; cut += Math.max(1, (to - from) / 13)) {
                // the file as a crash while writing page n + 1 leaves it: page n's state, then part of
                // what page n + 1 appends (its strip, its IFD), not yet linked in
                byte[] crashed = Arrays.copyOf(snapshot.get(n), (int) cut);
                System.arraycopy(full, (int) from, crashed, (int) from, (int) (cut - from));
                TiffFaxReader r = TiffFaxReader.open(crashed);
                assertEquals(n, r.pageCount(), "cut at " + cut);
                for (int i = 0; i < n; i++) {
                    assertNull(pages.get(i).firstDifference(r.decodePage(i).image()));
                }
            }
        }
        TiffFaxReader r = TiffFaxReader.open(full);
        assertArrayEquals(new int[] {2, 3}, r.pages().get(2).pageNumber());
        assertEquals("2026:01:02 03:04:05", r.pages().get(0).dateTime());
        assertEquals(List.of(), r.deviations());
    }

    @Test
    void qualityFieldsAreWrittenAndStrictModeListsDeviations() throws Exception {
        Path f = dir.resolve("q.tif");
        try (TiffFaxWriter w = new TiffFaxWriter(f, TiffFaxWriter.Options.profileS())) {
            w.beginPage(1728, 98);
            byte[] row = new byte[216];
            for (int y = 0; y < 10; y++) {
                w.writeRow(row, 0);
            }
            w.endPage(new FaxQuality(3, 1, 2));
        }
        TiffFaxReader r = TiffFaxReader.open(f);
        TiffPage p = r.pages().get(0);
        assertEquals(3, p.badFaxLines());
        assertEquals(1, p.cleanFaxData());
        assertEquals(2, p.consecutiveBadFaxLines());
        assertEquals(true, r.isProfileS());
        // a libtiff-style uncompressed file departs from TIFF-F in several ways, each listed
        Path raw = dir.resolve("raw.tif");
        TestPages.writeUncompressedTiff(Bilevel.white(1000, 5, 204, 196), raw);
        List<String> dev = TiffFaxReader.open(raw).deviations();
        String all = String.join("\n", dev);
        for (String expect : new String[] {"NewSubfileType missing", "Compression 1", "YResolution missing",
            "ImageWidth 1000", "PageNumber missing"}) {
            assertEquals(true, all.contains(expect), expect + " in " + all);
        }
    }
}
