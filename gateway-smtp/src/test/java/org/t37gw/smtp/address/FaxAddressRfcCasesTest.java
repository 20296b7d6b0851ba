package org.t37gw.smtp.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5, proof 4: minimal fax addresses from the rules of RFC 3192 (which obsoletes RFC 2304) and the mail
 * rules around them, each case naming the rule or example it comes from. Together with
 * {@link FaxAddressParserTest} (34 distinct addresses) this makes 76 distinct cases; the
 * {@link #noCaseHereRepeatsOneThere()} check keeps them distinct.
 *
 * <pre>
 *   fax-email    = ["/"] fax-address ["/"] "@" mta-I-fax       (RFC 3192, from RFC 2304)
 *   fax-address  = fax-mbox [ qualif-type1 ]
 *   fax-mbox     = "FAX=" global-phone                         ; service-selector, case-insensitive
 *   global-phone = "+" 1*( DIGIT / written-sep )
 *   written-sep  = ( "-" / "." )                               ; MUST be removed before dialling
 *   qualif-type1 = "/T33S=" 1*DIGIT                            ; T.33 sub-address
 * </pre>
 */
class FaxAddressRfcCasesTest {

    /** Outcome: a number (and sub-address) or an error. */
    record Case(String address, String number, String subaddress, AddressError error, String rule) {
        static Case ok(String address, String number, String sub, String rule) {
            return new Case(address, number, sub, null, rule);
        }

        static Case bad(String address, AddressError e, String rule) {
            return new Case(address, null, null, e, rule);
        }

        @Override
        public String toString() {
            return address + "  [" + rule + "]";
        }
    }

    static final String DIGITS_30 = "123456789012345678901234567890";

    static List<Case> cases() {
        return List.of(
                // ---- valid: the minimal form and its optional parts
                Case.ok("FAX=+12027653000@fax.gateway.com", "+12027653000", null,
                        "RFC 3192 fax-mbox = \"FAX=\" global-phone, digits only"),
                Case.ok("/FAX=+12027653000/T33S=1495@fax.gateway.com", "+12027653000", "1495",
                        "RFC 3192 fax-email with both optional \"/\" and qualif-type1"),
                Case.ok("/FAX=+15550100@gw", "+15550100", null, "RFC 3192 fax-email: leading \"/\" only"),
                Case.ok("FAX=+15550100/@gw", "+15550100", null, "RFC 3192 fax-email: trailing \"/\" only"),
                Case.ok("FAX=+1.202.765.3000@gw", "+12027653000", null,
                        "RFC 3192 written-sep \".\" removed before dialling"),
                Case.ok("FAX=+1-202.765-3000@gw", "+12027653000", null,
                        "RFC 3192 written-sep: \"-\" and \".\" mixed"),
                Case.ok("FAX=+-1-555-0100-@gw", "+15550100", null,
                        "RFC 3192 global-phone = \"+\" 1*( DIGIT / written-sep ): a separator may come first or last"),
                Case.ok("fAx=+15550100@gw", "+15550100", null, "RFC 3192: the service-selector is case-insensitive"),
                Case.ok("FAX=+15550100/T33S=0@gw", "+15550100", "0", "RFC 3192 qualif-type1 = \"/T33S=\" 1*DIGIT: one digit"),
                Case.ok("FAX=+15550100/T33S=00711@gw", "+15550100", "00711",
                        "RFC 3192 qualif-type1: leading zeros are sub-address digits, kept"),
                Case.ok("FAX=+15550100/t33s=42@gw", "+15550100", "42", "RFC 3192: qualifier keywords case-insensitive"),
                Case.ok("FAX=+" + DIGITS_30 + "@gw", "+" + DIGITS_30, null,
                        "RFC 3192 global-phone 1*DIGIT, bounded here at 30 digits (E.164 15 + access codes)"),
                Case.ok("FAX=+15550100@gw.example.com.", "+15550100", null,
                        "RFC 3192 mta-I-fax is a domain; RFC 1035 absolute form with the root dot"),
                Case.ok("FAX=+15550100@[IPv6:2001:db8::1]", "+15550100", null,
                        "RFC 5321 §4.1.3 address literal as mta-I-fax"),
                Case.ok("FAX=+15550100@FAX.Example.COM", "+15550100", null,
                        "RFC 5321 §2.4 domains are case-insensitive; the left-hand side is the off-ramp's"),
                Case.ok("\"FAX=\\+1555\\-0100\"@gw", "+15550100", null,
                        "RFC 5321 §4.1.2 quoted-string with quoted-pairSMTP: escapes removed, then RFC 3192"),
                Case.ok("FAX=+15550100/T33S=12/cover=yes@gw", "+15550100", "12",
                        "RFC 3192 allows registered qualifiers after qualif-type1; Cisco /cover="),
                Case.ok("FAX=+15550100/X-Fax-Priority=high@gw", "+15550100", null,
                        "RFC 3192: further KEY=value qualifiers (IANA-registered or private) are kept, not dialled"),
                Case.ok("FAX=0049-30-1234567@gw", "0049301234567", null,
                        "RFC 3191 local-phone (no \"+\"), as Cisco off-ramps are addressed"),
                Case.ok(pad("FAX=+15550100/x-pad=", 64) + "@gw", "+15550100", null,
                        "RFC 5321 §4.5.3.1.1: a local part of exactly 64 octets is allowed"),

                // ---- syntax errors: 553 5.1.3
                Case.bad("FAX=++15550100@gw", AddressError.BAD_SYNTAX, "RFC 3192 global-phone has one leading \"+\""),
                Case.bad("FAX=+1(202)7653000@gw", AddressError.BAD_SYNTAX,
                        "RFC 3192 written-sep is \"-\" or \".\" only: no parentheses"),
                Case.bad("FAX=+1_202_7653000@gw", AddressError.BAD_SYNTAX, "RFC 3192 written-sep: no underscore"),
                Case.bad("FAX=+1555/0100@gw", AddressError.BAD_SYNTAX,
                        "RFC 3192: \"/\" starts a qualifier, \"0100\" is not KEY=value"),
                Case.bad("FAX=+15550100/T33S=+12@gw", AddressError.BAD_SYNTAX, "RFC 3192 qualif-type1 is 1*DIGIT: no \"+\""),
                Case.bad("FAX=+15550100/T33S=12a@gw", AddressError.BAD_SYNTAX, "RFC 3192 qualif-type1 is 1*DIGIT: no letters"),
                Case.bad("FAX=+15550100/T33S@gw", AddressError.BAD_SYNTAX, "RFC 3192 qualif-type1 needs \"=\""),
                Case.bad("FAX=+15550100/=12@gw", AddressError.BAD_SYNTAX, "RFC 3192 qualifier: empty keyword"),
                Case.bad("//FAX=+15550100@gw", AddressError.NOT_FAX,
                        "RFC 3192 fax-email has at most one leading \"/\": \"/FAX=\" is no fax-mbox"),
                Case.bad("FAX=+-.@gw", AddressError.BAD_SYNTAX, "RFC 3192 global-phone: separators but no DIGIT"),
                Case.bad("FAX=+15550100@gw@relay", AddressError.BAD_SYNTAX,
                        "RFC 5321 §4.1.2: one \"@\" outside a quoted local part"),
                Case.bad("FAX=+15550100@-gw.example", AddressError.BAD_SYNTAX,
                        "RFC 5321 §4.1.2 Domain: a label does not start with \"-\""),
                Case.bad("FAX=+15550100@gw..example", AddressError.BAD_SYNTAX, "RFC 5321 §4.1.2 Domain: no empty label"),
                Case.bad("FAX=+15550100/T33S=1\u00e9@gw", AddressError.BAD_SYNTAX,
                        "RFC 5321: 8-bit octets in an address need SMTPUTF8 (RFC 6531), not offered"),
                Case.bad("FAX=\uff0b15550100@gw", AddressError.BAD_SYNTAX,
                        "RFC 3192 global-phone is ASCII: a FULLWIDTH PLUS SIGN is not \"+\""),
                Case.bad(pad("FAX=+15550100/x-pad=", 65) + "@gw", AddressError.BAD_SYNTAX,
                        "RFC 5321 §4.5.3.1.1: a local part of 65 octets is too long"),
                Case.bad("FAX=+15550100/cover=@gw", AddressError.BAD_SYNTAX, "RFC 3192 qualifier KEY=value: empty value"),

                // ---- not a fax address: 550 5.1.1
                Case.bad("FAX:+15550100@gw", AddressError.NOT_FAX, "RFC 3192 fax-mbox is \"FAX=\": a colon is not it"),
                Case.bad("FAX =+15550100@gw", AddressError.NOT_FAX, "RFC 3192 fax-mbox: no space inside \"FAX=\""),
                Case.bad("=+15550100@gw", AddressError.NOT_FAX, "RFC 3191 service-selector missing"),
                Case.bad("VOICE=+15550100@gw", AddressError.NOT_FAX,
                        "RFC 3191 service-selector other than FAX (RFC 3192 defines FAX only)"),
                Case.bad("+15550100@gw", AddressError.NOT_FAX,
                        "RFC 3192: a bare number is a mailbox, not a fax-mbox"));
    }

    /** {@code prefix} filled with "a" to {@code length} characters. */
    static String pad(String prefix, int length) {
        return prefix + "a".repeat(length - prefix.length());
    }

    static Stream<Case> all() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void parsesPerTheRule(Case c) {
        FaxAddressParse p = FaxAddressParser.parse(c.address());
        if (c.error() == null) {
            FaxAddress a = assertInstanceOf(FaxAddressParse.Valid.class, p, c.toString() + ": " + p).address();
            assertEquals(c.number(), a.number(), c.toString());
            assertEquals(c.subaddress(), a.subaddress(), c.toString());
        } else {
            FaxAddressParse.Invalid i = assertInstanceOf(FaxAddressParse.Invalid.class, p, c.toString() + ": " + p);
            assertEquals(c.error(), i.error(), c + ": " + i);
        }
    }

    @Test
    void qualifiersBeyondTheMinimumAreKept() {
        FaxAddress a = assertInstanceOf(FaxAddressParse.Valid.class,
                FaxAddressParser.parse("FAX=+15550100/X-Fax-Priority=high@gw")).address();
        assertEquals(Map.of("x-fax-priority", "high"), a.parameters());
    }

    /** The addresses of FaxAddressParserTest, to keep this table from repeating them. */
    static final Set<String> EXISTING = Set.of("FAX=+1-555-0100@gw", "fax=+1.555.0100@gw", "Fax=9-555-8354@gw",
            "FAX=5550100@gw.example.com", "/FAX=+44-20-7946-0000/@gw", "\"FAX=+1 555 0100\"@gw",
            "FAX=+1-312-555-3260/T33S=6174/cover=no/X-Foo=bar@fax.com", "FAX=5550100/COVER=YES@gw",
            "FAX=5550100/t33s=1-2@gw", "postmaster@gw", "john.doe@gw", "\"john\"@gw", "VXML=123@gw", "FAXX=123@gw",
            "TEL=+1555@gw", "FAX=@gw", "FAX=+@gw", "FAX=555-01a0@gw", "FAX=1+555@gw", "FAX=555 0100@gw",
            "FAX=5550100/T33S=@gw", "FAX=5550100/T33S=12/T33S=13@gw", "FAX=5550100/T33S=1a@gw",
            "FAX=5550100/cover=maybe@gw", "FAX=5550100/novalue@gw", "FAX=5550100//@gw", "FAX=5550100",
            "FAX=5550100@", "FAX=5550100@bad_domain", "\"FAX=5550100@gw", "FAX=5550100\u0000@gw",
            "FAX=1234567890123456789012345678901@gw", "FAX=5550100/a=1/b=2/c=3/d=4/e=5/f=6/g=7/h=8/i=9@gw",
            "FAX=5550100@[192.0.2.1]");

    @Test
    void noCaseHereRepeatsOneThere() {
        Set<String> seen = new HashSet<>(EXISTING);
        for (Case c : cases()) {
            assertTrue(seen.add(c.address()), "repeated: " + c.address());
        }
        assertTrue(seen.size() >= 50, "at least 50 distinct address cases: " + seen.size());
    }
}
