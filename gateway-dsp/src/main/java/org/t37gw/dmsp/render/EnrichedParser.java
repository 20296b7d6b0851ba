package org.t37gw.dmsp.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * text/enriched (RFC 1896) to a list of styled runs and line breaks.
 *
 * <ul>
 *   <li>Commands are {@code <name>} and {@code </name>}, names of letters, digits and hyphens up to 60 characters,
 *   case-insensitive. {@code <<} is a literal {@code <}.</li>
 *   <li>Newlines (CRLF, or a bare LF or CR): outside {@code nofill}, a single newline is a space and a sequence of
 *   n newlines is n-1 line breaks; inside {@code nofill} every newline is a line break.</li>
 *   <li>{@code <param>...</param>} is never shown; it qualifies the command opened just before it
 *   ({@code paraindent}: comma-separated left/right/in/out; {@code lang}, {@code fontfamily}, {@code color}: kept in
 *   the style).</li>
 *   <li>Unknown commands are ignored, their text shown. A closing command closes the innermost open command of that
 *   name and any opened inside it (lenient about bad nesting); a closing command with no opener is ignored. A
 *   {@code <} that does not start a well-formed command is shown as text.</li>
 *   <li>Also accepted: {@code indent} and {@code indentright} of RFC 1563.</li>
 * </ul>
 */
public final class EnrichedParser {

    static final int MAX_NAME = 60;

    private final List<EnrichedNode> out = new ArrayList<>();
    private final Deque<Open> stack = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private EnrichedStyle style = EnrichedStyle.PLAIN;
    private StringBuilder param; // non-null inside <param>

    private static final class Open {
        final String name;
        String param = "";

        Open(String name) {
            this.name = name;
        }
    }

    private EnrichedParser() {
    }

    /** The body as styled runs and breaks; adjacent runs of equal style are merged. */
    public static List<EnrichedNode> parse(String body) {
        EnrichedParser p = new EnrichedParser();
        p.run(body);
        return List.copyOf(p.out);
    }

    /** The text a parse shows, with {@code '\n'} for each break (handy in tests and logs). */
    public static String plainText(List<EnrichedNode> nodes) {
        StringBuilder sb = new StringBuilder();
        for (EnrichedNode n : nodes) {
            if (n instanceof EnrichedNode.Text t) {
                sb.append(t.text());
            } else {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private void run(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '<') {
                if (i + 1 < n && s.charAt(i + 1) == '<') {
                    append('<');
                    i += 2;
                    continue;
                }
                int end = tagEnd(s, i);
                if (end < 0) {
                    append('<');
                    i++;
                    continue;
                }
                boolean close = s.charAt(i + 1) == '/';
                String name = s.substring(i + (close ? 2 : 1), end).toLowerCase(Locale.ROOT);
                tag(name, close);
                i = end + 1;
            } else if (c == '\r' || c == '\n') {
                int count = 0;
                while (i < n && (s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
                    if (s.charAt(i) == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                        i += 2;
                    } else {
                        i++;
                    }
                    count++;
                }
                newlines(count);
            } else {
                append(c);
                i++;
            }
        }
        flush();
    }

    /** Index of the '>' closing a well-formed command starting at {@code i}, or -1. */
    private static int tagEnd(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '/') {
            j++;
        }
        int start = j;
        while (j < s.length() && j - start <= MAX_NAME) {
            char c = s.charAt(j);
            if (c == '>') {
                return j > start ? j : -1;
            }
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
                return -1;
            }
            j++;
        }
        return -1;
    }

    private void append(char c) {
        if (param != null) {
            param.append(c);
        } else {
            text.append(c);
        }
    }

    private void newlines(int count) {
        if (param != null) {
            param.append("\n".repeat(count));
        } else if (style.nofill()) {
            flush();
            for (int k = 0; k < count; k++) {
                out.add(new EnrichedNode.Break(style));
            }
        } else if (count == 1) {
            text.append(' ');
        } else {
            flush();
            for (int k = 0; k < count - 1; k++) {
                out.add(new EnrichedNode.Break(style));
            }
        }
    }

    private void tag(String name, boolean close) {
        if (name.equals("param")) {
            if (!close) {
                param = param == null ? new StringBuilder() : param;
            } else if (param != null) {
                if (!stack.isEmpty()) {
                    stack.peek().param = param.toString().strip();
                }
                param = null;
                flush();
                style = computeStyle();
            }
            return;
        }
        if (param != null) {
            return; // commands inside a parameter are not interpreted
        }
        flush();
        if (!close) {
            stack.push(new Open(name));
        } else {
            boolean found = false;
            for (Open o : stack) {
                if (o.name.equals(name)) {
                    found = true;
                    break;
                }
            }
            if (found) {
                while (!stack.pop().name.equals(name)) {
                    // close the commands opened inside it
                }
            }
        }
        style = computeStyle();
    }

    private void flush() {
        if (text.isEmpty()) {
            return;
        }
        String t = text.toString();
        text.setLength(0);
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof EnrichedNode.Text last && last.style().equals(style)) {
            out.set(out.size() - 1, new EnrichedNode.Text(last.text() + t, style));
        } else {
            out.add(new EnrichedNode.Text(t, style));
        }
    }

    private EnrichedStyle computeStyle() {
        boolean bold = false;
        boolean italic = false;
        boolean underline = false;
        boolean fixed = false;
        boolean nofill = false;
        int size = 0;
        int indent = 0;
        int indentRight = 0;
        int excerpt = 0;
        int pl = 0;
        int pr = 0;
        int pin = 0;
        int pout = 0;
        EnrichedStyle.Alignment align = EnrichedStyle.Alignment.LEFT;
        String lang = "";
        String family = "";
        String color = "";
        for (Iterator<Open> it = stack.descendingIterator(); it.hasNext(); ) { // outermost first
            Open o = it.next();
            switch (o.name) {
                case "bold" -> bold = true;
                case "italic" -> italic = true;
                case "underline" -> underline = true;
                case "fixed" -> fixed = true;
                case "smaller" -> size--;
                case "bigger" -> size++;
                case "center" -> align = EnrichedStyle.Alignment.CENTER;
                case "flushleft" -> align = EnrichedStyle.Alignment.LEFT;
                case "flushright" -> align = EnrichedStyle.Alignment.RIGHT;
                case "flushboth" -> align = EnrichedStyle.Alignment.BOTH;
                case "indent" -> indent++;
                case "indentright" -> indentRight++;
                case "nofill" -> nofill = true;
                case "excerpt" -> excerpt++;
                case "lang" -> lang = o.param;
                case "fontfamily" -> family = o.param;
                case "color" -> color = o.param;
                case "paraindent" -> {
                    for (String p : o.param.toLowerCase(Locale.ROOT).split(",")) {
                        switch (p.strip()) {
                            case "left" -> pl++;
                            case "right" -> pr++;
                            case "in" -> pin++;
                            case "out" -> pout++;
                            default -> { }
                        }
                    }
                }
                default -> { } // unknown commands are ignored (RFC 1896 clause 2)
            }
        }
        return new EnrichedStyle(bold, italic, underline, fixed, size, align, indent, indentRight, nofill, excerpt,
                pl, pr, pin, pout, lang, family, color);
    }
}
