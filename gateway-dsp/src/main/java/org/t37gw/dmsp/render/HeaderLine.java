package org.t37gw.dmsp.render;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The header line fax machines print at the top of each page: left, centre and right parts in 8 pt Liberation Sans
 * on a band {@value #BAND_MM} mm high at the top edge. Each part is given a third of the width (less side margins)
 * and truncated to fit, as Cisco truncates over-long headers. A pure function of spec, page number, page count and
 * values.
 */
public final class HeaderLine {

    /** Height of the band the header occupies, cleared on stamped pages. */
    public static final double BAND_MM = 6.0;
    static final double FONT_POINTS = 8.0;
    /** Side margin in square units (0.25 in). */
    static final int SIDE_MARGIN = 51;
    /** Baseline in square units from the top (0.17 in). */
    static final int BASELINE = 35;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private HeaderLine() {
    }

    /** {@code template} with {@code $s$ $d$ $t$ $a$ $p$} (either case) replaced; other text as is. */
    public static String expand(String template, int page, int total, HeaderValues values) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 2 < template.length() && template.charAt(i + 2) == '$') {
                String sub = switch (Character.toLowerCase(template.charAt(i + 1))) {
                    case 's' -> values.sender();
                    case 'd' -> values.destination();
                    case 't' -> TIME.format(values.time());
                    case 'a' -> DATE.format(values.time());
                    case 'p' -> "page " + page + "/" + total;
                    default -> null;
                };
                if (sub != null) {
                    out.append(sub);
                    i += 3;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The three expanded parts, left, centre, right. */
    public static List<String> texts(HeaderSpec spec, int page, int total, HeaderValues values) {
        return List.of(expand(spec.left(), page, total, values), expand(spec.center(), page, total, values),
                expand(spec.right(), page, total, values));
    }

    /**
     * Page {@code page} of {@code total} with its header: the top band is cleared and the header drawn into it. The
     * page's content is otherwise unchanged (use it for pages made by text-to-fax; Cisco leaves TIFF pages alone).
     */
    public static FaxPageImage stamp(FaxPageImage pageImage, HeaderSpec spec, int page, int total,
            HeaderValues values) {
        if (spec.isEmpty()) {
            return pageImage;
        }
        FaxPageImage band;
        try (PageCanvas canvas = new PageCanvas(pageImage.width(), BAND_MM, pageImage.resolution())) {
            draw(canvas.g, pageImage.width(), spec, page, total, values);
            band = canvas.finish();
        }
        byte[] rows = pageImage.toBytes();
        int rb = pageImage.rowBytes();
        int n = Math.min(band.height(), pageImage.height());
        for (int y = 0; y < n; y++) {
            band.copyRow(y, rows, y * rb);
        }
        return FaxPageImage.wrap(pageImage.width(), pageImage.height(), pageImage.resolution(), rows);
    }

    /** Draws the header on a canvas in square units (204 per inch). */
    static void draw(Graphics2D g, int width, HeaderSpec spec, int page, int total, HeaderValues values) {
        if (spec.isEmpty()) {
            return;
        }
        Font font = FaxFonts.sans().deriveFont(PageCanvas.units(FONT_POINTS));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        List<String> parts = texts(spec, page, total, values);
        int slot = (width - 2 * SIDE_MARGIN) / 3;
        String left = fit(parts.get(0), slot, fm);
        String center = fit(parts.get(1), slot, fm);
        String right = fit(parts.get(2), slot, fm);
        g.drawString(left, SIDE_MARGIN, BASELINE);
        g.drawString(center, (width - fm.stringWidth(center)) / 2, BASELINE);
        g.drawString(right, width - SIDE_MARGIN - fm.stringWidth(right), BASELINE);
    }

    /** The longest prefix of {@code s} (by code point) no wider than {@code max}. */
    static String fit(String s, int max, FontMetrics fm) {
        if (fm.stringWidth(s) <= max) {
            return s;
        }
        int end = s.length();
        while (end > 0 && fm.stringWidth(s.substring(0, end)) > max) {
            end = s.offsetByCodePoints(end, -1);
        }
        return s.substring(0, end);
    }
}
