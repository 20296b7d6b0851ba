package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichedRenderTest {

    private static final TextRenderer R = new TextRenderer(TextOptions.DEFAULT);
    private static final String WORDS = "The quick brown fox";

    private static FaxPageImage one(String body) throws RenderException {
        List<FaxPageImage> pages = R.renderEnriched(body);
        assertEquals(1, pages.size());
        return pages.get(0);
    }

    @Test
    void boldHasMoreInkThanPlain() throws Exception {
        long plain = one(WORDS).blackPixels();
        long bold = one("<bold>" + WORDS + "</bold>").blackPixels();
        assertTrue(bold > plain * 1.15, plain + " vs " + bold);
    }

    @Test
    void biggerHasMoreInkSmallerLess() throws Exception {
        long plain = one(WORDS).blackPixels();
        assertTrue(one("<bigger>" + WORDS + "</bigger>").blackPixels() > plain);
        assertTrue(one("<smaller>" + WORDS + "</smaller>").blackPixels() < plain);
    }

    @Test
    void alignmentMovesTheInk() throws Exception {
        int left = R.plainLeft();
        double mid = 1728 / 2.0;
        double l = Ink.centroidX(one(WORDS));
        double c = Ink.centroidX(one("<center>" + WORDS + "</center>"));
        double r = Ink.centroidX(one("<flushright>" + WORDS + "</flushright>"));
        assertTrue(l < left + 250, "left " + l);
        assertTrue(Math.abs(c - mid) < 15, "center " + c);
        assertTrue(r > 1728 - left - 250, "right " + r);
        int[] box = Ink.box(one("<flushright>" + WORDS + "</flushright>"));
        assertTrue(Math.abs(box[2] - (1728 - left)) < 6, "right edge " + box[2]);
    }

    @Test
    void flushbothJustifiesAllButTheLastLine() throws Exception {
        String para = "lorem ipsum dolor sit amet ".repeat(12).strip();
        FaxPageImage ragged = one(para);
        FaxPageImage justified = one("<flushboth>" + para + "</flushboth>");
        int right = 1728 - R.plainLeft();
        // first line of the justified paragraph reaches the right margin; the ragged one stops short
        int[] firstRagged = Ink.box(crop(ragged, 100, 140));
        int[] firstJust = Ink.box(crop(justified, 100, 140));
        assertTrue(firstJust[2] >= right - 3, "justified to " + firstJust[2]);
        assertTrue(firstRagged[2] < right - 10, "ragged to " + firstRagged[2]);
    }

    @Test
    void indentsAndExcerptsShiftTheLeftEdge() throws Exception {
        int base = Ink.box(one(WORDS))[0];
        assertTrue(Math.abs(Ink.box(one("<indent>" + WORDS + "</indent>"))[0] - base - 102) <= 3);
        assertTrue(Math.abs(Ink.box(one("<paraindent><param>left</param>" + WORDS + "</paraindent>"))[0] - base
                - 102) <= 3);
        // excerpt: a bar in the indent, text one unit in
        FaxPageImage ex = one("<excerpt>" + WORDS + "</excerpt>");
        int[] box = Ink.box(ex);
        assertTrue(box[0] < base + 40, "bar at " + box[0]);
        assertTrue(ex.blackPixels(base + 60, 0, base + 101, ex.height()) == 0, "gap after the bar");
    }

    @Test
    void paraindentInAndOut() throws Exception {
        String para = "word ".repeat(60).strip();
        FaxPageImage in = one("<paraindent><param>in</param>" + para + "</paraindent>");
        FaxPageImage out = one("<paraindent><param>out</param>" + para + "</paraindent>");
        int base = Ink.box(one(WORDS))[0];
        assertTrue(Ink.box(crop(in, 100, 130))[0] >= base + 100, "first line in");
        assertTrue(Ink.box(crop(in, 140, 165))[0] <= base + 3, "second line not");
        assertTrue(Ink.box(crop(out, 100, 130))[0] <= base + 3, "first line out");
        assertTrue(Ink.box(crop(out, 140, 165))[0] >= base + 100, "second line indented");
    }

    @Test
    void underlineAddsAStroke() throws Exception {
        FaxPageImage u = one("<underline>" + WORDS + "</underline>");
        FaxPageImage p = one(WORDS);
        assertTrue(u.blackPixels() > p.blackPixels() + 300);
    }

    @Test
    void nofillKeepsLinesAndLongTextWrapsOrSpillsToPages() throws Exception {
        FaxPageImage nf = one("<nofill>a\r\nb\r\nc</nofill>");
        int[] box = Ink.box(nf);
        assertTrue(box[3] - box[1] > 2 * 25, "three lines");
        assertEquals(3, R.renderEnriched("para\r\n\r\n".repeat(150)).size());
    }

    /** The page with everything outside rows [y0, y1) cleared. */
    private static FaxPageImage crop(FaxPageImage p, int y0, int y1) {
        byte[] rows = new byte[p.rowBytes() * p.height()];
        for (int y = y0; y < y1; y++) {
            p.copyRow(y, rows, y * p.rowBytes());
        }
        return FaxPageImage.of(p.width(), p.height(), p.resolution(), rows);
    }
}
