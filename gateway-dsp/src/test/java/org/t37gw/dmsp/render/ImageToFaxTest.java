package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageToFaxTest {

    private static final ImageToFax FAX = new ImageToFax(ImageOptions.DEFAULT.withFormat(PageFormat.LETTER_FINE));

    /** A PNG with a pHYs chunk declaring {@code dpi}. */
    static byte[] png(BufferedImage img, int dpi) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
        // the native pHYs chunk: the JDK writer's standard-tree mapping of pixel size is wrong (it stores 1000 x mm)
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String ppm = Long.toString(Math.round(dpi / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", ppm);
        phys.setAttribute("pixelsPerUnitYAxis", ppm);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        md.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(new IIOImage(img, null, md));
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** A white grey image with a black frame {@code t} pixels thick. */
    static BufferedImage framed(int w, int h, int t) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w, t);
        g.fillRect(0, h - t, w, t);
        g.fillRect(0, 0, t, h);
        g.fillRect(w - t, 0, t, h);
        g.dispose();
        return img;
    }

    @Test
    void letterAt300DpiFillsTheFaxWidth() throws Exception {
        byte[] data = png(framed(2550, 3300, 12), 300);
        List<FaxPageImage> pages = FAX.convert(data);
        assertEquals(1, pages.size());
        FaxPageImage p = pages.get(0);
        assertEquals(1728, p.width());
        assertEquals(2151, p.height());
        int[] box = Ink.box(p);
        assertTrue(box[0] <= 1 && box[2] >= 1726, "frame spans the width: " + Arrays.toString(box));
        assertTrue(box[1] == 0 && box[3] >= 2140, "frame spans the length: " + Arrays.toString(box));
        // 12 px at 300 dpi is about 8 px at 204 dpi
        int run = 0;
        while (p.isBlack(box[0] + run, 1000)) {
            run++;
        }
        assertTrue(run >= 7 && run <= 9, "stroke width " + run);
    }

    @Test
    void declaredResolutionIsHonoured() throws Exception {
        // a 1 x 2 inch box at 600 dpi is 204 pixels wide and 392 lines tall at 204 x 196
        FaxPageImage p = FAX.convert(png(framed(600, 1200, 24), 600)).get(0);
        int[] box = Ink.box(p);
        assertEquals(204, box[2] - box[0] + 1, 2.0);
        assertEquals(392, box[3] - box[1] + 1, 2.0);
        // the same box at 200 dpi, and at standard resolution half the lines
        int[] same = Ink.box(FAX.convert(png(framed(200, 400, 8), 200)).get(0));
        assertEquals(204, same[2] - same[0] + 1, 2.0);
        assertEquals(392, same[3] - same[1] + 1, 2.0);
        ImageToFax std = new ImageToFax(ImageOptions.DEFAULT.withFormat(
                new PageFormat(PaperSize.A4, FaxResolution.STANDARD)));
        FaxPageImage sp = std.convert(png(framed(400, 800, 16), 400)).get(0);
        int[] sb = Ink.box(sp);
        assertEquals(1143, sp.height());
        assertEquals(196, sb[3] - sb[1] + 1, 2.0);
    }

    @Test
    void landscapeIsRotated() throws Exception {
        // 11 x 8.5 in at 100 dpi, with a black block in the top-left corner
        BufferedImage img = framed(1100, 850, 4);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        FaxPageImage p = FAX.convert(png(img, 100)).get(0);
        int[] box = Ink.box(p);
        assertTrue(box[3] - box[1] > box[2] - box[0], "portrait after rotation: " + Arrays.toString(box));
        // counter-clockwise: the top-left corner goes to the bottom-left
        assertTrue(p.blackPixels(box[0], box[3] - 300, box[0] + 150, box[3]) > 0.8 * 150 * 300 * 0.5,
                "block at bottom-left");
        assertTrue(p.blackPixels(box[0] + 20, box[1] + 20, box[0] + 150, box[1] + 300) < 1000, "not at top-left");
        FaxPageImage kept = new ImageToFax(ImageOptions.DEFAULT.withAutoRotate(false)).convert(png(img, 100)).get(0);
        int[] kb = Ink.box(kept);
        assertTrue(kb[2] - kb[0] > kb[3] - kb[1] / 2, "not rotated when disabled");
    }

    @Test
    void photoIsDitheredLineArtThresholded() throws Exception {
        BufferedImage grad = new BufferedImage(600, 800, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 800; y++) {
            for (int x = 0; x < 600; x++) {
                int v = x * 255 / 599;
                grad.setRGB(x, y, new Color(v, (v + y / 4) % 256, 255 - v).getRGB());
            }
        }
        byte[] photo = png(grad, 100);
        FaxPageImage dithered = FAX.convert(photo).get(0);
        assertEquals(BilevelMode.DITHER, Bilevel.choose(GreyImage.from(grad).histogram()));
        long t = Ink.transitions(dithered);
        assertTrue(t > 500_000, "error diffusion makes many transitions: " + t);
        // tones kept: the mean darkness of the left half exceeds the right half's
        FaxPageImage thresholded = new ImageToFax(ImageOptions.DEFAULT.withMode(BilevelMode.THRESHOLD))
                .convert(photo).get(0);
        assertTrue(Ink.transitions(thresholded) < t / 10);

        BufferedImage art = framed(850, 1100, 6);
        Graphics2D g = art.createGraphics();
        g.setColor(Color.BLACK);
        for (int i = 0; i < 20; i++) {
            g.drawLine(50, 50 + i * 40, 800, 60 + i * 40);
        }
        g.dispose();
        assertEquals(BilevelMode.THRESHOLD, Bilevel.choose(GreyImage.from(art).histogram()));
        FaxPageImage lines = FAX.convert(png(art, 100)).get(0);
        // thresholded strokes: every row of the page has few transitions
        long lt = Ink.transitions(lines);
        assertTrue(lt < 20_000, "line art transitions " + lt);
    }

    @Test
    void ditherKeepsMeanTone() {
        GreyImage grey = GreyImage.white(200, 200);
        Arrays.fill(grey.px, (byte) 64); // 75 % black
        byte[] bits = Bilevel.dither(grey);
        long black = 0;
        for (byte b : bits) {
            black += Integer.bitCount(b & 0xFF);
        }
        assertEquals(0.75, black / 40000.0, 0.02);
    }

    @Test
    void areaAveragingIsExact() {
        GreyImage g = new GreyImage(4, 1, new byte[] {0, (byte) 255, 0, (byte) 255});
        GreyImage half = g.scale(2, 1);
        assertEquals(128, half.get(0, 0), 1);
        GreyImage third = new GreyImage(3, 1, new byte[] {0, 0, (byte) 255}).scale(2, 1);
        assertEquals(0, third.get(0, 0));
        assertEquals(170, third.get(1, 0), 1); // covers half a black and a whole white pixel: 2/3 white
        GreyImage up = new GreyImage(2, 1, new byte[] {0, (byte) 255}).scale(4, 2);
        assertEquals(0, up.get(1, 1));
        assertEquals(255, up.get(2, 0));
    }

    @Test
    void multiPageTiffAndOtherFormats() throws Exception {
        BufferedImage a = framed(400, 500, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            w.writeToSequence(new IIOImage(a, null, null), null);
            w.writeToSequence(new IIOImage(framed(500, 400, 5), null, null), null);
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        assertEquals(2, FAX.convert(out.toByteArray()).size());
        for (String fmt : new String[] {"jpeg", "gif", "bmp"}) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            BufferedImage rgb = new BufferedImage(400, 500, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(a, 0, 0, null);
            g.dispose();
            assertTrue(ImageIO.write(rgb, fmt, o), fmt);
            FaxPageImage p = FAX.convert(o.toByteArray()).get(0);
            assertTrue(p.blackPixels() > 10_000, fmt);
        }
    }

    @Test
    void corruptInputGivesOurException() throws Exception {
        byte[] good = png(framed(300, 300, 4), 100);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        RenderException e = assertThrows(RenderException.class, () -> FAX.convert(truncated));
        assertEquals(RenderException.Reason.UNREADABLE, e.reason());
        byte[] garbage = good.clone();
        for (int i = 60; i < garbage.length; i += 7) {
            garbage[i] ^= 0x5A;
        }
        assertThrows(RenderException.class, () -> FAX.convert(garbage));
        assertEquals(RenderException.Reason.UNSUPPORTED,
                assertThrows(RenderException.class, () -> FAX.convert("hello".getBytes())).reason());
        ImageToFax small = new ImageToFax(ImageOptions.DEFAULT.withLimits(
                RenderLimits.DEFAULT.withMaxSourcePixels(10_000)));
        assertEquals(RenderException.Reason.TOO_LARGE,
                assertThrows(RenderException.class, () -> small.convert(good)).reason());
    }

    @Test
    void pngDeclaringHugeSizeIsRefusedBeforeDecoding() throws Exception {
        byte[] good = png(framed(300, 300, 4), 100);
        // IHDR width and height at offsets 16 and 20: claim 100000 x 100000
        byte[] huge = good.clone();
        for (int off : new int[] {16, 20}) {
            huge[off] = 0;
            huge[off + 1] = 1;
            huge[off + 2] = (byte) 0x86;
            huge[off + 3] = (byte) 0xA0;
        }
        long t0 = System.nanoTime();
        RenderException e = assertThrows(RenderException.class, () -> FAX.convert(huge));
        assertTrue(e.reason() == RenderException.Reason.TOO_LARGE || e.reason() == RenderException.Reason.UNREADABLE,
                e.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }
}
