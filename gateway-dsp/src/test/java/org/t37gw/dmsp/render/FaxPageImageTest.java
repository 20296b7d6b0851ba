package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FaxPageImageTest {

    @Test
    void packedRowsMsbFirstOneIsBlack() {
        byte[] rows = {(byte) 0x80, 0x01, 0x00, 0x00};
        FaxPageImage p = FaxPageImage.of(16, 2, FaxResolution.FINE, rows);
        assertEquals(2, p.rowBytes());
        assertTrue(p.isBlack(0, 0));
        assertTrue(p.isBlack(15, 0));
        assertFalse(p.isBlack(1, 0));
        assertTrue(p.isWhiteRow(1));
        assertArrayEquals(new byte[] {(byte) 0x80, 0x01}, p.row(0));
        byte[] dst = new byte[3];
        p.copyRow(0, dst, 1);
        assertArrayEquals(new byte[] {0, (byte) 0x80, 0x01}, dst);
        assertEquals(2, p.blackPixels());
        rows[0] = 0; // defensive copy
        assertTrue(p.isBlack(0, 0));
        p.row(0)[0] = 0;
        assertTrue(p.isBlack(0, 0));
    }

    @Test
    void paddingBitsAreCleared() {
        FaxPageImage p = FaxPageImage.of(10, 1, FaxResolution.FINE, new byte[] {(byte) 0xFF, (byte) 0xFF});
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xC0}, p.row(0));
        assertEquals(10, p.blackPixels());
    }

    @Test
    void rejectsWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> FaxPageImage.of(16, 2, FaxResolution.FINE, new byte[3]));
        assertThrows(IndexOutOfBoundsException.class, () -> FaxPageImage.blank(8, 1, FaxResolution.FINE).row(1));
    }

    @Test
    void fineToStandardOrsLinePairs() {
        // a one-line stroke on an odd line must survive
        byte[] rows = new byte[4];
        rows[1] = (byte) 0x0F;
        rows[2] = (byte) 0xF0;
        FaxPageImage fine = FaxPageImage.of(8, 4, FaxResolution.FINE, rows);
        FaxPageImage std = fine.withResolution(FaxResolution.STANDARD);
        assertEquals(2, std.height());
        assertEquals(FaxResolution.STANDARD, std.resolution());
        assertArrayEquals(new byte[] {0x0F}, std.row(0));
        assertArrayEquals(new byte[] {(byte) 0xF0}, std.row(1));
        FaxPageImage superfine = fine.withResolution(FaxResolution.SUPERFINE);
        assertEquals(8, superfine.height());
        assertArrayEquals(new byte[] {0x0F}, superfine.row(2));
        assertArrayEquals(new byte[] {0x0F}, superfine.row(3));
        assertArrayEquals(new byte[] {(byte) 0xF0}, superfine.row(4));
        FaxPageImage back = superfine.withResolution(FaxResolution.FINE);
        assertEquals(fine, back);
        FaxPageImage std2 = FaxPageImage.of(8, 3, FaxResolution.STANDARD, new byte[] {1, 2, 4});
        assertEquals(12, std2.withResolution(FaxResolution.SUPERFINE).height());
        assertEquals(2, FaxPageImage.of(8, 5, FaxResolution.SUPERFINE, new byte[5])
                .withResolution(FaxResolution.STANDARD).height());
    }

    @Test
    void paperLengthsInLines() {
        assertEquals(1728, PaperSize.A4.widthPixels());
        assertEquals(2048, PaperSize.B4.widthPixels());
        assertEquals(2432, PaperSize.A3.widthPixels());
        assertEquals(1143, PaperSize.A4.lines(FaxResolution.STANDARD));
        assertEquals(2287, PaperSize.A4.lines(FaxResolution.FINE));
        assertEquals(4574, PaperSize.A4.lines(FaxResolution.SUPERFINE));
        assertEquals(2151, PaperSize.LETTER.lines(FaxResolution.FINE));
        assertEquals(2738, PaperSize.LEGAL.lines(FaxResolution.FINE));
    }

    @Test
    void bufferedImageRoundTrip() {
        FaxPageImage p = FaxPageImage.of(12, 2, FaxResolution.FINE, new byte[] {(byte) 0xA0, 0x10, 0, 0x30});
        BufferedImage img = p.toBufferedImage();
        assertEquals(0xFF000000, img.getRGB(0, 0));
        assertEquals(0xFFFFFFFF, img.getRGB(1, 0));
        assertEquals(p, FaxPageImage.fromCanvas(img, FaxResolution.FINE));
    }
}
