package org.t37gw.smtp.address;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses minimal fax addresses, RFC 3192 §2-§4 (which obsoletes RFC 2304):
 * <pre>
 *   fax-email     = ["/"] fax-address ["/"] "@" mta-I-fax
 *   fax-address   = fax-mbox [ qualif-type1 ]
 *   fax-mbox      = "FAX=" global-phone          ; service-selector, case-insensitive
 *   global-phone  = "+" 1*( DIGIT / written-sep )
 *   written-sep   = "-" / "."
 *   qualif-type1  = "/T33S=" 1*DIGIT             ; T.33 sub-address
 * </pre>
 *
 * <p>What we accept beyond that minimum, each on purpose:
 * <ul>
 *   <li>a local dial string without {@code +} ({@code FAX=9-555-8354}), as RFC 3191's local-phone and as
 *       every Cisco off-ramp deployment uses; turning it into digits to dial is the dial-peers' job;</li>
 *   <li>further {@code /KEY=value} qualifiers (RFC 3192 §5 lets IANA register more): {@code cover=yes|no}
 *       (Cisco {@code fax send coverpage e-mail-controllable}) is checked, others are kept unread;</li>
 *   <li>a quoted local part ({@code "FAX=+1 555 0100"@gw}); inside quotes a space is taken as one more
 *       visual separator, since that is how people write numbers.</li>
 * </ul>
 * Visual separators are removed (RFC 3192 §2: they MUST be removed before dialling).
 *
 * <p>Stateless and thread-safe. Pure: no DNS, no dial-peers, no policy (see
 * {@code org.t37gw.smtp.server.RecipientPolicy} for that).
 */
public final class FaxAddressParser {

    /** Longest local part (RFC 5321 §4.5.3.1.1). */
    public static final int MAX_LOCAL_PART = 64;
    /** Longest domain (RFC 5321 §4.5.3.1.2). */
    public static final int MAX_DOMAIN = 255;
    /** Most digits in a number: E.164 has 15, dial strings add access codes and prefixes. */
    public static final int MAX_DIGITS = 30;
    /** Most qualifiers after the number. */
    public static final int MAX_QUALIFIERS = 8;

    private static final String SELECTOR = "FAX=";

    private FaxAddressParser() {
    }

    /**
     * Parses an envelope address ({@code RCPT TO:} path without the angle brackets).
     */
    public static FaxAddressParse parse(String address) {
        if (address == null || address.isEmpty()) {
            return bad("empty address");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                return bad("control or non-ASCII character in address");
            }
        }
        int at = lastAtOutsideQuotes(address);
        if (at < 0) {
            return bad("no @domain");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty() || local.length() > MAX_LOCAL_PART) {
            return bad("local part empty or longer than " + MAX_LOCAL_PART);
        }
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN || !validDomain(domain)) {
            return bad("bad domain \"" + domain + "\"");
        }
        String text;
        boolean quoted = local.startsWith("\"");
        if (quoted) {
            if (local.length() < 2 || !local.endsWith("\"")) {
                return bad("unbalanced quotes in local part");
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < local.length() - 1; i++) {
                char c = local.charAt(i);
                if (c == '\\') {
                    if (++i >= local.length() - 1) {
                        return bad("dangling backslash in quoted local part");
                    }
                    c = local.charAt(i);
                } else if (c == '"') {
                    return bad("unescaped quote inside quoted local part");
                }
                sb.append(c);
            }
            text = sb.toString();
        } else {
            text = local;
        }
        // fax-email = ["/"] fax-address ["/"] "@" ...
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.regionMatches(true, 0, SELECTOR, 0, SELECTOR.length())) {
            return new FaxAddressParse.Invalid(AddressError.NOT_FAX, "local part is not FAX=number");
        }
        String[] parts = text.substring(SELECTOR.length()).split("/", -1);
        if (parts.length - 1 > MAX_QUALIFIERS) {
            return bad("more than " + MAX_QUALIFIERS + " qualifiers");
        }
        String number = number(parts[0], quoted);
        if (number == null) {
            return bad("\"" + parts[0] + "\" is not a fax number (digits, - and . only, optional leading +)");
        }
        String subaddress = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String q = parts[i];
            int eq = q.indexOf('=');
            if (eq <= 0) {
                return bad("qualifier \"" + q + "\" is not KEY=value");
            }
            String key = q.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = q.substring(eq + 1);
            if (!key.matches("[a-z0-9][a-z0-9-]*") || value.isEmpty()) {
                return bad("qualifier \"" + q + "\" is not KEY=value");
            }
            if (key.equals("t33s")) {
                if (subaddress != null) {
                    return bad("T33S given twice");
                }
                subaddress = digitsOnly(value, quoted);
                if (subaddress == null || subaddress.startsWith("+")) {
                    return bad("T33S sub-address \"" + value + "\" is not digits");
                }
            } else if (params.containsKey(key)) {
                return bad("qualifier " + key + " given twice");
            } else if (key.equals(FaxAddress.COVER) && !value.equalsIgnoreCase("yes")
                    && !value.equalsIgnoreCase("no")) {
                return bad("cover must be yes or no");
            } else {
                params.put(key, value);
            }
        }
        return new FaxAddressParse.Valid(new FaxAddress(number, subaddress, params, local, domain));
    }

    /** The dialable form of {@code text}: optional +, then digits with separators removed; null if not one. */
    private static String number(String text, boolean quoted) {
        String d = digitsOnly(text, quoted);
        if (d == null || d.length() - (d.startsWith("+") ? 1 : 0) > MAX_DIGITS) {
            return null;
        }
        return d;
    }

    private static String digitsOnly(String text, boolean quoted) {
        StringBuilder sb = new StringBuilder(text.length());
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
                digits++;
            } else if (c == '+' && i == 0) {
                sb.append(c);
            } else if (c == '-' || c == '.' || (quoted && c == ' ')) {
                continue;
            } else {
                return null;
            }
        }
        return digits == 0 ? null : sb.toString();
    }

    private static int lastAtOutsideQuotes(String s) {
        boolean inQuotes = false;
        int at = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inQuotes && c == '\\') {
                i++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '@' && !inQuotes) {
                at = i;
            }
        }
        return inQuotes ? -1 : at;
    }

    private static boolean validDomain(String d) {
        if (d.startsWith("[") && d.endsWith("]")) {
            return d.length() > 2 && d.substring(1, d.length() - 1).matches("[0-9A-Fa-f:.]+|IPv6:[0-9A-Fa-f:.]+");
        }
        return d.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.?");
    }

    private static FaxAddressParse bad(String detail) {
        return new FaxAddressParse.Invalid(AddressError.BAD_SYNTAX, detail);
    }
}
