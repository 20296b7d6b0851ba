package org.t37gw.dialpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pattern syntax and en-bloc matching. The last column of each table names the IOS documentation the
 * row checks:
 * <ul>
 *   <li>[CR-DP] Cisco IOS Voice Command Reference, {@code destination-pattern}: {@code .} any digit,
 *       {@code [ ]} ranges, {@code T} variable length, {@code +} first = E.164 sign, {@code +} after an
 *       element = one or more, {@code ?} zero or one, {@code %} zero or more, {@code $} end of string.</li>
 *   <li>[DPCG] Cisco Dial Peer Configuration Guide, "Destination Patterns", the table for dialed digits
 *       5550124 against {@code 5......}, {@code 555....}, {@code 555}, {@code 555T}.</li>
 *   <li>[TN14074] Cisco tech note 14074: {@code incoming called-number .} matches any called number.</li>
 *   <li>[TN211306] Cisco document 211306, "Dial-Peer Wildcards" and longest-match scenario (2001 against
 *       {@code 2...} and {@code 200.}).</li>
 * </ul>
 */
class DialPatternTest {

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            5......    | 5550124      | true  | DPCG: 5 then six wildcard digits
            555....    | 5550124      | true  | DPCG: 555 then four wildcard digits
            555        | 5550124      | true  | DPCG: 555 matches after three digits; the rest follow
            555T       | 5550124      | true  | DPCG: variable length, at least 555
            555....    | 555012       | false | DPCG: all seven digits must be entered
            555....    | 5560124      | false | CR-DP: explicit digits must be equal
            .          | 5550100      | true  | TN14074: incoming called-number . matches any number
            .T         | 12           | true  | CR-DP: . then T, any number of at least one digit
            .T         |              | false | CR-DP: . needs one digit
            T          | 42           | true  | CR-DP: T alone, any digits
            9T         | 9            | true  | CR-DP: T covers zero further digits
            9T         | 8123         | false | CR-DP: explicit 9 first
            555[3-9]4[0-9]9 | 5553409 | true  | CR-DP: range example 5553409..5559499
            555[3-9]4[0-9]9 | 5552409 | false | CR-DP: 2 is outside [3-9]
            555[13579]439 | 5557439   | true  | CR-DP: list example 5551439, ..., 5559439
            555[13579]439 | 5554439   | false | CR-DP: 4 not in the list
            55[^4-6]1  | 5571         | true  | CR-DP: [^ ] excludes the range
            55[^4-6]1  | 5551         | false | CR-DP: 5 is excluded by [^4-6]
            +1408T     | +14085551234 | true  | CR-DP: leading + is the E.164 sign, matched literally
            +1408T     | 14085551234  | false | CR-DP: an E.164 pattern needs the + in the number
            1408T      | +14085551234 | false | CR-DP: without the leading + the pattern does not match +E.164
            .T         | +14085551234 | false | CR-DP: . is a digit, not the + sign
            85+        | 8555         | true  | CR-DP: + after a digit, that digit one or more times
            85+        | 8            | false | CR-DP: + needs at least one 5
            74%        | 7            | true  | CR-DP: % zero or more times
            74%1       | 744441       | true  | CR-DP: % then more digits
            84?5       | 845          | true  | CR-DP: ? zero or one time
            84?5       | 85           | true  | CR-DP: ? zero times
            84?5       | 8445         | false | CR-DP: ? at most once
            *7.        | *71          | true  | CR-DP: * is a touch-tone key, matched as a literal
            .          | #            | false | CR-DP: . matches digits, not * or #
            555....$   | 5550124      | true  | CR-DP: $ end of string
            555....$   | 55501245     | false | CR-DP: $ forbids extra digits
            ^555       | 5551         | true  | CR-DP: ^ start of string (always implied)
            """)
    void matches(String pattern, String number, boolean expected, String source) {
        assertEquals(expected, DialPattern.parse(pattern).matches(number == null ? "" : number), source);
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            555[1-3     | unclosed '['
            55]5        | ']' without '['
            5T5         | 'T' must be the last character
            5$5         | '$' must be the last character
            T$          | 'T' must be the last character
            55 5        | position 3: invalid character
            5a5         | invalid character 'a'
            9t          | upper-case 'T'
            []5         | empty digit range
            [5-2]       | backwards
            [1-]        | no upper bound
            [a]         | only digits 0-9
            [^0-9]      | excludes every digit
            ?5          | no digit or wildcard before it
            +?1         | no digit or wildcard before it
            5%?         | follows another repeat operator
            (61)+       | parenthesised groups
            5^5         | only as the first character
            ^           | no digits or wildcards
            """)
    void rejectsMalformed(String pattern, String expectedMessagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DialPattern.parse(pattern));
        assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
        assertTrue(e.getMessage().contains("'" + pattern + "'"), "message names the pattern: " + e.getMessage());
    }

    @Test
    void rejectsEmptyAndNull() {
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse(null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            555....     | 3
            5551234     | 7
            .T          | 0
            9T          | 1
            +1408T      | 5
            555[0-9]... | 3
            85+         | 2
            74%         | 1
            """)
    void explicitDigits(String pattern, int expected) {
        assertEquals(expected, DialPattern.parse(pattern).explicitDigits());
    }

    @Test
    void longestMatchOrdersTheDocumentedExample() {
        // TN211306 / dial-peer hunt: for 2001, "200." is a longer match than "2...".
        // The same rule ranks 5683848 > 56838.. > 568... > 568T for 5683848 (fixed before T).
        List<String> ranked = List.of("568T", "568...", "5683848", "56838..").stream()
                .map(DialPattern::parse)
                .map(p -> p.match("5683848").orElseThrow())
                .sorted(DialPattern.MOST_SPECIFIC_FIRST)
                .map(m -> m.pattern().text())
                .toList();
        assertEquals(List.of("5683848", "56838..", "568...", "568T"), ranked);
        DialPattern.Match wide = DialPattern.parse("2...").match("2001").orElseThrow();
        DialPattern.Match narrow = DialPattern.parse("200.").match("2001").orElseThrow();
        assertTrue(DialPattern.MOST_SPECIFIC_FIRST.compare(narrow, wide) < 0);
    }

    @Test
    void matchReportsItsParts() {
        DialPattern.Match m = DialPattern.parse("555....").match("55501249").orElseThrow();
        assertEquals("555", m.explicitPrefix());
        assertEquals("01249", m.afterExplicitPrefix());
        assertEquals("9", m.extraDigits());
        assertEquals(7, m.consumed());
        assertEquals(4, m.wildcardCount());
        DialPattern.Match t = DialPattern.parse("9T").match("95551234").orElseThrow();
        assertEquals("", t.extraDigits(), "T takes the further digits");
        assertEquals("5551234", t.afterExplicitPrefix());
        DialPattern.Match plus = DialPattern.parse("+1408T").match("+14085551234").orElseThrow();
        assertEquals("+1408", plus.explicitPrefix());
        assertThrows(IllegalArgumentException.class, () -> DialPattern.parse("555").extraDigits("444"));
    }

    @Test
    void greedyRepeatStillLetsTheRestMatch() {
        // backtracking: 5% must leave the last 5 for the literal that follows
        DialPattern p = DialPattern.parse("85%5");
        assertTrue(p.matches("855"));
        assertTrue(p.matches("85"));
        assertFalse(p.matches("8"));
        assertEquals(4, p.match("8555").orElseThrow().consumed());
    }

    @Test
    void equalityIsByText() {
        assertEquals(DialPattern.parse("555...."), DialPattern.parse("555...."));
        assertEquals(DialPattern.parse("555....").hashCode(), DialPattern.parse("555....").hashCode());
        assertNotEquals(DialPattern.parse("555...."), DialPattern.parse("555T"));
        assertEquals("555T", DialPattern.parse("555T").text());
        assertEquals("555T", DialPattern.parse("555T").toString());
    }

    @Test
    void seededJunkNeverThrowsAnythingButIllegalArgument() {
        Random r = new Random(37);
        String alphabet = "0123456789*#.T[]^-+?%$()ta ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(10);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            DialPattern p;
            try {
                p = DialPattern.parse(sb.toString());
            } catch (IllegalArgumentException expected) {
                continue;
            }
            StringBuilder num = new StringBuilder();
            for (int k = r.nextInt(12); k > 0; k--) {
                num.append("0123456789*#+".charAt(r.nextInt(13)));
            }
            p.match(num.toString()).ifPresent(m -> {
                assertTrue(m.consumed() <= m.number().length());
                assertTrue(m.explicitPrefixLength() <= m.consumed());
            });
        }
    }
}
