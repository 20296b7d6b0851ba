package org.t37gw.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    enum Kind { POTS, MMOIP_LEG }

    @Test
    void writesValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001\u2028");
        m.put("i", 42);
        m.put("d", 1.5);
        m.put("whole", 3.0);
        m.put("nan", Double.NaN);
        m.put("b", true);
        m.put("n", null);
        m.put("list", List.of(1, "x"));
        m.put("arr", new Object[] {Kind.MMOIP_LEG});
        m.put("t", Instant.parse("2026-11-28T12:00:00Z"));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u2028\",\"i\":42,\"d\":1.5,\"whole\":3,\"nan\":null,"
                + "\"b\":true,\"n\":null,\"list\":[1,\"x\"],\"arr\":[\"mmoip-leg\"],\"t\":\"2026-11-28T12:00:00Z\"}",
                Json.write(m));
    }

    @Test
    void unpairedSurrogatesAreEscapedPairsKept() {
        assertEquals("\"\\ud800x\"", Json.write("\ud800x"));
        assertEquals("\"\\udc00\"", Json.write("\udc00"));
        assertEquals("\"\ud83d\ude00\"", Json.write("\ud83d\ude00"));
        assertEquals("[]", Json.write(Arrays.asList()));
    }
}
