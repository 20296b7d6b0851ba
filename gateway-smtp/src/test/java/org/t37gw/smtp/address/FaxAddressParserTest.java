package org.t37gw.smtp.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaxAddressParserTest {

    private static FaxAddress valid(String s) {
        return assertInstanceOf(FaxAddressParse.Valid.class, FaxAddressParser.parse(s), s).address();
    }

    private static AddressError error(String s) {
        return assertInstanceOf(FaxAddressParse.Invalid.class, FaxAddressParser.parse(s), s).error();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FAX=+1-555-0100@gw            | +15550100",
            "fax=+1.555.0100@gw            | +15550100",
            "Fax=9-555-8354@gw             | 95558354",
            "FAX=5550100@gw.example.com    | 5550100",
            "/FAX=+44-20-7946-0000/@gw     | +442079460000",
            "\"FAX=+1 555 0100\"@gw        | +15550100",
    })
    void numbers(String address, String number) {
        FaxAddress a = valid(address.strip());
        assertEquals(number, a.number());
        assertNull(a.subaddress());
        assertEquals(Optional.empty(), a.cover());
    }

    @Test
    void subaddressAndQualifiers() {
        FaxAddress a = valid("FAX=+1-312-555-3260/T33S=6174/cover=no/X-Foo=bar@fax.com");
        assertEquals("+13125553260", a.number());
        assertEquals("6174", a.subaddress());
        assertEquals(Optional.of(false), a.cover());
        assertEquals(Map.of("cover", "no", "x-foo", "bar"), a.parameters());
        assertEquals("FAX=+1-312-555-3260/T33S=6174/cover=no/X-Foo=bar", a.localPart());
        assertEquals("fax.com", a.domain());
        assertEquals(Optional.of(true), valid("FAX=5550100/COVER=YES@gw").cover());
        assertEquals("12", valid("FAX=5550100/t33s=1-2@gw").subaddress());
    }

    @Test
    void quotedLocalPartKeptAsReceived() {
        FaxAddress a = valid("\"FAX=+1 555 0100\"@gw");
        assertEquals("\"FAX=+1 555 0100\"", a.localPart());
        assertEquals("\"FAX=+1 555 0100\"@gw", a.address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster@gw", "john.doe@gw", "\"john\"@gw", "VXML=123@gw", "FAXX=123@gw", "TEL=+1555@gw"})
    void notFax(String s) {
        assertEquals(AddressError.NOT_FAX, error(s));
        assertEquals(550, AddressError.NOT_FAX.replyCode());
        assertEquals("5.1.1", AddressError.NOT_FAX.enhancedStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FAX=@gw", "FAX=+@gw", "FAX=555-01a0@gw", "FAX=1+555@gw", "FAX=555 0100@gw",
            "FAX=5550100/T33S=@gw", "FAX=5550100/T33S=12/T33S=13@gw", "FAX=5550100/T33S=1a@gw",
            "FAX=5550100/cover=maybe@gw", "FAX=5550100/novalue@gw", "FAX=5550100//@gw", "FAX=5550100",
            "FAX=5550100@", "FAX=5550100@bad_domain", "\"FAX=5550100@gw", "FAX=5550100\u0000@gw",
            "FAX=1234567890123456789012345678901@gw", "FAX=5550100/a=1/b=2/c=3/d=4/e=5/f=6/g=7/h=8/i=9@gw"})
    void badSyntax(String s) {
        assertEquals(AddressError.BAD_SYNTAX, error(s));
        assertEquals(553, AddressError.BAD_SYNTAX.replyCode());
        assertEquals("5.1.3", AddressError.BAD_SYNTAX.enhancedStatus());
    }

    @Test
    void addressLiteralDomain() {
        assertEquals("[192.0.2.1]", valid("FAX=5550100@[192.0.2.1]").domain());
    }

    @Test
    void seededJunkNeverThrows() {
        Random rnd = new Random(37);
        String alphabet = "FAXfax=+-./@\"\\ 0123456789T3S;:<>\u0000\r\nabc";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "FAX=" : "");
            int n = rnd.nextInt(40);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            FaxAddressParse p = FaxAddressParser.parse(sb.toString());
            if (p instanceof FaxAddressParse.Valid v) {
                assertTrue(v.address().number().matches("\\+?[0-9]{1,30}"), sb.toString());
            }
        }
    }
}
