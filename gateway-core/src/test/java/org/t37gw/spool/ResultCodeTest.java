package org.t37gw.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultCodeTest {

    @Test
    void rangesDecideTransientOrPermanent() {
        for (int c = 0; c <= 999; c++) {
            ResultCode rc = ResultCode.valueOf(c);
            assertEquals(c, rc.code());
            boolean transientRange = c >= 100 && c <= 499;
            assertEquals(transientRange, rc.isTransient(), "code " + c);
            assertEquals(c != 0 && !transientRange, rc.isPermanent(), "code " + c);
        }
        assertTrue(ResultCode.BUSY.isTransient());
        assertTrue(ResultCode.INTERRUPTED.isTransient());
        assertTrue(ResultCode.SMTP_TEMPORARY.isTransient());
        assertTrue(ResultCode.INVALID_NUMBER.isPermanent());
        assertTrue(ResultCode.SMTP_PERMANENT.isPermanent());
        assertTrue(ResultCode.RETRIES_EXHAUSTED.isPermanent());
        assertTrue(ResultCode.OK.isSuccess());
        assertFalse(ResultCode.OK.isPermanent());
    }

    @Test
    void unknownCodesAreRepresentableKnownOnesAreTheConstants() {
        assertSame(ResultCode.BUSY, ResultCode.valueOf(101));
        ResultCode odd = ResultCode.valueOf(177);
        assertEquals("CODE_177", odd.name());
        assertFalse(odd.isKnown());
        assertTrue(ResultCode.BUSY.isKnown());
        assertEquals(odd, ResultCode.valueOf(177));
        assertEquals("101 BUSY", ResultCode.BUSY.toString());
        assertThrows(IllegalArgumentException.class, () -> ResultCode.valueOf(1000));
        assertThrows(IllegalArgumentException.class, () -> ResultCode.valueOf(-1));
    }

    @Test
    void namedCodesAreUniqueAndInTheirDocumentedRange() {
        ResultCode.known().forEach((code, rc) -> {
            assertEquals(code.intValue(), rc.code());
            if (rc.name().startsWith("SMTP_TEMP") || rc.name().equals("MTA_UNREACHABLE")) {
                assertTrue(code >= 200 && code <= 299, rc.toString());
            }
        });
        assertEquals(ResultCode.known().size(),
                ResultCode.known().values().stream().map(ResultCode::name).distinct().count());
    }
}
