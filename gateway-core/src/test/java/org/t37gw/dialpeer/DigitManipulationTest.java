package org.t37gw.dialpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Digits a POTS peer dials out. The last column names the IOS documentation the row checks:
 * <ul>
 *   <li>[CVOICE-7-1] Cisco CVOICE guide, Example 7-1 "digit stripping default": {@code 555....}, 5550124 dialed,
 *       0124 sent; Example 7-2: with {@code no digit-strip} all seven digits are sent.</li>
 *   <li>[CVOICE-7-3] ibid. Figure 7-3: {@code 1...}, 1234 dialed, 234 sent; {@code forward-digits 4} sends
 *       1234 (right-justified count).</li>
 *   <li>[DPCG-DM] Cisco Dial Peer Configuration Guide, "Digit Manipulation" examples: {@code prefix 555} in
 *       front of the four wildcard digits; {@code forward-digits 7}.</li>
 *   <li>[CR-FD] Cisco IOS Voice Command Reference {@code forward-digits} and CISCO-DIAL-CONTROL-MIB: N
 *       right-justified digits (the whole number if N is larger), {@code all}, {@code extra} = digits beyond
 *       the pattern's length, none for a {@code T} pattern.</li>
 *   <li>[CR-DS] Cisco IOS Voice Command Reference {@code digit-strip}: POTS peers strip the left-justified
 *       digits that explicitly match; digits matched by wildcards or right of a wildcard are kept.</li>
 *   <li>[TN211306-DM] Cisco 211306 "Digit Manipulation": VoIP/MMoIP peers forward all digits; digit-strip,
 *       forward-digits and prefix are POTS commands.</li>
 * </ul>
 */
class DigitManipulationTest {

    private static final int DEF = DialPeer.FORWARD_DEFAULT;
    private static final int ALL = DialPeer.FORWARD_ALL;
    private static final int EXTRA = DialPeer.FORWARD_EXTRA;

    @ParameterizedTest(name = "[{index}] {0} strip={1} fwd={2} prefix={3} {4} -> {5} ({6})")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            555....   | true  | -3 |      | 5550124     | 0124        | CVOICE-7-1: explicit 555 stripped
            555....   | false | -3 |      | 5550124     | 5550124     | CVOICE-7-1: no digit-strip keeps them
            1...      | true  | -3 |      | 1234        | 234         | CVOICE-7-3: default sends 234
            1...      | true  | 4  |      | 1234        | 1234        | CVOICE-7-3: forward-digits 4
            555....   | true  | -3 | 555  | 5550124     | 5550124     | DPCG-DM: prefix 555 + wildcard digits
            555....   | true  | 7  |      | 5550124     | 5550124     | DPCG-DM: forward-digits 7
            555....   | true  | 2  |      | 5550124     | 24          | CR-FD: right-justified count
            555....   | true  | 12 |      | 5550124     | 5550124     | CR-FD: more than the number = whole number
            555....   | true  | -1 |      | 5550124     | 5550124     | CR-FD: forward-digits all
            555....   | true  | -2 |      | 55501249876 | 9876        | CR-FD: extra = digits beyond the pattern
            555....   | true  | -2 |      | 5550124     |             | CR-FD: no extra digits, nothing
            9T        | true  | -2 |      | 95551234    |             | CR-FD: T pattern, extra digits not forwarded
            9T        | true  | -3 |      | 95551234    | 5551234     | CR-DS: access code 9 stripped
            9T        | true  | -3 | 1    | 95551234    | 15551234    | DPCG-DM: prefix after strip
            9T        | false | -3 | 00   | 95551234    | 0095551234  | DPCG-DM: prefix in front of the whole number
            91[2-9].. | true  | -3 |      | 91555       | 555         | CR-DS: stripping stops at the first wildcard
            5.5..     | true  | -3 |      | 51500       | 1500        | CR-DS: digits right of a wildcard are kept
            .T        | true  | -3 |      | 123         | 123         | CR-DS: nothing explicit, nothing stripped
            +1408T    | true  | -3 |      | +14085551234| 5551234     | CR-DS: explicit +1408 stripped
            5551234   | true  | -3 |      | 5551234     |             | CR-DS: all explicit, all stripped
            5551234   | true  | -3 | 9    | 5551234     | 9           | DPCG-DM: prefix alone is dialed
            555....   | true  | 0  | 9    | 5550124     | 9           | CR-FD: forward-digits 0, no digits
            """)
    void pots(String pattern, boolean strip, int forward, String prefix, String dialed, String expected,
              String source) {
        DialPeer peer = TestPeer.pots(1).dest(pattern).digitStrip(strip).forward(forward)
                .prefix(prefix == null ? "" : prefix).build();
        assertEquals(expected == null ? "" : expected, DigitManipulation.dialString(peer, dialed), source);
    }

    @Test
    void mmoipPeersPassAllDigits() {
        // TN211306-DM: digit manipulation is for POTS peers; network peers get every digit
        DialPeer peer = TestPeer.mmoip(2).dest("555....").prefix("9").forward(2).build();
        assertEquals("5550124", DigitManipulation.dialString(peer, "5550124"));
    }

    @Test
    void refusesNumbersThatDoNotMatch() {
        DialPeer peer = TestPeer.pots(3).dest("555....").build();
        assertThrows(IllegalArgumentException.class, () -> DigitManipulation.dialString(peer, "4440124"));
        DialPeer noPattern = TestPeer.pots(4).build();
        assertThrows(IllegalArgumentException.class, () -> DigitManipulation.dialString(noPattern, "1"));
    }

    @Test
    void defaultsMatchTheConstantsUsed() {
        assertEquals(-3, DEF);
        assertEquals(-1, ALL);
        assertEquals(-2, EXTRA);
    }
}
