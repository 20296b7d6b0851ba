package org.t37gw.dmsp.render;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The cover sheet the OffRamp sends first when {@code fax send coverpage enable} is set: a title (the configured
 * {@code coverpage comment}, or "FAX"), then From, To, Subject, Date and Pages, then optional detail lines (the mail
 * headers, for {@code coverpage show-detail}). Liberation Sans; values wrap, over-long ones are cut at the page's
 * end. A pure function of its inputs.
 */
public final class CoverPage {

    /**
     * What the cover page says.
     *
     * @param title   big title line; blank means "FAX"
     * @param pages   number of pages following the cover (0 to leave the line out)
     * @param details extra lines in small print (e.g. all mail headers)
     */
    public record Info(String title, String from, String to, String subject, ZonedDateTime date, int pages,
            List<String> details) {
        public Info {
            title = Objects.requireNonNullElse(title, "");
            from = Objects.requireNonNullElse(from, "");
            to = Objects.requireNonNullElse(to, "");
            subject = Objects.requireNonNullElse(subject, "");
            Objects.requireNonNull(date, "date");
            details = List.copyOf(Objects.requireNonNullElse(details, List.of()));
        }
    }

    static final double TITLE_POINTS = 28;
    static final double FIELD_POINTS = 13;
    static final double DETAIL_POINTS = 8;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm xxx", Locale.ROOT);

    private CoverPage() {
    }

    /** The cover page, with the header line if {@code header} is not empty (page 1 of {@code total}). */
    public static FaxPageImage render(Info info, PageFormat format, HeaderSpec header, HeaderValues values,
            int total) {
        try (PageCanvas canvas = new PageCanvas(format)) {
            Graphics2D g = canvas.g;
            HeaderLine.draw(g, canvas.width, header, 1, total, values);
            int left = 184;
            int right = canvas.width - 184;
            int y = 240;
            Font title = FaxFonts.sans().deriveFont(Font.BOLD, PageCanvas.units(TITLE_POINTS));
            g.setFont(title);
            String t = info.title().isBlank() ? "FAX" : info.title().strip();
            for (String line : wrap(t, right - left, g.getFontMetrics())) {
                y += g.getFontMetrics().getAscent();
                g.drawString(line, left, y);
                y += g.getFontMetrics().getDescent();
            }
            y += 30;
            g.fillRect(left, y, right - left, 6);
            y += 70;
            Font label = FaxFonts.sans().deriveFont(Font.BOLD, PageCanvas.units(FIELD_POINTS));
            Font value = FaxFonts.sans().deriveFont(PageCanvas.units(FIELD_POINTS));
            int valueX = left + 320;
            int pitch = Math.round(PageCanvas.units(FIELD_POINTS) * 1.5f);
            List<String[]> fields = new ArrayList<>();
            fields.add(new String[] {"To:", info.to()});
            fields.add(new String[] {"From:", info.from()});
            fields.add(new String[] {"Subject:", info.subject()});
            fields.add(new String[] {"Date:", DATE.format(info.date())});
            if (info.pages() > 0) {
                fields.add(new String[] {"Pages:", info.pages() + " (after this cover page)"});
            }
            int bottom = canvas.height - 102;
            for (String[] f : fields) {
                g.setFont(label);
                g.drawString(f[0], left, y);
                g.setFont(value);
                for (String line : wrap(f[1], right - valueX, g.getFontMetrics())) {
                    if (y > bottom) {
                        break;
                    }
                    g.drawString(line, valueX, y);
                    y += pitch;
                }
                if (f[1].isEmpty()) {
                    y += pitch;
                }
            }
            if (!info.details().isEmpty()) {
                y += pitch / 2;
                g.fillRect(left, y - pitch / 2, right - left, 2);
                Font small = FaxFonts.sans().deriveFont(PageCanvas.units(DETAIL_POINTS));
                g.setFont(small);
                int dp = Math.round(PageCanvas.units(DETAIL_POINTS) * 1.25f);
                outer:
                for (String d : info.details()) {
                    for (String line : wrap(d, right - left, g.getFontMetrics())) {
                        y += dp;
                        if (y > bottom) {
                            break outer;
                        }
                        g.drawString(line, left, y);
                    }
                }
            }
            return canvas.finish();
        }
    }

    /** Words of {@code s} in lines no wider than {@code width}; a word wider than that is cut. */
    static List<String> wrap(String s, int width, FontMetrics fm) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.replaceAll("[\\p{Cntrl}]", " ").strip().split(" +")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                out.add(line.toString());
                line.setLength(0);
            }
            String w = word;
            while (fm.stringWidth(w) > width && w.length() > 1) {
                String head = HeaderLine.fit(w, width, fm);
                if (head.isEmpty()) {
                    head = w.substring(0, w.offsetByCodePoints(0, 1));
                }
                out.add(head);
                w = w.substring(head.length());
            }
            line.append(w);
        }
        if (!line.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }
}
