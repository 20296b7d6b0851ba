package org.t37gw.dmsp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.ccapi.Dmsp;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.ccapi.PageSource;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffPage;

/** docToFax and faxToDoc: round trips, re-coding, and what an abort leaves. */
class DmspServiceTest {

    @TempDir
    Path dir;

    private final DmspService dmsp = new DmspService();

    static Bilevel page(int seed, int height, double ydpi) {
        Bilevel b = Bilevel.white(1728, height, 204, ydpi);
        for (int y = 0; y < height; y++) {
            for (int x = (y * 7 + seed * 13) % 50; x < 1728; x += 97 + seed) {
                b.set(x, y, true);
            }
        }
        return b;
    }

    private static List<FaxPage> drain(PageSource s) throws IOException {
        List<FaxPage> out = new ArrayList<>();
        while (s.hasNext()) {
            out.add(s.next());
        }
        s.close();
        return out;
    }

    @Test
    void textBecomesPagesInTheAskedFormat() throws IOException {
        Path txt = dir.resolve("a.txt");
        Files.writeString(txt, "Hello fax\n".repeat(200), StandardCharsets.UTF_8);
        List<FaxPage> pages = drain(dmsp.docToFax(txt, "text/plain; charset=utf-8",
                new Dmsp.PageFormat(FaxCoding.MR, FaxResolution.STANDARD, 1728)));
        assertTrue(pages.size() >= 2, "200 lines make more than one page: " + pages.size());
        for (FaxPage p : pages) {
            assertEquals(FaxCoding.MR, p.coding());
            assertEquals(FaxResolution.STANDARD, p.resolution());
            assertEquals(1728, p.widthPixels());
            Bilevel b = FaxPages.decode(p);
            assertEquals(p.rows(), b.height());
        }
    }

    @Test
    void unreadableDocumentIsAnIoException() throws IOException {
        Path bad = dir.resolve("bad.tif");
        Files.write(bad, new byte[] {'I', 'I', 42, 0, 1, 2, 3});
        assertThrows(IOException.class, () -> dmsp.docToFax(bad, "image/tiff", Dmsp.PageFormat.profileS(FaxResolution.FINE)));
    }

    @Test
    void pagesRoundTripThroughTheTiffSinkPixelForPixel() throws IOException {
        List<Bilevel> in = List.of(page(1, 300, 196), page(2, 200, 196), page(3, 250, 196));
        for (FaxCoding c : FaxCoding.values()) {
            Path target = dir.resolve("rt-" + c + ".tif");
            TiffPageSink sink = dmsp.faxToDoc(target, null);
            for (Bilevel b : in) {
                sink.accept(FaxPages.encode(b, c));
            }
            assertFalse(Files.exists(target), "not in place before close");
            sink.close();
            assertTrue(sink.complete() && sink.delivered());
            TiffFaxReader r = TiffFaxReader.open(target);
            assertEquals(3, r.pageCount());
            for (int i = 0; i < 3; i++) {
                TiffPage tp = r.pages().get(i);
                assertEquals(c == FaxCoding.MMR ? 4 : 3, tp.compression(), "kept as received: " + c);
                assertTrue(in.get(i).samePixels(r.decodePage(i).image()), c + " page " + (i + 1));
            }
            // and back out as pages to send
            List<FaxPage> again = drain(dmsp.docToFax(target, "image/tiff", Dmsp.PageFormat.profileS(FaxResolution.FINE)));
            assertEquals(3, again.size());
            for (int i = 0; i < 3; i++) {
                assertTrue(in.get(i).samePixels(FaxPages.decode(again.get(i))));
            }
        }
    }

    @Test
    void aFormatRecodesAndChangesResolution() throws IOException {
        Path target = dir.resolve("std.tif");
        TiffPageSink sink = dmsp.faxToDoc(target, Dmsp.PageFormat.profileS(FaxResolution.STANDARD));
        Bilevel fine = page(4, 400, 196);
        sink.accept(FaxPages.encode(fine, FaxCoding.MMR));
        sink.close();
        TiffFaxReader r = TiffFaxReader.open(target);
        assertEquals(3, r.pages().get(0).compression());
        Bilevel std = r.decodePage(0).image();
        assertEquals(200, std.height());
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 1728; x++) {
                assertEquals(fine.get(x, 2 * y) || fine.get(x, 2 * y + 1), std.get(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void abortKeepsThePagesReceivedSoFar() throws IOException {
        Path target = dir.resolve("partial.tif");
        TiffPageSink sink = dmsp.faxToDoc(target, null);
        sink.accept(FaxPages.encode(page(5, 120, 98), FaxCoding.MH));
        sink.accept(FaxPages.encode(page(6, 130, 98), FaxCoding.MH));
        assertTrue(Files.exists(dir.resolve("partial.tif.part")));
        sink.abort();
        assertEquals(2, sink.pagesWritten());
        assertTrue(sink.delivered());
        assertFalse(sink.complete());
        assertFalse(Files.exists(dir.resolve("partial.tif.part")));
        TiffFaxReader r = TiffFaxReader.open(target);
        assertEquals(2, r.pageCount());
        assertTrue(page(6, 130, 98).samePixels(r.decodePage(1).image()));
        assertThrows(IllegalStateException.class, () -> sink.accept(FaxPages.encode(page(7, 10, 98), FaxCoding.MH)));
    }

    @Test
    void abortWithoutPagesLeavesNothingAndCloseWithoutPagesFails() throws IOException {
        Path target = dir.resolve("none.tif");
        TiffPageSink a = dmsp.faxToDoc(target, null);
        a.abort();
        assertFalse(a.delivered());
        TiffPageSink b = dmsp.faxToDoc(target, null);
        assertThrows(IOException.class, b::close);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
