package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {

    private static final TextRenderer A4 = new TextRenderer(TextOptions.DEFAULT);

    private static String lines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("Line ").append(i).append(" of the quick brown fox\n");
        }
        return sb.toString();
    }

    @Test
    void fontsComeFromOurClassPath() {
        assertEquals("Liberation Sans", FaxFonts.sans().getFamily(java.util.Locale.ROOT));
        assertEquals("DejaVu Sans Mono", FaxFonts.mono().getFamily(java.util.Locale.ROOT));
        assertTrue(FaxFonts.class.getResource(FaxFonts.SANS_RESOURCE).toString().contains("pdfbox"),
                "Liberation Sans from the PDFBox jar");
        assertTrue(FaxFonts.class.getResource(FaxFonts.MONO_RESOURCE) != null);
    }

    @Test
    void sameTextSameBits() throws Exception {
        String text = "Determinism check\n\tTabbed\nÄÖÜ äöü ß € — done\n" + lines(10);
        String h1 = Ink.sha256(A4.renderPlain(text));
        String h2 = Ink.sha256(new TextRenderer(TextOptions.DEFAULT).renderPlain(text));
        assertEquals(h1, h2);
        assertNotEquals(h1, Ink.sha256(A4.renderPlain(text + "x")));
        String e = "<bold>Hello</bold> <italic>enriched</italic> <fixed>world</fixed>";
        assertEquals(Ink.sha256(A4.renderEnriched(e)), Ink.sha256(A4.renderEnriched(e)));
    }

    @Test
    void pageGeometry() throws Exception {
        List<FaxPageImage> pages = A4.renderPlain("Hello");
        assertEquals(1, pages.size());
        FaxPageImage p = pages.get(0);
        assertEquals(1728, p.width());
        assertEquals(2287, p.height());
        assertEquals(FaxResolution.FINE, p.resolution());
        int[] box = Ink.box(p);
        // text starts at the left margin (0.9 in), in the first body line
        assertTrue(box[0] >= 180 && box[0] < 200, "left edge " + box[0]);
        assertTrue(box[1] > 90 && box[3] < 140, "rows " + box[1] + ".." + box[3]);
        assertEquals(64, A4.plainLinesPerPage());
        assertEquals(60, new TextRenderer(TextOptions.DEFAULT.withFormat(PageFormat.LETTER_FINE)).plainLinesPerPage());
        FaxPageImage std = new TextRenderer(TextOptions.DEFAULT.withFormat(
                new PageFormat(PaperSize.A4, FaxResolution.STANDARD))).renderPlain("Hello").get(0);
        assertEquals(1143, std.height());
        assertTrue(std.blackPixels() > p.blackPixels() / 3, "standard keeps the strokes");
    }

    @Test
    void formFeedStartsANewPage() throws Exception {
        assertEquals(2, A4.renderPlain("page one\fpage two").size());
        assertEquals(2, A4.renderPlain("page one\n\fpage two\n").size());
        assertEquals(3, A4.renderPlain("one\f\fthree").size(), "a blank page between two form feeds");
        assertEquals(1, A4.renderPlain("\fonly\f").size(), "no blank page at either end");
        List<List<String>> pages = PlainTextLayout.paginate("a\nb\fc", 64);
        assertEquals(List.of(List.of("a", "b"), List.of("c")), pages);
    }

    @Test
    void twoHundredLinesMakeAtLeastThreePages() throws Exception {
        List<FaxPageImage> pages = A4.renderPlain(lines(200));
        assertTrue(pages.size() >= 3, "pages: " + pages.size());
        assertEquals(4, pages.size()); // 64 lines per A4 page
        for (FaxPageImage p : pages) {
            assertTrue(p.blackPixels() > 0);
        }
        assertThrows(RenderException.class,
                () -> new TextRenderer(TextOptions.DEFAULT.withMaxPages(2)).renderPlain(lines(200)));
    }

    @Test
    void longLinesWrap() throws Exception {
        StringBuilder words = new StringBuilder();
        while (words.length() < 300) {
            words.append("word").append(words.length()).append(' ');
        }
        List<String> wrapped = PlainTextLayout.wrap(words.toString().strip());
        assertTrue(wrapped.size() >= 4, wrapped.toString());
        for (String w : wrapped) {
            assertTrue(w.length() <= 80, w);
            assertTrue(!w.startsWith(" ") && !w.endsWith(" "), "'" + w + "'");
        }
        assertEquals(words.toString().strip(), String.join(" ", wrapped));
        // no spaces: cut at 80
        List<String> cut = PlainTextLayout.wrap("x".repeat(300));
        assertEquals(List.of("x".repeat(80), "x".repeat(80), "x".repeat(80), "x".repeat(60)), cut);
        // the rendered page has ink on four lines, none beyond the right margin
        FaxPageImage p = A4.renderPlain("x".repeat(300)).get(0);
        int[] box = Ink.box(p);
        assertTrue(box[2] < 1728 - 180, "right edge " + box[2]);
        assertTrue(box[3] - box[1] > 3 * 30, "four lines tall");
    }

    @Test
    void tabsToEightColumns() throws Exception {
        assertEquals("a       b", PlainTextLayout.expand("a\tb"));
        assertEquals("12345678        x", PlainTextLayout.expand("12345678\tx"));
        assertEquals("        x", PlainTextLayout.expand("\tx"));
        assertEquals("ab", PlainTextLayout.expand("a\u0007b"));
        // "\tX" draws X in column 8, exactly where "        X" does
        assertEquals(A4.renderPlain("\tX"), A4.renderPlain("        X"));
        FaxPageImage p = A4.renderPlain("\tX").get(0);
        int left = A4.plainLeft();
        int[] box = Ink.box(p);
        assertTrue(box[0] >= left + 8 * TextRenderer.CELL && box[0] < left + 9 * TextRenderer.CELL, "x " + box[0]);
    }

    @Test
    void charsetsFromTheCaller() throws Exception {
        String text = "Grüße aus Köln — 10 €";
        List<FaxPageImage> utf8 = A4.renderPlain(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        List<FaxPageImage> latin = A4.renderPlain("Grüße aus Köln".getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1);
        assertEquals(A4.renderPlain(text), utf8);
        assertEquals(A4.renderPlain("Grüße aus Köln"), latin);
        // the same bytes read as the wrong charset give different pages
        assertNotEquals(latin, A4.renderPlain("Grüße aus Köln".getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8));
        assertEquals("a\uFFFDb", TextRenderer.decode(new byte[] {'a', (byte) 0xFF, 'b'}, null));
    }

    @Test
    void headerOnEveryPage() throws Exception {
        TextOptions opts = TextOptions.DEFAULT.withHeader(new HeaderSpec("$s$", "$a$ $t$", "$p$"),
                new HeaderValues("+15551234", "+4930123", ZonedDateTime.of(2024, 5, 1, 13, 7, 0, 0, ZoneOffset.UTC)));
        List<FaxPageImage> with = new TextRenderer(opts).renderPlain(lines(100));
        List<FaxPageImage> without = A4.renderPlain(lines(100));
        assertEquals(2, with.size());
        for (int i = 0; i < 2; i++) {
            FaxPageImage h = with.get(i);
            assertTrue(h.blackPixels(0, 0, 1728, 100) > 200, "header ink on page " + (i + 1));
            assertEquals(0, without.get(i).blackPixels(0, 0, 1728, 90));
            assertEquals(h.blackPixels(0, 100, 1728, h.height()),
                    without.get(i).blackPixels(0, 100, 1728, h.height()), "body unchanged");
        }
        // "page 1/2" and "page 2/2" differ only on the right
        FaxPageImage p1 = with.get(0);
        FaxPageImage p2 = with.get(1);
        assertEquals(p1.blackPixels(0, 0, 1100, 60), p2.blackPixels(0, 0, 1100, 60));
        boolean differ = false;
        for (int y = 0; y < 60 && !differ; y++) {
            for (int x = 1200; x < 1728 && !differ; x++) {
                differ = p1.isBlack(x, y) != p2.isBlack(x, y);
            }
        }
        assertTrue(differ, "page numbers differ");
    }
}
