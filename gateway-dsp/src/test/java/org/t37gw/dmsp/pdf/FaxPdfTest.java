package org.t37gw.dmsp.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

class FaxPdfTest {

    static Bilevel page(int seed, int height, double ydpi) {
        int w = 1728;
        int rb = w / 8;
        byte[] d = new byte[rb * height];
        java.util.Random r = new java.util.Random(seed);
        for (int y = 0; y < height; y += 1 + r.nextInt(9)) {
            int x0 = r.nextInt(w - 100);
            for (int x = x0; x < x0 + 1 + r.nextInt(99); x++) {
                d[y * rb + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
            }
        }
        return new Bilevel(w, height, 204, ydpi, d);
    }

    @Test
    void onePdfPagePerFaxPageAtPhysicalSizeWithTheSamePixels(@TempDir Path dir) throws Exception {
        Path tif = dir.resolve("fax.tif");
        Bilevel a = page(1, 2287, 196);
        Bilevel b = page(2, 1143, 98);
        try (TiffFaxWriter w = new TiffFaxWriter(tif, TiffFaxWriter.Options.profileS())) {
            w.addPage(a);
            w.addPage(b);
        }
        Path pdf = dir.resolve("fax.pdf");
        FaxPdf.write(tif, pdf);
        assertTrue(Files.size(pdf) < Files.size(tif) * 2 + 4096, "G4 in the PDF keeps it small");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(2, doc.getNumberOfPages());
            PDPage p1 = doc.getPage(0);
            assertEquals(1728 / 204.0 * 72, p1.getMediaBox().getWidth(), 0.01);
            assertEquals(2287 / 196.0 * 72, p1.getMediaBox().getHeight(), 0.01);
            assertEquals(1143 / 98.0 * 72, doc.getPage(1).getMediaBox().getHeight(), 0.01);
            int k = 0;
            for (Bilevel expect : new Bilevel[] {a, b}) {
                PDPage p = doc.getPage(k++);
                PDImageXObject img = null;
                for (var name : p.getResources().getXObjectNames()) {
                    img = (PDImageXObject) p.getResources().getXObject(name);
                }
                BufferedImage bi = img.getImage();
                assertEquals(expect.width(), bi.getWidth());
                assertEquals(expect.height(), bi.getHeight());
                int rb = expect.width() / 8;
                for (int y = 0; y < expect.height(); y++) {
                    for (int x = 0; x < expect.width(); x++) {
                        boolean black = (expect.data()[y * rb + (x >> 3)] & (0x80 >>> (x & 7))) != 0;
                        boolean pdfBlack = (bi.getRGB(x, y) & 0xffffff) == 0;
                        if (black != pdfBlack) {
                            throw new AssertionError("pixel " + x + "," + y + " of page " + k);
                        }
                    }
                }
            }
        }
        assertTrue(Files.notExists(dir.resolve("fax.pdf.tmp")));
    }
}
