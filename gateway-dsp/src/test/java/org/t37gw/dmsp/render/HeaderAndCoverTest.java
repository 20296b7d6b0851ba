package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderAndCoverTest {

    private static final HeaderValues V = new HeaderValues("+1 312 555 3260", "+49 30 1234",
            ZonedDateTime.of(2024, 2, 29, 9, 5, 30, 0, ZoneOffset.ofHours(1)));

    @Test
    void macrosExpand() {
        assertEquals("From +1 312 555 3260 to +49 30 1234", HeaderLine.expand("From $s$ to $d$", 1, 3, V));
        assertEquals("2024-02-29 09:05", HeaderLine.expand("$a$ $t$", 1, 3, V));
        assertEquals("page 2/3", HeaderLine.expand("$p$", 2, 3, V));
        assertEquals("PAGE? page 1/1", HeaderLine.expand("PAGE? $P$", 1, 1, V));
        assertEquals("cost $5 $x$ $", HeaderLine.expand("cost $5 $x$ $", 1, 1, V), "unknown macros literal");
        assertEquals(List.of("+1 312 555 3260", "", "page 1/2"),
                HeaderLine.texts(new HeaderSpec("$s$", null, "$p$"), 1, 2, V));
    }

    @Test
    void stampIsPureAndOnlyTouchesTheBand() {
        FaxPageImage black = FaxPageImage.of(1728, 400, FaxResolution.FINE, filled(1728, 400));
        HeaderSpec spec = new HeaderSpec("$s$", "$a$ $t$", "$p$");
        FaxPageImage a = HeaderLine.stamp(black, spec, 1, 2, V);
        assertEquals(a, HeaderLine.stamp(black, spec, 1, 2, V));
        assertNotEquals(a, HeaderLine.stamp(black, spec, 2, 2, V));
        int band = FaxResolution.FINE.linesFor(HeaderLine.BAND_MM);
        assertEquals((long) 1728 * (400 - band), a.blackPixels(0, band, 1728, 400), "below the band untouched");
        long bandInk = a.blackPixels(0, 0, 1728, band);
        assertTrue(bandInk > 200 && bandInk < 1728L * band / 4, "band cleared and lettered: " + bandInk);
        assertSame(black, HeaderLine.stamp(black, HeaderSpec.NONE, 1, 1, V));
        FaxPageImage std = HeaderLine.stamp(black.withResolution(FaxResolution.STANDARD), spec, 1, 2, V);
        assertEquals(200, std.height());
        assertTrue(std.blackPixels(0, 0, 1728, 23) > 100);
    }

    @Test
    void overLongHeaderIsTruncatedToItsThird() {
        FaxPageImage blank = FaxPageImage.blank(1728, 200, FaxResolution.FINE);
        FaxPageImage p = HeaderLine.stamp(blank, new HeaderSpec("W".repeat(200), "", ""), 1, 1, V);
        int[] box = Ink.box(p);
        assertTrue(box[0] >= HeaderLine.SIDE_MARGIN - 2, "left " + box[0]);
        assertTrue(box[2] <= HeaderLine.SIDE_MARGIN + (1728 - 2 * HeaderLine.SIDE_MARGIN) / 3, "right " + box[2]);
        FaxPageImage r = HeaderLine.stamp(blank, new HeaderSpec("", "", "$p$"), 7, 9, V);
        assertTrue(Ink.box(r)[2] <= 1728 - HeaderLine.SIDE_MARGIN && Ink.box(r)[2] > 1728 - HeaderLine.SIDE_MARGIN - 10);
    }

    @Test
    void coverPage() {
        CoverPage.Info info = new CoverPage.Info("", "Alice <alice@example.com>", "FAX=+4930123@gw.example.com",
                "Quarterly numbers", V.time(), 3, List.of("Message-ID: <1@example.com>"));
        FaxPageImage c = CoverPage.render(info, PageFormat.A4_FINE, HeaderSpec.NONE, V, 4);
        assertEquals(1728, c.width());
        assertEquals(2287, c.height());
        assertEquals(c, CoverPage.render(info, PageFormat.A4_FINE, HeaderSpec.NONE, V, 4));
        assertTrue(c.blackPixels() > 20_000);
        assertEquals(0, c.blackPixels(0, 1200, 1728, 2287), "content near the top");
        CoverPage.Info other = new CoverPage.Info("", "Bob <bob@example.com>", "FAX=+4930123@gw.example.com",
                "Quarterly numbers", V.time(), 3, List.of());
        assertNotEquals(c, CoverPage.render(other, PageFormat.A4_FINE, HeaderSpec.NONE, V, 4));
        // a very long subject wraps and stays within the margins
        CoverPage.Info longSubject = new CoverPage.Info("Title", "a", "b", "subject ".repeat(60) + "x".repeat(300),
                V.time(), 0, List.of());
        int[] box = Ink.box(CoverPage.render(longSubject, PageFormat.LETTER_FINE, HeaderSpec.NONE, V, 1));
        assertTrue(box[0] >= 180 && box[2] <= 1728 - 180, java.util.Arrays.toString(box));
    }

    private static byte[] filled(int w, int h) {
        byte[] b = new byte[(w + 7) / 8 * h];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }
}
