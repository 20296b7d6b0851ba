package org.t37gw.config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type checks for command arguments. Each method returns the value (normalised where said) or throws
 * {@link IllegalArgumentException} whose message is fit for {@code FILE:LINE: message}. No method does
 * a DNS lookup or touches the file system.
 */
final class Checks {

    /** Macros of {@code fax send *-header} and {@code mta send subject}. */
    static final Set<String> HEADER_MACROS = Set.of("$a$", "$d$", "$p$", "$s$", "$t$");
    /** Macros of the local part of {@code session target mailto:}. */
    static final Set<String> MAILTO_MACROS = Set.of("$d$", "$m$", "$e$");

    private static final Pattern MACRO = Pattern.compile("\\$([A-Za-z]+)\\$");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#%&'*+/=?^_`{|}~.-]+");
    private static final Pattern DIAL_STRING = Pattern.compile("\\+?[0-9*#]+");
    private static final Pattern PREFIX = Pattern.compile("[0-9*#,]+");
    private static final Pattern PORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:/._-]*");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Checks() {
    }

    static int port(String s) {
        int p = integer(s, "port");
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + s + " is out of range 1-65535");
        }
        return p;
    }

    static int integer(String s, String what) {
        if (!s.matches("-?[0-9]{1,10}")) {
            throw new IllegalArgumentException(what + " must be a number, not \"" + s + "\"");
        }
        long v = Long.parseLong(s);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(what + " " + s + " is too large");
        }
        return (int) v;
    }

    static int integer(String s, String what, int min, int max) {
        int v = integer(s, what);
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + s + " is out of range " + min + "-" + max);
        }
        return v;
    }

    /** An IPv4 or IPv6 literal (IPv6 optionally in brackets) or an RFC 1123 host name. */
    static String host(String s) {
        if (looksLikeIp(s)) {
            ipAddress(s);
            return s;
        }
        hostName(s);
        return s;
    }

    static boolean looksLikeIp(String s) {
        return s.indexOf(':') >= 0 || s.startsWith("[") || s.matches("[0-9.]+");
    }

    static String hostName(String s) {
        if (s.length() > 253 || s.isEmpty()) {
            throw new IllegalArgumentException("\"" + s + "\" is not a valid host name");
        }
        for (String label : s.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("\"" + s + "\" is not a valid host name");
            }
        }
        return s;
    }

    /** Bytes of an IPv4 or IPv6 literal; IPv6 may be written in brackets. */
    static byte[] ipAddress(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        byte[] b = t.indexOf(':') >= 0 ? ipv6(t) : ipv4(t);
        if (b == null) {
            throw new IllegalArgumentException("\"" + s + "\" is not a valid IP address");
        }
        return b;
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }

    private static byte[] ipv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        byte[] h = groups(head);
        byte[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        if (dc < 0 ? h.length != 16 : h.length + t.length > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 16 - t.length, t.length);
        return out;
    }

    /** Colon-separated hex groups, the last one may be dotted IPv4. */
    private static byte[] groups(String s) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] g = s.split(":", -1);
        byte[] out = new byte[g.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < g.length; i++) {
            if (i == g.length - 1 && g[i].indexOf('.') >= 0) {
                byte[] v4 = ipv4(g[i]);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, n, 4);
                n += 4;
            } else {
                if (!g[i].matches("[0-9A-Fa-f]{1,4}")) {
                    return null;
                }
                int v = Integer.parseInt(g[i], 16);
                out[n++] = (byte) (v >> 8);
                out[n++] = (byte) v;
            }
        }
        if (n > 16) {
            return null;
        }
        byte[] r = new byte[n];
        System.arraycopy(out, 0, r, 0, n);
        return r;
    }

    /** {@code local@domain}, domain a host name or {@code [ip]}. */
    static String email(String s) {
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new IllegalArgumentException("\"" + s + "\" is not an e-mail address (user@domain)");
        }
        localPart(s.substring(0, at), s);
        mailDomain(s.substring(at + 1));
        return s;
    }

    private static void localPart(String local, String whole) {
        if (!LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            throw new IllegalArgumentException("\"" + whole + "\" is not an e-mail address (user@domain)");
        }
    }

    /** A mail domain: host name or address literal {@code [a.b.c.d]}. */
    static String mailDomain(String s) {
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) {
                throw new IllegalArgumentException("\"" + s + "\" is not a valid address literal");
            }
            String inner = s.substring(1, s.length() - 1);
            ipAddress(inner.regionMatches(true, 0, "IPv6:", 0, 5) ? inner.substring(5) : inner);
            return s;
        }
        if (looksLikeIp(s)) {
            throw new IllegalArgumentException("an IP address as mail domain is written in brackets: [" + s + "]");
        }
        return hostName(s);
    }

    /** A user name for the envelope sender: a local part, or {@code $s$}. */
    static String username(String s) {
        if (s.equals("$s$")) {
            return s;
        }
        macros(s, Set.of(), "a user name");
        localPart(s, s + "@...");
        return s;
    }

    /**
     * Checks {@code session target mailto:{name|$d$|$m$|$e$}[@domain]}; the name may mix text and the
     * macros {@code $d$ $m$ $e$}.
     */
    static String mailto(String s) {
        if (!s.regionMatches(true, 0, "mailto:", 0, 7)) {
            throw new IllegalArgumentException("session target must start with mailto:, not \"" + s + "\"");
        }
        String addr = s.substring(7);
        int at = addr.lastIndexOf('@');
        String local = at < 0 ? addr : addr.substring(0, at);
        if (local.isEmpty()) {
            throw new IllegalArgumentException("session target " + s + " has no name before the domain");
        }
        macros(local, MAILTO_MACROS, "session target");
        String plain = MACRO.matcher(local).replaceAll("x");
        if (!LOCAL_PART.matcher(plain).matches()) {
            throw new IllegalArgumentException("session target " + s + " has an invalid name \"" + local + "\"");
        }
        if (at >= 0) {
            mailDomain(addr.substring(at + 1));
        }
        return "mailto:" + addr;
    }

    /** Every {@code $x$} in {@code s} must be one of {@code allowed}. */
    static String macros(String s, Set<String> allowed, String where) {
        Matcher m = MACRO.matcher(s);
        while (m.find()) {
            String macro = m.group();
            if (!allowed.contains(macro)) {
                if (allowed.isEmpty()) {
                    throw new IllegalArgumentException("macro " + macro + " is not allowed in " + where);
                }
                throw new IllegalArgumentException("unknown macro " + macro + " in " + where + "; known: "
                        + String.join(" ", new TreeSet<>(allowed)));
            }
        }
        return s;
    }

    /** A T.30 subscriber identification (TSI/CSI): a macro or at most 20 characters. */
    static String subscriberId(String s, String macro, String where) {
        if (s.equals(macro)) {
            return s;
        }
        macros(s, Set.of(), where);
        if (s.length() > 20) {
            throw new IllegalArgumentException(where + " \"" + s + "\" is longer than the 20 characters T.30 allows");
        }
        if (!s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(where + " must be printable ASCII");
        }
        return s;
    }

    /** A number as dialed or presented: digits, {@code * #}, an optional leading {@code +}. */
    static String dialString(String s) {
        if (!DIAL_STRING.matcher(s).matches()) {
            throw new IllegalArgumentException("\"" + s + "\" is not a telephone number (digits, * #, leading +)");
        }
        return s;
    }

    /** {@code prefix}: digits, {@code * #}, and {@code ,} (a one-second pause, as in IOS). */
    static String prefix(String s) {
        if (!PREFIX.matcher(s).matches()) {
            throw new IllegalArgumentException("prefix \"" + s + "\" may hold only digits, * # and , (pause)");
        }
        return s;
    }

    static String voicePortName(String s) {
        if (!PORT_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("\"" + s + "\" is not a valid voice-port name (letters, digits, : / . _ -)");
        }
        return s;
    }

    static String fileName(String s) {
        if (!FILE_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("file name \"" + s + "\" may hold only letters, digits, . _ -");
        }
        return s;
    }

    /** {@code HOST:PORT} or {@code [IPV6]:PORT}. */
    static HostPort hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || (s.indexOf(':') != colon && !s.startsWith("["))) {
            throw new IllegalArgumentException("\"" + s + "\" is not HOST:PORT (write IPv6 as [ADDRESS]:PORT)");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && !host.endsWith("]")) {
            throw new IllegalArgumentException("\"" + s + "\" is not HOST:PORT (write IPv6 as [ADDRESS]:PORT)");
        }
        host(host);
        return new HostPort(host, port(s.substring(colon + 1)));
    }

    /** Lower-case, for keyword comparison. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
