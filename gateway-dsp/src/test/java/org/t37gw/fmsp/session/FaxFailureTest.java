package org.t37gw.fmsp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.t37gw.ccapi.CallEvent.FaxFailure;
import org.t37gw.fmsp.t30.T30Result;

/** Every T.30 result reaches the applications as a kind of failure they decide retries by. */
class FaxFailureTest {

    @Test
    void everyResultHasAKindAndPermanentOnesAreIncompatibleOrLocal() {
        for (T30Result r : T30Result.values()) {
            FaxFailure f = PortFmsp.failureOf(r);
            assertNotEquals(FaxFailure.UNKNOWN, f, r.name());
            assertEquals(r.isSuccess(), f == FaxFailure.NONE, r.name());
            if (r.kind() == T30Result.Kind.PERMANENT) {
                assertEquals(true, f == FaxFailure.INCOMPATIBLE || f == FaxFailure.LOCAL, r.name());
            }
        }
        assertEquals(FaxFailure.NO_FAX_ANSWER, PortFmsp.failureOf(T30Result.T1_EXPIRED));
        assertEquals(FaxFailure.TRAINING, PortFmsp.failureOf(T30Result.CANNOT_TRAIN));
        assertEquals(FaxFailure.DROPPED, PortFmsp.failureOf(T30Result.DCN_WHILE_TX));
    }
}
