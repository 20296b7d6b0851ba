package org.t37gw.dmsp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.page.Pbm;
import org.t37gw.dmsp.render.FaxPageImage;
import org.t37gw.dmsp.render.FaxResolution;
import org.t37gw.dmsp.render.HeaderSpec;
import org.t37gw.dmsp.render.HeaderValues;
import org.t37gw.dmsp.render.PaperSize;
import org.t37gw.dmsp.render.RenderException;
import org.t37gw.dmsp.render.RenderException.Reason;
import org.t37gw.dmsp.render.RenderLimits;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.testutil.TestPages;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

class DocumentPagesTest {

    @TempDir
    Path dir;

    private static final DocumentPages.Options A4 = DocumentPages.Options.DEFAULT;

    @Test
    void pageModelsConvertBothWaysKeepingRows() {
        Bilevel b = TestPages.mixed(1728, 300, 7);
        FaxPageImage p = FaxPageImage.fromBilevel(b);
        assertEquals(FaxResolution.FINE, p.resolution());
        assertEquals(300, p.height());
        for (int y = 0; y < 300; y += 13) {
            for (int x = 0; x < 1728; x += 5) {
                assertEquals(b.get(x, y), p.isBlack(x, y));
            }
        }
        Bilevel back = p.toBilevel();
        assertNull(b.firstDifference(back));
        assertEquals(204.0, back.xdpi());
        assertEquals(196.0, back.ydpi());
        back.data()[0] ^= 1;
        assertTrue(p.toBilevel().data()[0] != back.data()[0], "copies, not views");
        Bilevel odd = Bilevel.white(13, 2, 204, 98);
        odd.data()[1] = (byte) 0xFF; // padding bits past x = 12 must not survive
        assertEquals(0xF8, FaxPageImage.fromBilevel(odd).toBilevel().data()[1] & 0xFF);
        assertEquals(FaxResolution.STANDARD, FaxPageImage.fromBilevel(odd).resolution());
        assertThrows(IllegalArgumentException.class, () -> FaxPageImage.fromBilevel(Bilevel.white(8, 1, 200, 200)));
        assertEquals(FaxResolution.FINE, FaxResolution.nearest(195.58));
        assertEquals(FaxResolution.SUPERFINE, FaxResolution.nearest(392));
        assertNull(FaxResolution.nearest(200));
        assertNull(FaxResolution.nearest(300));
    }

    @Test
    void pbmOfFaxWidthIsKeptOtherWidthsScaledToThePaper() throws Exception {
        Bilevel fax = TestPages.textLike(1728, 400, 3);
        List<Bilevel> kept = new DocumentPages(A4).toFaxPages(Pbm.toBytes(fax), null);
        assertNull(fax.firstDifference(kept.get(0)));
        assertEquals(196.0, kept.get(0).ydpi());

        List<Bilevel> b4 = new DocumentPages(A4.withPaper(PaperSize.B4)).toFaxPages(Pbm.toBytes(fax), null);
        assertEquals(2048, b4.get(0).width(), "a 1728 page on B4 paper is rescaled (centred, not enlarged)");
        assertEquals(PaperSize.B4.lines(FaxResolution.FINE), b4.get(0).height());

        Bilevel narrow = Bilevel.white(864, 1000, 0, 0); // portrait, so not turned
        TestPages.fill(narrow, 50, 0, 864);
        List<Bilevel> wide = new DocumentPages(A4).toFaxPages(Pbm.toBytes(narrow), null);
        assertEquals(1728, wide.get(0).width());
        assertEquals(2287, wide.get(0).height());
        assertTrue(wide.get(0).get(3, 97) && wide.get(0).get(1724, 97), "no resolution: fitted to the width");
    }

