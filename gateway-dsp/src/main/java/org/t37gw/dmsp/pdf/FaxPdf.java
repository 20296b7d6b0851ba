package org.t37gw.dmsp.pdf;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.tiff.TiffFaxReader;

/**
 * A PDF of a fax, for mail recipients without a TIFF viewer ({@code mta send attach-pdf}): one PDF page per
 * fax page, at the page's physical size (pixels over dots per inch), the raster embedded as a CCITT G4
 * image (so the PDF is about as small as the TIFF-F). Written under a temporary name, then renamed.
 */
public final class FaxPdf {
    private FaxPdf() {
    }

    /** Writes a PDF of every page of the fax TIFF {@code tiff} to {@code pdf}. */
    public static void write(Path tiff, Path pdf) throws IOException {
        TiffFaxReader reader = TiffFaxReader.open(tiff);
        Path tmp = pdf.resolveSibling(pdf.getFileName() + ".tmp");
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < reader.pages().size(); i++) {
                Bilevel page = reader.decodePage(i).image();
                PDImageXObject image = CCITTFactory.createFromImage(doc, toImage(page));
                float w = (float) (page.width() / page.xdpi() * 72);
                float h = (float) (page.height() / page.ydpi() * 72);
                PDPage p = new PDPage(new PDRectangle(w, h));
                doc.addPage(p);
                try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
                    cs.drawImage(image, 0, 0, w, h);
                }
            }
            doc.getDocumentInformation().setProducer("t37gw");
            doc.save(tmp.toFile());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, pdf, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Our rows (1 = black) as a 1-bit image (index 0 = black, 1 = white). */
    static BufferedImage toImage(Bilevel page) {
        BufferedImage img = new BufferedImage(page.width(), page.height(), BufferedImage.TYPE_BYTE_BINARY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] src = page.data();
        int n = Math.min(dst.length, src.length);
        for (int i = 0; i < n; i++) {
            dst[i] = (byte) ~src[i];
        }
        return img;
    }
}
