package org.t37gw.smtp.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the arguments of {@code MAIL FROM:} and {@code RCPT TO:} (RFC 5321 §4.1.2): a path in angle
 * brackets, then ESMTP parameters {@code KEY[=VALUE]} separated by spaces. Pure.
 *
 * <p>Tolerated: spaces between the colon and {@code <} (many clients send one), more than one space
 * between parameters, an A-d-l source route ({@code <@a,@b:user@c>}, RFC 5321 §4.1.2, dropped).
 */
public final class SmtpSyntax {

    /** One or more spaces, the separator of command arguments. */
    static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern PARAM_KEY = Pattern.compile("[A-Z0-9][A-Z0-9-]*");
    private static final Pattern PARAM_VALUE = Pattern.compile("[\\x21-\\x3c\\x3e-\\x7e]+");

    /** Longest path we take (RFC 5321 §4.5.3.1.3: 256 octets including brackets). */
    public static final int MAX_PATH = 256;

    private SmtpSyntax() {
    }

    /**
     * A parsed {@code FROM:}/{@code TO:} argument.
     *
     * @param address the path without brackets and source route; {@code ""} for {@code <>}
     * @param params  ESMTP parameters, keys upper case, values as sent ({@code null} for a bare keyword)
     */
    public record PathArgs(String address, Map<String, String> params) {
    }

    /**
     * Parses {@code line} (the whole command line) after the verb, e.g. {@code MAIL FROM:<a@b> SIZE=10}.
     *
     * @param keyword {@code FROM:} or {@code TO:}
     * @return the argument, or empty when it is not valid syntax
     */
    public static Optional<PathArgs> parse(String line, String keyword) {
        int sp = line.indexOf(' ');
        if (sp < 0) {
            return Optional.empty();
        }
        String rest = line.substring(sp + 1);
        if (!rest.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return Optional.empty();
        }
        rest = rest.substring(keyword.length()).stripLeading();
        if (!rest.startsWith("<")) {
            return Optional.empty();
        }
        int end = -1;
        boolean quoted = false;
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                end = i;
                break;
            }
        }
        if (end < 0 || end + 1 > MAX_PATH) {
            return Optional.empty();
        }
        String path = rest.substring(1, end);
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            path = path.substring(colon + 1);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || (c == ' ' && !insideQuotes(path, i))) {
                return Optional.empty();
            }
        }
        String tail = rest.substring(end + 1);
        if (!tail.isEmpty() && tail.charAt(0) != ' ') {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : SPACES.split(tail.trim())) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : p.substring(eq + 1);
            if (!PARAM_KEY.matcher(key).matches() || (value != null && !PARAM_VALUE.matcher(value).matches())) {
                return Optional.empty();
            }
            if (params.containsKey(key)) {
                return Optional.empty();
            }
            params.put(key, value);
        }
        return Optional.of(new PathArgs(path, params));
    }

    private static boolean insideQuotes(String s, int index) {
        boolean q = false;
        for (int i = 0; i < index; i++) {
            char c = s.charAt(i);
            if (q && c == '\\') {
                i++;
            } else if (c == '"') {
                q = !q;
            }
        }
        return q;
    }

    /** Whether a command line holds a NUL or another control character but TAB. */
    public static boolean hasControl(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
