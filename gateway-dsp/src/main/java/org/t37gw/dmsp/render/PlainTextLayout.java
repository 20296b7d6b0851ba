package org.t37gw.dmsp.render;

import java.util.ArrayList;
import java.util.List;

/**
 * text/plain to pages of lines, like a typed page: {@value #COLUMNS} columns, tabs to the next multiple of
 * {@value #TAB} columns, long lines wrapped at the last space (or cut when there is none), form feed starts a new
 * page. Columns count code points. Pure: no fonts involved.
 */
public final class PlainTextLayout {

    public static final int COLUMNS = 80;
    public static final int TAB = 8;

    private PlainTextLayout() {
    }

    /**
     * Pages of at most {@code linesPerPage} lines of at most {@link #COLUMNS} code points each, with no tabs or
     * control characters left. A form feed ends the page; no empty page is produced at the start or the end.
     */
    public static List<List<String>> paginate(String text, int linesPerPage) {
        if (linesPerPage <= 0) {
            throw new IllegalArgumentException("linesPerPage " + linesPerPage);
        }
        String norm = text.replace("\r\n", "\n").replace('\r', '\n');
        List<List<String>> pages = new ArrayList<>();
        List<String> page = new ArrayList<>();
        String[] chunks = norm.split("\f", -1);
        for (int c = 0; c < chunks.length; c++) {
            if (c > 0 && !(pages.isEmpty() && page.isEmpty())) {
                pages.add(page); // a form feed ends the page, even a blank one (but makes no blank first page)
                page = new ArrayList<>();
            }
            String chunk = chunks[c];
            if (c > 0 && chunk.startsWith("\n")) {
                chunk = chunk.substring(1); // "\f\n" is one page break, not a break and a blank line
            }
            if (chunk.endsWith("\n")) {
                chunk = chunk.substring(0, chunk.length() - 1); // the last line's terminator
            }
            if (chunk.isEmpty()) {
                continue;
            }
            for (String line : chunk.split("\n", -1)) {
                for (String part : wrap(expand(line))) {
                    if (page.size() == linesPerPage) {
                        pages.add(page);
                        page = new ArrayList<>();
                    }
                    page.add(part);
                }
            }
        }
        if (!page.isEmpty() || pages.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    /** Tabs expanded to the next multiple of {@link #TAB}; other control characters dropped. */
    static String expand(String line) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        int col = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') {
                do {
                    out.append(' ');
                    col++;
                } while (col % TAB != 0);
            } else if (Character.isISOControl(cp) || cp == 0xFEFF) {
                continue;
            } else {
                out.appendCodePoint(cp);
                col++;
            }
        }
        return out.toString();
    }

    /** A line cut into pieces of at most {@link #COLUMNS} code points, at the last space where there is one. */
    static List<String> wrap(String line) {
        List<String> out = new ArrayList<>();
        int[] cps = line.codePoints().toArray();
        int start = 0;
        while (cps.length - start > COLUMNS) {
            int cut = -1;
            for (int i = start + COLUMNS; i > start; i--) {
                if (cps[i] == ' ') {
                    cut = i;
                    break;
                }
            }
            if (cut <= start) {
                out.add(new String(cps, start, COLUMNS));
                start += COLUMNS;
            } else {
                out.add(stripTrailing(new String(cps, start, cut - start)));
                start = cut;
                while (start < cps.length && cps[start] == ' ') {
                    start++;
                }
            }
        }
        out.add(new String(cps, start, cps.length - start));
        return out;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
