package org.t37gw.dmsp.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out parsed text/enriched on pages, in square units (204 per inch): paragraphs are the runs between breaks;
 * fill paragraphs are wrapped at spaces (a word wider than the line is cut), nofill lines are kept (and cut only
 * when wider than the line); each line is aligned per its paragraph's alignment ({@code flushboth} spreads the
 * spaces of every line but a paragraph's last). Indents are {@value #INDENT_UNITS} units (0.5 in) per level.
 */
final class EnrichedLayout {

    static final double BASE_POINTS = 10.0;
    static final double STEP = 1.2;
    static final int MIN_STEP = -3;
    static final int MAX_STEP = 5;
    static final int INDENT_UNITS = 102;
    /** Line pitch factor: 10 pt text on 12 pt lines, i.e. 6 lines per inch. */
    static final double LEADING = 1.2;

    /** A piece of a line drawn in one style; {@code space} pieces may stretch under flushboth. */
    record Piece(String text, EnrichedStyle style, int x, int width, boolean space) {
    }

    /** A laid-out line: pieces with x positions from the page's left edge, a baseline, and excerpt bars. */
    record Line(List<Piece> pieces, int top, int height, int baseline, int excerpt, int excerptX) {
    }

    private static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), false, false);
    private final Map<EnrichedStyle, Font> fonts = new HashMap<>();

    final int left;
    final int width;
    final int top;
    final int bottom;

    /** Text area: {@code left} and {@code width} across, {@code top} to {@code bottom} down, in square units. */
    EnrichedLayout(int left, int width, int top, int bottom) {
        this.left = left;
        this.width = width;
        this.top = top;
        this.bottom = bottom;
    }

    static double points(EnrichedStyle s) {
        int step = Math.max(MIN_STEP, Math.min(MAX_STEP, s.size()));
        return BASE_POINTS * Math.pow(STEP, step);
    }

    Font font(EnrichedStyle s) {
        EnrichedStyle key = new EnrichedStyle(s.bold(), s.italic(), false, s.fixed(), s.size(),
                EnrichedStyle.Alignment.LEFT, 0, 0, false, 0, 0, 0, 0, 0, "", "", "");
        return fonts.computeIfAbsent(key, k -> {
            Font base = k.fixed() ? FaxFonts.mono() : FaxFonts.sans();
            int st = (k.bold() ? Font.BOLD : 0) | (k.italic() ? Font.ITALIC : 0);
            return base.deriveFont(st, PageCanvas.units(points(k)));
        });
    }

    int measure(String s, EnrichedStyle style) {
        return (int) Math.round(font(style).getStringBounds(s, FRC).getWidth());
    }

    int lineHeight(EnrichedStyle style) {
        return (int) Math.round(PageCanvas.units(points(style)) * LEADING);
    }

    /** Pages of lines. */
    List<List<Line>> layout(List<EnrichedNode> nodes) {
        List<List<Line>> pages = new ArrayList<>();
        List<Line> page = new ArrayList<>();
        int y = top;
        for (Para para : paragraphs(nodes)) {
            for (Line proto : lines(para.runs(), para.style())) {
                if (y + proto.height() > bottom && !page.isEmpty()) {
                    pages.add(page);
                    page = new ArrayList<>();
                    y = top;
                }
                int baseline = y + (int) Math.round(proto.height() * 0.8);
                page.add(new Line(proto.pieces(), y, proto.height(), baseline, proto.excerpt(), proto.excerptX()));
                y += proto.height();
            }
        }
        if (!page.isEmpty() || pages.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    private record Para(List<EnrichedNode.Text> runs, EnrichedStyle style) {
    }

    /** Runs between breaks; the paragraph style is that of its first run (or of the break ending an empty one). */
    private static List<Para> paragraphs(List<EnrichedNode> nodes) {
        List<Para> out = new ArrayList<>();
        List<EnrichedNode.Text> cur = new ArrayList<>();
        for (EnrichedNode n : nodes) {
            if (n instanceof EnrichedNode.Text t) {
                cur.add(t);
            } else {
                out.add(new Para(cur, cur.isEmpty() ? n.style() : cur.get(0).style()));
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            out.add(new Para(cur, cur.get(0).style()));
        }
        return out;
    }

    /** Lines of one paragraph, positioned across but not down (top and baseline 0). */
    List<Line> lines(List<EnrichedNode.Text> runs, EnrichedStyle ps) {
        int barLevels = ps.excerpt();
        int leftIndent = (ps.excerpt() + ps.indent() + ps.paraLeft()) * INDENT_UNITS;
        int rightIndent = (ps.indentRight() + ps.paraRight()) * INDENT_UNITS;
        int firstExtra = ps.paraIn() * INDENT_UNITS;
        int restExtra = ps.paraOut() * INDENT_UNITS;
        boolean fill = !ps.nofill();

        // atoms: words and runs of spaces, each in one style
        List<Piece> atoms = new ArrayList<>();
        for (EnrichedNode.Text run : runs) {
            String t = run.text();
            int i = 0;
            while (i < t.length()) {
                boolean sp = t.charAt(i) == ' ' || t.charAt(i) == '\t';
                int j = i;
                while (j < t.length() && (t.charAt(j) == ' ' || t.charAt(j) == '\t') == sp) {
                    j++;
                }
                String s = sp ? " ".repeat(j - i) : t.substring(i, j);
                atoms.add(new Piece(s, run.style(), 0, measure(s, run.style()), sp));
                i = j;
            }
        }
        List<Line> lines = new ArrayList<>();
        List<List<Piece>> built = new ArrayList<>();
        List<Piece> line = new ArrayList<>();
        int used = 0;
        int avail = avail(leftIndent, rightIndent, firstExtra);
        for (Piece a : atoms) {
            if (fill && a.space() && line.isEmpty() && !built.isEmpty()) {
                continue; // no leading spaces on wrapped lines
            }
            if (used + a.width() <= avail || (a.space() && fill)) {
                line.add(a);
                used += a.width();
                continue;
            }
            // does not fit
            Piece rest = a;
            if (!line.isEmpty() && fill && !a.space() && a.width() <= avail(leftIndent, rightIndent, restExtra)) {
                built.add(line);
                line = new ArrayList<>();
                used = 0;
                avail = avail(leftIndent, rightIndent, restExtra);
            }
            // cut what is still too wide, character by character
            while (used + rest.width() > avail) {
                int cut = fitChars(rest.text(), rest.style(), avail - used);
                if (cut == 0 && line.isEmpty()) {
                    cut = rest.text().offsetByCodePoints(0, 1); // at least one character per line
                }
                if (cut > 0) {
                    String head = rest.text().substring(0, cut);
                    line.add(new Piece(head, rest.style(), 0, measure(head, rest.style()), rest.space()));
                    String tail = rest.text().substring(cut);
                    rest = tail.isEmpty() ? null : new Piece(tail, rest.style(), 0, measure(tail, rest.style()),
                            rest.space());
                }
                built.add(line);
                line = new ArrayList<>();
                used = 0;
                avail = avail(leftIndent, rightIndent, restExtra);
                if (rest == null || (fill && rest.space())) {
                    rest = null;
                    break;
                }
            }
            if (rest != null) {
                line.add(rest);
                used += rest.width();
            }
        }
        if (!line.isEmpty() || built.isEmpty()) {
            built.add(line);
        }
        for (int k = 0; k < built.size(); k++) {
            List<Piece> pieces = built.get(k);
            if (fill) {
                while (!pieces.isEmpty() && pieces.get(pieces.size() - 1).space()) {
                    pieces.remove(pieces.size() - 1);
                }
                while (!pieces.isEmpty() && pieces.get(0).space()) {
                    pieces.remove(0);
                }
            }
            int extra = k == 0 ? firstExtra : restExtra;
            int x0 = left + leftIndent + extra;
            int room = avail(leftIndent, rightIndent, extra);
            lines.add(place(pieces, x0, room, ps, k == built.size() - 1, lineHeightOf(pieces, ps), barLevels));
        }
        return lines;
    }

    private int lineHeightOf(List<Piece> pieces, EnrichedStyle ps) {
        int h = lineHeight(ps);
        for (Piece p : pieces) {
            h = Math.max(h, lineHeight(p.style()));
        }
        return h;
    }

    private int avail(int leftIndent, int rightIndent, int extra) {
        return Math.max(2 * INDENT_UNITS, width - leftIndent - rightIndent - extra);
    }

    /** Largest char index such that text[0, index) fits in {@code room}, at a code point boundary. */
    private int fitChars(String text, EnrichedStyle style, int room) {
        int best = 0;
        for (int i = 0; i < text.length(); ) {
            int next = text.offsetByCodePoints(i, 1);
            if (measure(text.substring(0, next), style) > room) {
                break;
            }
            best = next;
            i = next;
        }
        return best;
    }

    private Line place(List<Piece> pieces, int x0, int room, EnrichedStyle ps, boolean last, int height,
            int excerpt) {
        int w = 0;
        int spaces = 0;
        for (Piece p : pieces) {
            w += p.width();
            if (p.space()) {
                spaces++;
            }
        }
        int slack = Math.max(0, room - w);
        int x = x0;
        int stretch = 0;
        switch (ps.alignment()) {
            case CENTER -> x += slack / 2;
            case RIGHT -> x += slack;
            case BOTH -> stretch = last || spaces == 0 ? 0 : slack;
            default -> { }
        }
        List<Piece> placed = new ArrayList<>(pieces.size());
        int seen = 0;
        for (Piece p : pieces) {
            int pw = p.width();
            if (stretch > 0 && p.space()) {
                // spread the slack evenly, the remainder over the first spaces
                int add = stretch / spaces + (seen < stretch % spaces ? 1 : 0);
                seen++;
                pw += add;
            }
            placed.add(new Piece(p.text(), p.style(), x, pw, p.space()));
            x += pw;
        }
        return new Line(placed, 0, height, 0, excerpt, left);
    }
}