    @Test
    void greyTiffGoesThroughTheImagePath() throws Exception {
        BufferedImage img = new BufferedImage(400, 500, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 500);
        g.setColor(Color.BLACK);
        g.fillRect(50, 50, 300, 20);
        g.dispose();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "tiff", bos));
        DocumentPages.Result r = new DocumentPages(A4.withResolution(FaxResolution.STANDARD))
            .convert(bos.toByteArray(), (String) null);
        assertEquals(DocumentType.TIFF, r.type());
        assertEquals(1728, r.pages().get(0).width());
        assertEquals(1143, r.pages().get(0).height());
        assertEquals(98.0, r.pages().get(0).ydpi());
        Bilevel page = r.pages().get(0);
        int rows = 0;
        for (int y = 0; y < page.height(); y++) {
            rows += page.get(864, y) ? 1 : 0;
        }
        assertTrue(rows > 5 && rows < 60, "the bar, made bilevel: " + rows + " rows");
    }

    @Test
    void charsetComesFromOptionsThenTheContentTypeThenUtf8() throws Exception {
        byte[] latin1 = "Stra\u00dfe \u00e9t\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        List<Bilevel> byOption = new DocumentPages(A4.withCharset(StandardCharsets.ISO_8859_1))
            .toFaxPages(latin1, null);
        List<Bilevel> byHint = new DocumentPages(A4).toFaxPages(latin1, "text/plain; charset=\"ISO-8859-1\"");
        List<Bilevel> asUtf8 = new DocumentPages(A4).toFaxPages(latin1, "text/plain");
        assertNull(byOption.get(0).firstDifference(byHint.get(0)));
        assertNotNull(byOption.get(0).firstDifference(asUtf8.get(0)), "U+FFFD instead of the letters");
        List<Bilevel> unknown = new DocumentPages(A4).toFaxPages(latin1, "text/plain; charset=x-nonesuch");
        assertNull(asUtf8.get(0).firstDifference(unknown.get(0)), "unknown charset: UTF-8");
    }

    @Test
    void headerIsStampedOnEveryPageOfAnyKind() throws Exception {
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bos);
        HeaderValues v = new HeaderValues("5550100", "5550199", ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC));
        DocumentPages plain = new DocumentPages(A4);
        DocumentPages headed = new DocumentPages(A4.withHeader(new HeaderSpec("$s$", "$a$ $t$", "$p$"), v));
        byte[] png = bos.toByteArray();
        int band = 47; // 6 mm at 7.7 lines/mm
        assertEquals(0, black(plain.toFaxPages(png, null).get(0), 0, band));
        assertTrue(black(headed.toFaxPages(png, null).get(0), 0, band) > 100);
        byte[] text = "hello\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, black(plain.toFaxPages(text, null).get(0), 0, band));
        assertTrue(black(headed.toFaxPages(text, null).get(0), 0, band) > 100);
    }

    @Test
    void failuresAreRenderExceptionsWithAReason() throws Exception {
        DocumentPages dp = new DocumentPages(A4);
        assertEquals(Reason.UNSUPPORTED, assertThrows(RenderException.class,
            () -> dp.toFaxPages(new byte[] {0, 1, 2, (byte) 0xFE}, null)).reason());
        assertEquals(Reason.UNREADABLE, assertThrows(RenderException.class,
            () -> dp.toFaxPages(new byte[0], null)).reason());
        assertEquals(Reason.UNREADABLE, assertThrows(RenderException.class,
            () -> dp.toFaxPages("%PDF-1.4\ntrailer\n".getBytes(StandardCharsets.US_ASCII), null)).reason());
        assertEquals(Reason.UNREADABLE, assertThrows(RenderException.class,
            () -> dp.toFaxPages("P4\n1728 10\n\0".getBytes(StandardCharsets.US_ASCII), null)).reason());

        Path tif = dir.resolve("three.tif");
        try (TiffFaxWriter w = new TiffFaxWriter(tif, TiffFaxWriter.Options.of(Coding.MMR))) {
            for (int i = 0; i < 3; i++) {
                w.addPage(TestPages.textLike(1728, 100, i));
            }
        }
        assertEquals(3, dp.toFaxPages(tif, null).size());
        DocumentPages two = new DocumentPages(A4.withLimits(RenderLimits.DEFAULT.withMaxPages(2)));
        assertEquals(Reason.TOO_MANY_PAGES, assertThrows(RenderException.class, () -> two.toFaxPages(tif, null))
            .reason());
        DocumentPages small = new DocumentPages(A4.withLimits(new RenderLimits(100, 200, 1_000_000,
            RenderLimits.DEFAULT.maxTime(), 1000)));
        assertEquals(Reason.TOO_LARGE, assertThrows(RenderException.class, () -> small.toFaxPages(tif, null))
            .reason());

        byte[] data = Files.readAllBytes(tif);
        data[data.length / 3] ^= (byte) 0xFF; // a damaged strip is repaired, not refused
        DocumentPages.Result r = dp.convert(data, (String) null);
        assertEquals(3, r.pages().size());
    }

    @Test
    void faxPageOfTheRightResolutionIsReturnedAsIs() throws Exception {
        Bilevel b = TestPages.textLike(1728, 200, 9);
        DocumentPages dp = new DocumentPages(A4);
        assertSame(b.data(), dp.fit(b).data(), "no copy when nothing changes");
        Bilevel sf = new DocumentPages(A4.withResolution(FaxResolution.SUPERFINE)).fit(b);
        assertEquals(400, sf.height());
        assertEquals(391.0, sf.ydpi());
        for (int x = 0; x < 1728; x++) {
            assertEquals(b.get(x, 77), sf.get(x, 155));
        }
    }

    private static long black(Bilevel b, int y0, int y1) {
        long n = 0;
        for (int i = y0 * b.rowBytes(); i < y1 * b.rowBytes(); i++) {
            n += Integer.bitCount(b.data()[i] & 0xFF);
        }
        return n;
    }
}
