package org.t37gw.dmsp.render;

import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Text to fax pages, drawn with Java2D on bilevel pages (antialiasing and fractional metrics off) in the fonts of
 * {@link FaxFonts}, with the header line of {@link TextOptions#header()} on every page.
 *
 * <ul>
 *   <li>text/plain: a typed page of {@value PlainTextLayout#COLUMNS} columns in 10 pt DejaVu Sans Mono, each
 *   character in a fixed cell of {@value #CELL} units (12 per inch), 6 lines per inch, 0.9 in side margins
 *   ({@link PlainTextLayout} does tabs, wrapping and form feeds).</li>
 *   <li>text/enriched: {@link EnrichedParser} then {@link EnrichedLayout}, 10 pt Liberation Sans ({@code fixed}
 *   in DejaVu Sans Mono), sizes scaled by 1.2 per {@code bigger}/{@code smaller}.</li>
 * </ul>
 * Geometry is in square units of 1/204 in; the body runs from {@value #TOP} units below the top edge (room for the
 * header) to {@value #BOTTOM_MARGIN} units above the bottom: 60 lines on Letter, 64 on A4.
 */
public final class TextRenderer {

    /** Cell width of a plain-text character, square units (1/204 in): 12 characters per inch. */
    static final int CELL = 17;
    /** Plain-text line pitch, square units: 6 lines per inch. */
    static final int PITCH = 34;
    static final double PLAIN_POINTS = 10.0;
    /** Top of the body, square units (0.5 in). */
    static final int TOP = 102;
    /** Bottom margin, square units (0.5 in). */
    static final int BOTTOM_MARGIN = 102;
    /** Baseline offset within a plain line. */
    static final int PLAIN_ASCENT = 26;

    private final TextOptions options;

    public TextRenderer(TextOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        Headless.ensure();
    }

    /** Decodes {@code data} in {@code charset} (malformed bytes become U+FFFD) and renders it as text/plain. */
    public List<FaxPageImage> renderPlain(byte[] data, Charset charset) throws RenderException {
        return renderPlain(decode(data, charset));
    }

    /** Decodes {@code data} in {@code charset} and renders it as text/enriched. */
    public List<FaxPageImage> renderEnriched(byte[] data, Charset charset) throws RenderException {
        return renderEnriched(decode(data, charset));
    }

    static String decode(byte[] data, Charset charset) {
        Charset cs = charset == null ? StandardCharsets.UTF_8 : charset;
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("REPLACE decoder threw", e);
        }
    }

    /** Left margin of the plain-text body so {@value PlainTextLayout#COLUMNS} columns sit centred on the page. */
    int plainLeft() {
        return Math.max(0, (options.format().width() - PlainTextLayout.COLUMNS * CELL) / 2);
    }

    /** Body lines per plain-text page for the paper. */
    int plainLinesPerPage() {
        int height = pageUnits();
        return Math.max(1, (height - TOP - BOTTOM_MARGIN) / PITCH);
    }

    private int pageUnits() {
        return (int) Math.round(options.format().paper().lengthMm() / 25.4 * FaxResolution.HORIZONTAL_DPI);
    }

    /** text/plain to pages. */
    public List<FaxPageImage> renderPlain(String text) throws RenderException {
        List<List<String>> pages = PlainTextLayout.paginate(text, plainLinesPerPage());
        checkPages(pages.size());
        Font font = FaxFonts.mono().deriveFont(PageCanvas.units(PLAIN_POINTS));
        int left = plainLeft();
        List<FaxPageImage> out = new ArrayList<>(pages.size());
        for (int p = 0; p < pages.size(); p++) {
            try (PageCanvas canvas = new PageCanvas(options.format())) {
                Graphics2D g = canvas.g;
                HeaderLine.draw(g, canvas.width, options.header(), p + 1, pages.size(), options.values());
                g.setFont(font);
                int y = TOP;
                for (String line : pages.get(p)) {
                    drawCells(g, font, line, left, y + PLAIN_ASCENT);
                    y += PITCH;
                }
                out.add(canvas.finish());
            }
        }
        return out;
    }

    /** Each code point in its own cell, centred in it; ones the font lacks drawn as '?'. */
    static void drawCells(Graphics2D g, Font font, String line, int left, int baseline) {
        int col = 0;
        java.awt.FontMetrics fm = g.getFontMetrics(font);
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp != ' ') {
                String s = font.canDisplay(cp) ? new String(Character.toChars(cp)) : "?";
                int adv = fm.stringWidth(s);
                g.drawString(s, left + col * CELL + (CELL - adv) / 2, baseline);
            }
            col++;
        }
    }

    /** text/enriched to pages. */
    public List<FaxPageImage> renderEnriched(String body) throws RenderException {
        return renderEnriched(EnrichedParser.parse(body));
    }

    /** Parsed text/enriched to pages. */
    public List<FaxPageImage> renderEnriched(List<EnrichedNode> nodes) throws RenderException {
        int left = plainLeft();
        EnrichedLayout layout = new EnrichedLayout(left, options.format().width() - 2 * left, TOP,
                pageUnits() - BOTTOM_MARGIN);
        List<List<EnrichedLayout.Line>> pages = layout.layout(nodes);
        checkPages(pages.size());
        List<FaxPageImage> out = new ArrayList<>(pages.size());
        for (int p = 0; p < pages.size(); p++) {
            try (PageCanvas canvas = new PageCanvas(options.format())) {
                Graphics2D g = canvas.g;
                HeaderLine.draw(g, canvas.width, options.header(), p + 1, pages.size(), options.values());
                for (EnrichedLayout.Line line : pages.get(p)) {
                    for (int e = 0; e < line.excerpt(); e++) {
                        // a quotation bar per excerpt level, in the left part of its indent
                        g.fillRect(line.excerptX() + e * EnrichedLayout.INDENT_UNITS + EnrichedLayout.INDENT_UNITS / 4,
                                line.top(), 4, line.height());
                    }
                    for (EnrichedLayout.Piece piece : line.pieces()) {
                        if (!piece.space()) {
                            Font f = layout.font(piece.style());
                            g.setFont(f);
                            g.drawString(piece.text(), piece.x(), line.baseline());
                        }
                        if (piece.style().underline()) {
                            int thick = Math.max(2, Math.round(PageCanvas.units(EnrichedLayout.points(piece.style()))
                                    / 14f));
                            g.fillRect(piece.x(), line.baseline() + thick + 1, piece.width(), thick);
                        }
                    }
                }
                out.add(canvas.finish());
            }
        }
        return out;
    }

    private void checkPages(int n) throws RenderException {
        if (n > options.maxPages()) {
            throw new RenderException(RenderException.Reason.TOO_MANY_PAGES,
                    "text makes " + n + " pages, limit " + options.maxPages());
        }
    }
}
