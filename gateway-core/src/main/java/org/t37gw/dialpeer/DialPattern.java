package org.t37gw.dialpeer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An IOS dial-peer digit pattern, as written after {@code destination-pattern},
 * {@code incoming called-number} and {@code answer-address}.
 *
 * <h2>Syntax (Cisco IOS Voice Command Reference, {@code destination-pattern})</h2>
 * <table>
 * <caption>accepted characters</caption>
 * <tr><td>{@code 0-9 * #}</td><td>that exact key</td></tr>
 * <tr><td>{@code .}</td><td>any one digit 0-9 (not {@code *} or {@code #})</td></tr>
 * <tr><td>{@code [135]} {@code [2-4]} {@code [^4-6]}</td><td>one digit of the set / of the complement</td></tr>
 * <tr><td>{@code +} first</td><td>the E.164 plus sign: the number must begin with {@code +} too</td></tr>
 * <tr><td>{@code +} elsewhere</td><td>the previous element one or more times</td></tr>
 * <tr><td>{@code ?}</td><td>the previous element zero or one time</td></tr>
 * <tr><td>{@code %}</td><td>the previous element zero or more times</td></tr>
 * <tr><td>{@code ^} first</td><td>start of the number (always implied; accepted for IOS compatibility)</td></tr>
 * <tr><td>{@code $} last</td><td>end of the number: no further digits may follow</td></tr>
 * <tr><td>{@code T} last</td><td>variable length: any number of further digits (IOS waits for the
 *     inter-digit timeout; here numbers arrive en bloc)</td></tr>
 * </table>
 * Not supported (rejected with a message): parentheses groups, {@code \} escapes, the {@code ,} pause and
 * the DTMF letters {@code A-D}.
 *
 * <h2>Matching</h2>
 * Numbers arrive en bloc (a called number from the line, a {@code FAX=} address). As in IOS, a pattern
 * is anchored at the start of the number but not at its end: {@code 555....} matches {@code 5551234} and
 * also {@code 55512345}, whose last digit is an <em>extra</em> digit (see {@code forward-digits extra});
 * {@code $} forbids extra digits, {@code T} absorbs them. This is what makes the IOS idiom
 * {@code incoming called-number .} match every called number. A {@code +} in the number is a character
 * like any other: a pattern without the leading {@code +} never matches a number that has one, and a
 * pattern with it never matches a number without it (IOS 12.4(20)T+ E.164 behaviour); callers that want
 * both forms configure both.
 *
 * <p>Quantified elements match greedily with backtracking; the match that consumes the most digits wins.
 *
 * <p>Immutable and thread-safe; equality is by the pattern text.
 */
public final class DialPattern {

    /**
     * Orders matches most specific first, the IOS "longest match in phone number" of
     * {@code dial-peer hunt 0}: more explicitly matched digits, then more digits matched by a bracket
     * range, then more digit positions constrained at all, then fixed length before {@code T}.
     */
    public static final Comparator<Match> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt(Match::explicitCount).reversed()
            .thenComparing(Comparator.comparingInt(Match::rangeCount).reversed())
            .thenComparing(Comparator.comparingInt(Match::consumed).reversed())
            .thenComparing(Match::variableLength);

    private enum Quantifier { ONE, OPTIONAL, ZERO_OR_MORE, ONE_OR_MORE }

    private enum AtomKind { LITERAL, RANGE, ANY }

    /** One pattern element: an atom (a literal character, a digit set, or any digit) and how often. */
    private record Element(AtomKind kind, char literal, int digitMask, Quantifier quantifier) {
        boolean accepts(char c) {
            return switch (kind) {
                case LITERAL -> c == literal;
                case ANY -> c >= '0' && c <= '9';
                case RANGE -> c >= '0' && c <= '9' && (digitMask & (1 << (c - '0'))) != 0;
            };
        }

        Element with(Quantifier q) {
            return new Element(kind, literal, digitMask, q);
        }
    }

    private final String text;
    private final List<Element> elements;
    private final boolean variableLength;
    private final boolean anchoredEnd;
    private final boolean e164;

    private DialPattern(String text, List<Element> elements, boolean variableLength, boolean anchoredEnd,
                        boolean e164) {
        this.text = text;
        this.elements = List.copyOf(elements);
        this.variableLength = variableLength;
        this.anchoredEnd = anchoredEnd;
        this.e164 = e164;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException with a message fit for {@code FILE:LINE: message} when the
     *                                  pattern is malformed
     */
    public static DialPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty dial pattern");
        }
        List<Element> elements = new ArrayList<>();
        boolean variable = false;
        boolean anchored = false;
        boolean e164 = false;
        int i = 0;
        int n = text.length();
        if (text.charAt(0) == '^') {
            i++;
        }
        if (i < n && text.charAt(i) == '+') {
            elements.add(new Element(AtomKind.LITERAL, '+', 0, Quantifier.ONE));
            e164 = true;
            i++;
        }
        while (i < n) {
            char c = text.charAt(i);
            int pos = i + 1; // 1-based for messages
            if (variable || anchored) {
                throw bad(text, "'" + text.charAt(i - 1) + "' must be the last character", i);
            }
            switch (c) {
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#' -> {
                    elements.add(new Element(AtomKind.LITERAL, c, 0, Quantifier.ONE));
                    i++;
                }
                case '.' -> {
                    elements.add(new Element(AtomKind.ANY, '.', 0, Quantifier.ONE));
                    i++;
                }
                case '[' -> {
                    int close = text.indexOf(']', i + 1);
                    if (close < 0) {
                        throw bad(text, "unclosed '['", pos);
                    }
                    elements.add(new Element(AtomKind.RANGE, '[', parseSet(text, i + 1, close), Quantifier.ONE));
                    i = close + 1;
                }
                case ']' -> throw bad(text, "']' without '['", pos);
                case '+', '?', '%' -> {
                    if (elements.isEmpty() || (e164 && elements.size() == 1)) {
                        throw bad(text, "'" + c + "' has no digit or wildcard before it to repeat", pos);
                    }
                    Element last = elements.get(elements.size() - 1);
                    if (last.quantifier() != Quantifier.ONE) {
                        throw bad(text, "'" + c + "' follows another repeat operator", pos);
                    }
                    Quantifier q = c == '+' ? Quantifier.ONE_OR_MORE
                            : c == '?' ? Quantifier.OPTIONAL : Quantifier.ZERO_OR_MORE;
                    elements.set(elements.size() - 1, last.with(q));
                    i++;
                }
                case 'T' -> {
                    variable = true;
                    i++;
                }
                case '$' -> {
                    if (elements.isEmpty()) {
                        throw bad(text, "'$' needs digits before it", pos);
                    }
                    anchored = true;
                    i++;
                }
                case 't' -> throw bad(text, "use upper-case 'T' for a variable-length pattern", pos);
                case '^' -> throw bad(text, "'^' is allowed only as the first character", pos);
                case '(', ')' -> throw bad(text, "parenthesised groups are not supported", pos);
                default -> throw bad(text, "invalid character '" + printable(c) + "'", pos);
            }
        }
        if (elements.isEmpty() && !variable) {
            throw bad(text, "no digits or wildcards", 1);
        }
        return new DialPattern(text, elements, variable, anchored, e164);
    }

    private static int parseSet(String text, int from, int close) {
        int i = from;
        boolean negate = false;
        if (i < close && text.charAt(i) == '^') {
            negate = true;
            i++;
        }
        if (i == close) {
            throw bad(text, "empty digit range '[]'", from);
        }
        int mask = 0;
        while (i < close) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(text, "only digits 0-9 are allowed inside [...], found '" + printable(c) + "'", i + 1);
            }
            if (i + 1 < close && text.charAt(i + 1) == '-') {
                if (i + 2 >= close) {
                    throw bad(text, "range '" + c + "-' has no upper bound", i + 1);
                }
                char hi = text.charAt(i + 2);
                if (hi < '0' || hi > '9') {
                    throw bad(text, "only digits 0-9 are allowed inside [...], found '" + printable(hi) + "'", i + 3);
                }
                if (hi < c) {
                    throw bad(text, "range '" + c + "-" + hi + "' is backwards", i + 1);
                }
                for (char d = c; d <= hi; d++) {
                    mask |= 1 << (d - '0');
                }
                i += 3;
            } else {
                mask |= 1 << (c - '0');
                i++;
            }
        }
        if (negate) {
            mask = ~mask & 0x3ff;
            if (mask == 0) {
                throw bad(text, "'[^...]' excludes every digit", from);
            }
        }
        return mask;
    }

    private static String printable(char c) {
        return c >= 0x21 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private static IllegalArgumentException bad(String text, String why, int position) {
        return new IllegalArgumentException("bad dial pattern '" + text + "' at position " + position + ": " + why);
    }

    /** The pattern as written in the config. */
    public String text() {
        return text;
    }

    /** Ends with {@code T}: variable length. */
    public boolean variableLength() {
        return variableLength;
    }

    /** Starts with the E.164 {@code +}. */
    public boolean e164() {
        return e164;
    }

    /** Ends with {@code $}: extra digits after the pattern are not allowed. */
    public boolean anchoredEnd() {
        return anchoredEnd;
    }

    /**
     * How many characters (digits, {@code * #}, the E.164 {@code +}) the pattern spells out explicitly
     * at the least, the static measure of "longest match"; a literal under {@code ?} or {@code %} does not
     * count, one under {@code +} counts once.
     */
    public int explicitDigits() {
        int count = 0;
        for (Element e : elements) {
            if (e.kind() == AtomKind.LITERAL
                    && (e.quantifier() == Quantifier.ONE || e.quantifier() == Quantifier.ONE_OR_MORE)) {
                count++;
            }
        }
        return count;
    }

    /** {@code true} if {@code number} matches (en bloc, extra trailing digits allowed unless {@code $}). */
    public boolean matches(String number) {
        return match(number).isPresent();
    }

    /**
     * Matches a whole number, en bloc.
     *
     * @return how the number matched, or empty if it does not
     */
    public Optional<Match> match(String number) {
        if (number == null) {
            return Optional.empty();
        }
        Tally tally = new Tally(elements.size());
        int end = matchFrom(0, 0, number, tally);
        if (end < 0) {
            return Optional.empty();
        }
        int explicitPrefix = 0;
        int explicit = 0;
        int range = 0;
        int any = 0;
        boolean leading = true;
        for (int k = 0; k < elements.size(); k++) {
            Element e = elements.get(k);
            int used = tally.best[k];
            switch (e.kind()) {
                case LITERAL -> explicit += used;
                case RANGE -> range += used;
                case ANY -> any += used;
            }
            if (leading && e.kind() == AtomKind.LITERAL && e.quantifier() == Quantifier.ONE) {
                explicitPrefix += used;
            } else {
                leading = false;
            }
        }
        return Optional.of(new Match(this, number, end, explicitPrefix, explicit, range, any));
    }

    /** Per-element character counts of the current attempt ({@code cur}) and of the accepted one ({@code best}). */
    private static final class Tally {
        final int[] cur;
        final int[] best;

        Tally(int size) {
            cur = new int[size];
            best = new int[size];
        }
    }

    /**
     * Backtracking matcher. Returns the number of characters consumed by the elements (not by {@code T}),
     * or -1. Quantifiers try the longest run first, so the first success consumes the most.
     */
    private int matchFrom(int elementIndex, int pos, String number, Tally tally) {
        if (elementIndex == elements.size()) {
            if (anchoredEnd && pos != number.length()) {
                return -1;
            }
            System.arraycopy(tally.cur, 0, tally.best, 0, tally.cur.length);
            return pos;
        }
        Element e = elements.get(elementIndex);
        int min = switch (e.quantifier()) {
            case ONE, ONE_OR_MORE -> 1;
            case OPTIONAL, ZERO_OR_MORE -> 0;
        };
        int max = switch (e.quantifier()) {
            case ONE, OPTIONAL -> 1;
            case ZERO_OR_MORE, ONE_OR_MORE -> Integer.MAX_VALUE;
        };
        int run = 0;
        while (run < max && pos + run < number.length() && e.accepts(number.charAt(pos + run))) {
            run++;
        }
        for (int take = run; take >= min; take--) {
            tally.cur[elementIndex] = take;
            int end = matchFrom(elementIndex + 1, pos + take, number, tally);
            if (end >= 0) {
                return end;
            }
        }
        tally.cur[elementIndex] = 0;
        return -1;
    }

    /**
     * The digits of {@code number} beyond those the pattern itself matches (the {@code forward-digits extra}
     * digits): empty for a {@code T} pattern, whose {@code T} takes them.
     *
     * @throws IllegalArgumentException if the number does not match
     */
    public String extraDigits(String number) {
        return require(number).extraDigits();
    }

    /**
     * {@code number} without its leading explicitly matched digits (the IOS default {@code digit-strip}).
     *
     * @throws IllegalArgumentException if the number does not match
     */
    public String stripExplicitPrefix(String number) {
        return require(number).afterExplicitPrefix();
    }

    private Match require(String number) {
        return match(number).orElseThrow(() ->
                new IllegalArgumentException("'" + number + "' does not match dial pattern '" + text + "'"));
    }

    /**
     * How a number matched a pattern.
     *
     * @param pattern              the pattern
     * @param number               the number matched
     * @param consumed             characters of the number matched by the pattern's elements (not by
     *                             {@code T}); the rest are extra digits, or digits {@code T} absorbed
     * @param explicitPrefixLength characters matched by the leading run of plain literals: what the
     *                             default {@code digit-strip} removes
     * @param explicitCount        characters matched by literals anywhere in the pattern
     * @param rangeCount           characters matched by {@code [...]} ranges
     * @param wildcardCount        characters matched by {@code .}
     */
    public record Match(DialPattern pattern, String number, int consumed, int explicitPrefixLength,
                        int explicitCount, int rangeCount, int wildcardCount) {

        /** The pattern ends with {@code T}. */
        public boolean variableLength() {
            return pattern.variableLength();
        }

        /** The explicitly matched leading characters. */
        public String explicitPrefix() {
            return number.substring(0, explicitPrefixLength);
        }

        /** The number without its explicitly matched leading characters. */
        public String afterExplicitPrefix() {
            return number.substring(explicitPrefixLength);
        }

        /** Digits beyond the pattern's own elements; empty for a {@code T} pattern (T takes them). */
        public String extraDigits() {
            return pattern.variableLength() ? "" : number.substring(consumed);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DialPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
