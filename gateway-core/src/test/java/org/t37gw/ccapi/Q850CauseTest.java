package org.t37gw.ccapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Q.850 cause values (ITU-T Q.850 Table 1) and classes (§2.2.5). */
class Q850CauseTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1   | unallocated (unassigned) number | NORMAL_EVENT
            16  | normal call clearing            | NORMAL_EVENT
            17  | user busy                       | NORMAL_EVENT
            18  | no user responding              | NORMAL_EVENT
            19  | no answer from user (user alerted) | NORMAL_EVENT
            21  | call rejected                   | NORMAL_EVENT
            31  | normal, unspecified             | NORMAL_EVENT
            34  | no circuit/channel available    | RESOURCE_UNAVAILABLE
            41  | temporary failure               | RESOURCE_UNAVAILABLE
            47  | resource unavailable, unspecified | RESOURCE_UNAVAILABLE
            63  | service or option not available, unspecified | SERVICE_NOT_AVAILABLE
            79  | service or option not implemented, unspecified | SERVICE_NOT_IMPLEMENTED
            88  | incompatible destination        | INVALID_MESSAGE
            102 | recovery on timer expiry        | PROTOCOL_ERROR
            127 | interworking, unspecified       | INTERWORKING
            """)
    void knownCauses(int code, String text, Q850Cause.CauseClass cls) {
        Q850Cause c = Q850Cause.valueOf(code);
        assertTrue(c.isKnown());
        assertEquals(code, c.code());
        assertEquals(text, c.text());
        assertEquals(cls, c.causeClass());
        assertSame(c, Q850Cause.known().get(code));
    }

    @Test
    void constantsCarryTheirNumbers() {
        assertEquals(16, Q850Cause.NORMAL_CLEARING.code());
        assertEquals(17, Q850Cause.USER_BUSY.code());
        assertEquals(19, Q850Cause.NO_ANSWER.code());
        assertEquals(102, Q850Cause.RECOVERY_ON_TIMER_EXPIRY.code());
        assertSame(Q850Cause.USER_BUSY, Q850Cause.valueOf(17));
        assertEquals("17 (user busy)", Q850Cause.USER_BUSY.toString());
    }

    @Test
    void unknownValuesAreKeptNotRefused() {
        Q850Cause c = Q850Cause.valueOf(99);
        assertFalse(c.isKnown());
        assertEquals(99, c.code());
        assertEquals("cause 99", c.text());
        assertEquals(Q850Cause.CauseClass.PROTOCOL_ERROR, c.causeClass());
        assertEquals(Q850Cause.valueOf(99), c);
        assertEquals(c.hashCode(), Q850Cause.valueOf(99).hashCode());
        assertNotEquals(Q850Cause.valueOf(98), c);
        assertEquals(0, Q850Cause.valueOf(0).code());
    }

    @Test
    void outOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Q850Cause.valueOf(128));
        assertThrows(IllegalArgumentException.class, () -> Q850Cause.valueOf(-1));
    }

    @Test
    void normalClearing() {
        assertTrue(Q850Cause.NORMAL_CLEARING.isNormalClearing());
        assertTrue(Q850Cause.NORMAL_UNSPECIFIED.isNormalClearing());
        assertFalse(Q850Cause.USER_BUSY.isNormalClearing());
        assertTrue(Q850Cause.USER_BUSY.compareTo(Q850Cause.NORMAL_CLEARING) > 0);
    }
}
