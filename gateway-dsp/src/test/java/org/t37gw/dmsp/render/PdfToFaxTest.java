package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfToFaxTest {

    private static final PdfToFax FAX = new PdfToFax(ImageOptions.DEFAULT.withFormat(PageFormat.LETTER_FINE));

    /** Letter pages (or {@code box}) each with "Hello fax" at (72, 700) pt and a filled 2 x 1 in rectangle at (1, 1) in. */
    static byte[] pdf(int pages, PDRectangle box, int rotate) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(box);
                page.setRotation(rotate);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.addRect(72, 72, 144, 72);
                    cs.fill();
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 36);
                    cs.newLineAtOffset(72, 700);
                    cs.showText("Hello fax");
                    cs.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void textAndRectangleWhereExpected() throws Exception {
        List<FaxPageImage> pages = FAX.convert(pdf(2, PDRectangle.LETTER, 0));
        assertEquals(2, pages.size());
        FaxPageImage p = pages.get(0);
        assertEquals(1728, p.width());
        assertEquals(2151, p.height());
        // Letter is 8.5 in = 1734 px at 204 dpi, shrunk by 1728/1734 to fit: 1 in is about 203 px, 196 lines
        double fx = 1728.0 / 1734;
        int rx0 = (int) Math.round(204 * fx);
        int rx1 = (int) Math.round(3 * 204 * fx);
        int ry0 = (int) Math.round((11 - 2) * 196 * fx);
        int ry1 = (int) Math.round((11 - 1) * 196 * fx);
        long inside = p.blackPixels(rx0 + 5, ry0 + 5, rx1 - 5, ry1 - 5);
        assertEquals((long) (rx1 - rx0 - 10) * (ry1 - ry0 - 10), inside, "rectangle solid");
        assertEquals(0, p.blackPixels(rx1 + 6, ry0 - 20, rx1 + 200, ry1 + 20), "nothing right of it");
        // text baseline 700 pt from the bottom: ink in the band above it, starting about 1 in from the left
        int baseline = (int) Math.round((11 - 700 / 72.0) * 196 * fx);
        long text = p.blackPixels(rx0 - 5, baseline - 80, rx0 + 600, baseline + 5);
        assertTrue(text > 3000, "text ink " + text);
        assertEquals(0, p.blackPixels(0, 0, 1728, baseline - 120));
        assertEquals(pages.get(0), pages.get(1));
    }

    @Test
    void landscapeAndRotatedPagesAreTurned() throws Exception {
        PDRectangle landscape = new PDRectangle(PDRectangle.LETTER.getHeight(), PDRectangle.LETTER.getWidth());
        FaxPageImage p = FAX.convert(pdf(1, landscape, 0)).get(0);
        int[] box = Ink.box(p);
        assertTrue(box[3] - box[1] > box[2] - box[0], "text runs down the page: " + Arrays.toString(box));
        // a portrait page with /Rotate 90 is displayed landscape, so it is turned back
        FaxPageImage r = FAX.convert(pdf(1, PDRectangle.LETTER, 90)).get(0);
        int[] rb = Ink.box(r);
        FaxPageImage plain = FAX.convert(pdf(1, PDRectangle.LETTER, 0)).get(0);
        int[] pb = Ink.box(plain);
        assertTrue(Math.abs((rb[2] - rb[0]) - (pb[2] - pb[0])) < 30, Arrays.toString(rb) + " " + Arrays.toString(pb));
    }

    @Test
    void corruptPdfGivesOurException() throws Exception {
        byte[] good = pdf(1, PDRectangle.LETTER, 0);
        RenderException e = assertThrows(RenderException.class, () -> FAX.convert("not a pdf".getBytes()));
        assertEquals(RenderException.Reason.UNREADABLE, e.reason());
        byte[] truncated = Arrays.copyOf(good, 200);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                FAX.convert(truncated);
            } catch (RenderException expected) {
                // fine: a clear refusal
            }
        });
        byte[] mangled = good.clone();
        for (int i = 100; i < mangled.length; i += 13) {
            mangled[i] = (byte) ~mangled[i];
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                FAX.convert(mangled);
            } catch (RenderException expected) {
                // fine
            }
        });
    }

    @Test
    void encryptedPdfIsRefused() throws Exception {
        byte[] enc;
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            enc = out.toByteArray();
        }
        assertEquals(RenderException.Reason.ENCRYPTED,
                assertThrows(RenderException.class, () -> FAX.convert(enc)).reason());
    }

    @Test
    void limitsAreEnforced() throws Exception {
        byte[] three = pdf(3, PDRectangle.LETTER, 0);
        PdfToFax two = new PdfToFax(ImageOptions.DEFAULT.withLimits(RenderLimits.DEFAULT.withMaxPages(2)));
        assertEquals(RenderException.Reason.TOO_MANY_PAGES,
                assertThrows(RenderException.class, () -> two.convert(three)).reason());
        PdfToFax fewOps = new PdfToFax(ImageOptions.DEFAULT.withLimits(
                new RenderLimits(1 << 20, 10, 1_000_000, Duration.ofSeconds(30), 3)));
        assertEquals(RenderException.Reason.TOO_LARGE,
                assertThrows(RenderException.class, () -> fewOps.convert(three)).reason());
        PdfToFax tiny = new PdfToFax(ImageOptions.DEFAULT.withLimits(RenderLimits.DEFAULT.withMaxTime(Duration.ofNanos(1))));
        RenderException t = assertThrows(RenderException.class, () -> tiny.convert(manyOperators()));
        assertEquals(RenderException.Reason.TIMEOUT, t.reason());
        PdfToFax small = new PdfToFax(ImageOptions.DEFAULT.withLimits(
                new RenderLimits(100, 10, 1_000_000, Duration.ofSeconds(30), 1000)));
        assertEquals(RenderException.Reason.TOO_LARGE,
                assertThrows(RenderException.class, () -> small.convert(three)).reason());
    }

    private static byte[] manyOperators() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (int i = 0; i < 2000; i++) {
                    cs.addRect(i % 500, i % 700, 1, 1);
                    cs.fill();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** With Ghostscript installed, our page and gs's (same size, thresholded) have about the same ink. */
    @Test
    void inkCoverageCloseToGhostscript(@TempDir Path dir) throws Exception {
        if (!new File("/usr/bin/gs").canExecute() && !new File("/usr/local/bin/gs").canExecute()) {
            return; // optional comparison
        }
        byte[] doc = pdf(1, PDRectangle.LETTER, 0);
        Path in = dir.resolve("in.pdf");
        Files.write(in, doc);
        Path out = dir.resolve("out.png");
        Process gs = new ProcessBuilder("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pngmono",
                "-r204x196", "-o", out.toString(), in.toString()).redirectErrorStream(true).start();
        if (!gs.waitFor(30, TimeUnit.SECONDS) || gs.exitValue() != 0) {
            gs.destroyForcibly();
            return;
        }
        var img = ImageIO.read(out.toFile());
        long gsInk = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFF) < 128) {
                    gsInk++;
                }
            }
        }
        // gs renders at full 1734 px width; we shrink by 1728/1734 in both directions
        double f = 1728.0 / 1734;
        long ours = FAX.convert(doc).get(0).blackPixels();
        double expected = gsInk * f * f;
        assertEquals(1.0, ours / expected, 0.05, "ours " + ours + " gs " + gsInk);
    }
}
