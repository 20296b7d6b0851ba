package org.t37gw.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "::", "::1", "[::1]", "2001:db8::25", "fe80::1:2:3:4",
        "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "localhost", "mail.example.com", "a-b.c0", "x"})
    void goodHosts(String h) {
        assertEquals(h, Checks.host(h));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "[::1",
        "-a.example", "a-.example", "a..b", "under_score.example", "", "g::1"})
    void badHosts(String h) {
        assertThrows(IllegalArgumentException.class, () -> Checks.host(h));
    }

    @Test
    void ipv6Bytes() {
        byte[] b = Checks.ipAddress("2001:db8::1");
        assertEquals(16, b.length);
        assertEquals(0x20, b[0]);
        assertEquals(0x01, b[15]);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1},
                Checks.ipAddress("::ffff:192.0.2.1"));
    }

    @Test
    void cidrs() throws Exception {
        Cidr c = Cidr.parse("192.0.2.77/24");
        assertEquals("192.0.2.0/24", c.toString());
        assertTrue(c.contains(InetAddress.getByName("192.0.2.200")));
        assertFalse(c.contains(InetAddress.getByName("192.0.3.1")));
        assertFalse(c.contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.hasHostBits("192.0.2.77/24"));
        assertFalse(Cidr.hasHostBits("192.0.2.0/24"));
        assertEquals("2001:db8:0:0:0:0:0:0/32", Cidr.parse("2001:db8:ffff::/32").toString());
        assertEquals(32, Cidr.parse("10.1.2.3").prefixLength());
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
    }

    @Test
    void emailsAndTargets() {
        assertEquals("a.b+c@example.com", Checks.email("a.b+c@example.com"));
        assertEquals("postmaster@[192.0.2.1]", Checks.email("postmaster@[192.0.2.1]"));
        for (String bad : List.of("a", "@example.com", "a@", "a..b@example.com", "a b@example.com", "a@-x")) {
            assertThrows(IllegalArgumentException.class, () -> Checks.email(bad), bad);
        }
        assertEquals("mailto:fax-$d$@example.com", Checks.mailto("MAILTO:fax-$d$@example.com"));
        assertEquals("mailto:$e$", Checks.mailto("mailto:$e$"));
        assertThrows(IllegalArgumentException.class, () -> Checks.mailto("mailto:@example.com"));
        assertThrows(IllegalArgumentException.class, () -> Checks.mailto("mailto:a<b@example.com"));
        assertEquals("$s$", Checks.username("$s$"));
        assertThrows(IllegalArgumentException.class, () -> Checks.username("$d$"));
    }

    @Test
    void hostPorts() {
        assertEquals(new HostPort("[2001:db8::1]", 4000), Checks.hostPort("[2001:db8::1]:4000"));
        assertEquals("2001:db8::1", Checks.hostPort("[2001:db8::1]:4000").bareHost());
        assertThrows(IllegalArgumentException.class, () -> Checks.hostPort("2001:db8::1:4000"));
        assertThrows(IllegalArgumentException.class, () -> Checks.hostPort("host"));
        assertThrows(IllegalArgumentException.class, () -> Checks.hostPort("host:0"));
    }

    @Test
    void suggestions() {
        List<String> words = List.of("subject", "server", "postmaster", "with-subject");
        assertEquals("subject", Suggest.closest("subjcet", words));
        assertEquals("server", Suggest.closest("serer", words));
        assertEquals("postmaster", Suggest.closest("post", words));
        assertNull(Suggest.closest("s", words));
        assertNull(Suggest.closest("banana", words));
        assertNull(Suggest.closest("1", List.of("0", "2")));
        assertEquals(1, Suggest.distance("ab", "ba"));
        assertEquals(3, Suggest.distance("kitten", "sitting"));
    }
}
