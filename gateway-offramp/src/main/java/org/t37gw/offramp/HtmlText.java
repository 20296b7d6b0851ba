package org.t37gw.offramp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/**
 * HTML as structured plain text for text-to-fax: paragraphs and headings as blank-line separated blocks,
 * {@code <br>} as line breaks, list items as {@code "* "} or {@code "1. "} lines, table rows as lines with
 * cells separated by {@code " | "}, {@code <pre>} kept as written. Scripts, styles, the head and comments
 * are dropped; nothing is ever fetched (images show as their {@code alt} text in brackets). Entities are
 * decoded (numeric and the common named ones). Tolerant: any tag soup gives some text, never an exception.
 */
final class HtmlText {

    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"), Map.entry("euro", "\u20ac"), Map.entry("pound", "\u00a3"),
            Map.entry("mdash", "\u2014"), Map.entry("ndash", "\u2013"), Map.entry("hellip", "\u2026"),
            Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"), Map.entry("uuml", "\u00fc"),
            Map.entry("ouml", "\u00f6"), Map.entry("auml", "\u00e4"), Map.entry("szlig", "\u00df"),
            Map.entry("eacute", "\u00e9"), Map.entry("egrave", "\u00e8"), Map.entry("middot", "\u00b7"),
            Map.entry("bull", "\u2022"), Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"),
            Map.entry("rdquo", "\u201d"), Map.entry("ldquo", "\u201c"));

    private HtmlText() {
    }

    private static final class Out {
        final StringBuilder sb = new StringBuilder();
        boolean pendingSpace;
        int pre;

        void text(String s) {
            if (pre > 0) {
                sb.append(s);
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    pendingSpace = true;
                } else {
                    if (pendingSpace && sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                        sb.append(' ');
                    }
                    pendingSpace = false;
                    sb.append(c == '\u00a0' ? ' ' : c);
                }
            }
        }

        void raw(String s) {
            pendingSpace = false;
            sb.append(s);
        }

        void newline() {
            pendingSpace = false;
            trimTrailingSpaces();
            sb.append('\n');
        }

        /** Ends the line, and leaves one blank line before what follows. */
        void block() {
            pendingSpace = false;
            trimTrailingSpaces();
            if (sb.length() == 0) {
                return;
            }
            int nl = 0;
            for (int i = sb.length() - 1; i >= 0 && sb.charAt(i) == '\n' && nl < 2; i--) {
                nl++;
            }
            while (nl++ < 2) {
                sb.append('\n');
            }
        }

        void lineStart() {
            pendingSpace = false;
            trimTrailingSpaces();
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
        }

        private void trimTrailingSpaces() {
            while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
                sb.setLength(sb.length() - 1);
            }
        }
    }

    static String toText(String html) {
        Out out = new Out();
        Deque<int[]> lists = new ArrayDeque<>(); // {ordered 0/1, counter}
        boolean firstCell = true;
        int skip = 0; // inside script/style/head
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int end = html.indexOf('>', i + 1);
                if (end < 0) {
                    if (skip == 0) {
                        out.text(html.substring(i));
                    }
                    break;
                }
                String tag = html.substring(i + 1, end).strip();
                i = end + 1;
                boolean closing = tag.startsWith("/");
                String body = closing ? tag.substring(1) : tag;
                String name = body.split("[\\s/>]", 2)[0].toLowerCase(Locale.ROOT);
                if (name.equals("script") || name.equals("style") || name.equals("head") || name.equals("title")) {
                    skip = Math.max(0, skip + (closing ? -1 : 1));
                    continue;
                }
                if (skip > 0 || name.isEmpty() || name.startsWith("!") || name.startsWith("?")) {
                    continue;
                }
                switch (name) {
                    case "br" -> out.newline();
                    case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "address", "hr", "section",
                         "article", "header", "footer", "table", "dl" -> {
                        out.block();
                        if (name.equals("hr") && !closing) {
                            out.raw("----------------------------------------");
                            out.block();
                        }
                    }
                    case "pre" -> {
                        out.block();
                        out.pre = Math.max(0, out.pre + (closing ? -1 : 1));
                    }
                    case "ul", "ol" -> {
                        if (closing) {
                            lists.poll();
                            if (lists.isEmpty()) {
                                out.block();
                            }
                        } else {
                            out.lineStart();
                            lists.push(new int[] {name.equals("ol") ? 1 : 0, 0});
                        }
                    }
                    case "li" -> {
                        if (!closing) {
                            out.lineStart();
                            int depth = Math.max(0, lists.size() - 1);
                            int[] l = lists.peek();
                            String mark = "* ";
                            if (l != null && l[0] == 1) {
                                mark = (++l[1]) + ". ";
                            }
                            out.raw("  ".repeat(depth) + mark);
                        }
                    }
                    case "dt", "dd" -> {
                        if (!closing) {
                            out.lineStart();
                            if (name.equals("dd")) {
                                out.raw("    ");
                            }
                        }
                    }
                    case "tr" -> {
                        out.lineStart();
                        firstCell = true;
                    }
                    case "td", "th" -> {
                        if (!closing) {
                            if (!firstCell) {
                                out.raw(" | ");
                            }
                            firstCell = false;
                        }
                    }
                    case "img" -> {
                        String alt = attribute(body, "alt");
                        if (alt != null && !alt.isBlank()) {
                            out.text(" [" + entities(alt) + "] ");
                        }
                    }
                    default -> { }
                }
                continue;
            }
            int next = html.indexOf('<', i);
            if (next < 0) {
                next = n;
            }
            if (skip == 0) {
                out.text(entities(html.substring(i, next)));
            }
            i = next;
        }
        return out.sb.toString().strip() + "\n";
    }

    /** The value of attribute {@code name} in a tag's text, or {@code null}. */
    static String attribute(String tag, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?i)\\s" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))").matcher(tag);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
    }

    static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i + 1 && semi - i <= 10) {
                String ent = s.substring(i + 1, semi);
                String rep = null;
                try {
                    if (ent.startsWith("#x") || ent.startsWith("#X")) {
                        rep = new String(Character.toChars(Integer.parseInt(ent.substring(2), 16)));
                    } else if (ent.startsWith("#")) {
                        rep = new String(Character.toChars(Integer.parseInt(ent.substring(1))));
                    } else {
                        rep = ENTITIES.get(ent.toLowerCase(Locale.ROOT));
                    }
                } catch (IllegalArgumentException e) {
                    rep = null;
                }
                if (rep != null) {
                    sb.append(rep);
                    i = semi + 1;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }
}
