package org.t37gw.offramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.t37gw.ccapi.CallEvent.FaxFailure;
import org.t37gw.config.RetryPolicy;
import org.t37gw.spool.ResultCode;

/** How a failed fax session becomes a retry decision: by its kind of failure, by its words only when unknown. */
class OutcomeTest {

    @Test
    void theKindOfFailureDecidesNotTheWordsOfTheDiagnostic() {
        // words that would read as training trouble, from a session that broke off: dropped
        Outcome o = Outcome.faxFailed("DCN_WHILE_TX; no CFR after DCS", FaxFailure.DROPPED, null, 0);
        assertEquals(ResultCode.T30_FAILURE, o.code());
        assertEquals(RetryPolicy.Cause.DROPPED, o.cause());
        // the same words with no kind given: the keyword reading (training)
        assertEquals(RetryPolicy.Cause.TRAINING,
                Outcome.faxFailed("DCN_WHILE_TX; no CFR after DCS", FaxFailure.UNKNOWN, null, 0).cause());

        Outcome train = Outcome.faxFailed("CANNOT_TRAIN", FaxFailure.TRAINING, null, 0);
        assertEquals(RetryPolicy.Cause.TRAINING, train.cause());
        Outcome noFax = Outcome.faxFailed("T1_EXPIRED", FaxFailure.NO_FAX_ANSWER, null, 0);
        assertEquals(ResultCode.NO_ANSWER, noFax.code());
        assertEquals(RetryPolicy.Cause.NO_ANSWER, noFax.cause());
        // after pages went through, any failure is a dropped call that resumes from the next page
        Outcome late = Outcome.faxFailed("T1_EXPIRED", FaxFailure.NO_FAX_ANSWER, null, 2);
        assertEquals(ResultCode.PARTIAL, late.code());
        assertEquals(RetryPolicy.Cause.DROPPED, late.cause());

        Outcome incompatible = Outcome.faxFailed("NOSIZESUPPORT", FaxFailure.INCOMPATIBLE, null, 0);
        assertEquals(ResultCode.REMOTE_REJECTED, incompatible.code());
        assertNull(incompatible.cause(), "permanent: no retry");

        Outcome local = Outcome.faxFailed("PAGE_SOURCE_ERROR; disk", FaxFailure.LOCAL, null, 0);
        assertEquals(ResultCode.LOCAL_RESOURCES, local.code());
        assertEquals("X-T30; PAGE_SOURCE_ERROR; disk", local.diagnostic());
    }
}
