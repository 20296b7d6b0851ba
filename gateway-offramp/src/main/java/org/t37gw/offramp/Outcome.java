package org.t37gw.offramp;

import java.util.Locale;
import java.util.Objects;
import org.t37gw.ccapi.CallEvent;
import org.t37gw.ccapi.Q850Cause;
import org.t37gw.config.RetryPolicy;
import org.t37gw.spool.ResultCode;

/**
 * How one attempt ended, classified for the spool, the retry rules and the DSN.
 *
 * @param code       spool result code (transient codes may be retried)
 * @param cause      the {@code fax send retries} cause it counts against, or {@code null} for the general rule
 * @param statusTail RFC 3463 subject.detail, e.g. {@code 4.1}; the class digit comes from the DSN action
 * @param diagnostic the DSN Diagnostic-Code, {@code TYPE; text}, or {@code null}
 * @param reason     for the spool record and the logs
 */
record Outcome(ResultCode code, RetryPolicy.Cause cause, String statusTail, String diagnostic, String reason) {

    Outcome {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(statusTail, "statusTail");
        Objects.requireNonNull(reason, "reason");
    }

    static Outcome success(int pages) {
        return new Outcome(ResultCode.OK, null, "0.0", "X-T30; OK, " + pages + " pages sent", pages + " pages sent");
    }

    /** Q.850 causes after which IOS hunts on to the next dial-peer: the line, not the far end, failed. */
    static boolean huntOn(Q850Cause c) {
        return switch (c.code()) {
            case 34, 38, 41, 42, 44, 47 -> true;
            default -> false;
        };
    }

    /** The call ended before it was answered. */
    static Outcome notConnected(Q850Cause c) {
        String diag = "X-Q850; " + c.code() + " " + c.text();
        String why = "call not answered: cause " + c;
        return switch (c.code()) {
            case 17 -> new Outcome(ResultCode.BUSY, RetryPolicy.Cause.BUSY, "4.1", diag, "far end busy");
            case 16, 18, 19, 20, 31 -> new Outcome(ResultCode.NO_ANSWER, RetryPolicy.Cause.NO_ANSWER, "4.1", diag,
                    "no answer: cause " + c);
            case 1, 22, 28 -> new Outcome(ResultCode.INVALID_NUMBER, null, "1.1", diag, "invalid number: cause " + c);
            case 2, 3 -> new Outcome(ResultCode.NO_ROUTE, null, "4.4", diag, "no route: cause " + c);
            case 21 -> new Outcome(ResultCode.REMOTE_REJECTED, null, "7.1", diag, "call rejected: cause " + c);
            case 57, 58, 65, 88 -> new Outcome(ResultCode.NOT_A_FAX, null, "4.0", diag, "incompatible: cause " + c);
            case 34, 38, 41, 42, 44, 47 -> new Outcome(ResultCode.NO_LINE, null, "4.0", diag, "no line: cause " + c);
            default -> new Outcome(ResultCode.TRANSIENT_OTHER, null, "4.0", diag, why);
        };
    }

    /**
     * The fax session failed on a connected call.
     *
     * @param diagnostic the T.30 result text of {@code FaxCompleted}, or {@code null} when the call dropped
     *                   without one
     * @param pagesThisCall pages confirmed (MCF) during this call
     */
    static Outcome faxFailed(String diagnostic, Q850Cause disconnect, int pagesThisCall) {
        return faxFailed(diagnostic, CallEvent.FaxFailure.UNKNOWN, disconnect, pagesThisCall);
    }

    /**
     * As {@link #faxFailed(String, Q850Cause, int)}, decided by the session's failure kind; only a
     * provider that says {@link CallEvent.FaxFailure#UNKNOWN} (or nothing) is judged by the words of its
     * diagnostic.
     */
    static Outcome faxFailed(String diagnostic, CallEvent.FaxFailure failure, Q850Cause disconnect,
                             int pagesThisCall) {
        String text = diagnostic == null || diagnostic.isBlank()
                ? "call dropped" + (disconnect == null ? "" : ", cause " + disconnect) : diagnostic.strip();
        String diag = "X-T30; " + text.replaceAll("[\\r\\n]+", " ")
                + (pagesThisCall > 0 ? " (after " + pagesThisCall + " pages)" : "");
        Outcome dropped = new Outcome(pagesThisCall > 0 ? ResultCode.PARTIAL : ResultCode.T30_FAILURE,
                RetryPolicy.Cause.DROPPED, "4.0", diag, "dropped: " + text);
        if (failure != null && failure != CallEvent.FaxFailure.UNKNOWN && failure != CallEvent.FaxFailure.NONE) {
            return switch (failure) {
                case INCOMPATIBLE -> new Outcome(ResultCode.REMOTE_REJECTED, null, "4.0", diag, "incompatible: " + text);
                case NO_FAX_ANSWER -> pagesThisCall > 0 ? dropped
                        : new Outcome(ResultCode.NO_ANSWER, RetryPolicy.Cause.NO_ANSWER, "4.1", diag, "no fax answer: " + text);
                case TRAINING -> pagesThisCall > 0 ? dropped
                        : new Outcome(ResultCode.T30_FAILURE, RetryPolicy.Cause.TRAINING, "4.0", diag, "training: " + text);
                case LOCAL -> new Outcome(ResultCode.LOCAL_RESOURCES, RetryPolicy.Cause.DROPPED, "3.0", diag,
                        "local failure: " + text);
                default -> dropped;
            };
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("incompatib") || t.contains("not supported by") || t.contains("cannot receive")) {
            return new Outcome(ResultCode.REMOTE_REJECTED, null, "4.0", diag, "incompatible: " + text);
        }
        // before the training keywords: T1 expiring reads "no valid phase B signal from the far end; no DIS"
        if (pagesThisCall == 0 && (t.contains("t1") || t.contains("no fax") || t.contains("dis not received") || t.contains("no dis")
                || t.contains("no answer"))) {
            return new Outcome(ResultCode.NO_ANSWER, RetryPolicy.Cause.NO_ANSWER, "4.1", diag, "no fax answer: " + text);
        }
        if (pagesThisCall == 0 && (t.contains("train") || t.contains("tcf") || t.contains("ftt")
                || t.contains("phase b") || t.contains("dcs") || t.contains("cfr"))) {
            return new Outcome(ResultCode.T30_FAILURE, RetryPolicy.Cause.TRAINING, "4.0", diag, "training: " + text);
        }
        return dropped;
    }
}
