package org.t37gw.smtp.mail;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dial-peer's {@code session target mailto:NAME[@DOMAIN]}, resolved for one call into a mail address.
 *
 * <p>The macros are those of the IOS command reference: {@code $d$} the called number (DNIS),
 * {@code $m$} the redirecting number (RDNIS) when there is one, else the called number, {@code $e$} an
 * address handed over by the call (IOS: the VoiceXML {@code cisco-mailtoaddress}), and {@code $s$} the
 * calling number (ANI), which t37gw adds. A target without {@code @DOMAIN} gets the gateway's
 * {@code hostname} as domain, unless the expanded name already is a whole address (as {@code $e$} is).
 *
 * <p>Pure: no I/O, no state.
 */
public final class SessionTarget {

    private static final Pattern MACRO = Pattern.compile("\\$([a-z])\\$");
    /** RFC 5322 dot-atom text for the local part, which the expanded name must match. */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private final String target;

    /**
     * @param target the {@code session target} as the config holds it, e.g. {@code mailto:$d$@example.com}
     */
    public SessionTarget(String target) {
        Objects.requireNonNull(target, "target");
        if (!target.regionMatches(true, 0, "mailto:", 0, 7)) {
            throw new IllegalArgumentException("session target must start with mailto: " + target);
        }
        this.target = target;
    }

    /** The values the macros stand for in one call. */
    public record Values(String called, String calling, String redirecting, String mailto) {
    }

    /**
     * Resolves the target for one call.
     *
     * @param values      the call's numbers
     * @param localDomain the domain for a target without one (the gateway's {@code hostname})
     * @return the address, e.g. {@code 5550100@example.com}
     * @throws UnresolvedTargetException when a macro has no value or the result is not an address
     */
    public String resolve(Values values, String localDomain) throws UnresolvedTargetException {
        String addr = target.substring(7);
        int at = addr.lastIndexOf('@');
        String name = at < 0 ? addr : addr.substring(0, at);
        String domain = at < 0 ? null : addr.substring(at + 1);
        Matcher m = MACRO.matcher(name);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "d" -> values.called();
                case "s" -> values.calling();
                case "m" -> blank(values.redirecting()) ? values.called() : values.redirecting();
                case "e" -> values.mailto();
                default -> throw new UnresolvedTargetException(target, "unknown macro " + m.group());
            };
            if (blank(value)) {
                throw new UnresolvedTargetException(target, "no value for " + m.group() + " in this call");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value.strip()));
        }
        m.appendTail(sb);
        String local = sb.toString();
        if (domain == null && local.indexOf('@') > 0) {
            // $e$ may carry a whole address
            int a = local.lastIndexOf('@');
            domain = local.substring(a + 1);
            local = local.substring(0, a);
        }
        if (domain == null || domain.isEmpty()) {
            domain = localDomain;
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            throw new UnresolvedTargetException(target, "\"" + local + "\" is not a valid mailbox name");
        }
        if (domain == null || domain.isEmpty() || domain.chars().anyMatch(c -> c <= ' ' || c == '@' || c > 126)) {
            throw new UnresolvedTargetException(target, "\"" + domain + "\" is not a valid domain");
        }
        return local + "@" + domain;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return target;
    }

    /** A session target that cannot be turned into an address for this call. */
    public static final class UnresolvedTargetException extends Exception {
        public UnresolvedTargetException(String target, String why) {
            super("session target " + target + ": " + why, null, false, false);
        }
    }
}
