package org.t37gw.spool;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of an attempt, stored as {@code spool.result} in a record. An open enum: every code in
 * 0..999 is representable (an unknown one is named {@code CODE_nnn}); its range decides whether it is
 * transient (retry with backoff) or permanent (fail now).
 *
 * <table>
 * <caption>Ranges</caption>
 * <tr><th>range</th><th>class</th><th>meaning</th></tr>
 * <tr><td>0</td><td>success</td><td>{@link #OK}</td></tr>
 * <tr><td>1–99</td><td>permanent</td><td>reserved</td></tr>
 * <tr><td>100–199</td><td>transient</td><td>fax call and line (busy, no answer, T.30 failure)</td></tr>
 * <tr><td>200–299</td><td>transient</td><td>mail transport (SMTP 4xx, MTA unreachable)</td></tr>
 * <tr><td>300–399</td><td>transient</td><td>local (interrupted by a restart, resources)</td></tr>
 * <tr><td>400–499</td><td>transient</td><td>other transient</td></tr>
 * <tr><td>500–599</td><td>permanent</td><td>fax destination (invalid number, not a fax, no route)</td></tr>
 * <tr><td>600–699</td><td>permanent</td><td>content (document cannot be rendered, too large)</td></tr>
 * <tr><td>700–799</td><td>permanent</td><td>mail (SMTP 5xx, bad address)</td></tr>
 * <tr><td>800–899</td><td>permanent</td><td>spool and administration (cancelled, limits reached)</td></tr>
 * <tr><td>900–999</td><td>permanent</td><td>other permanent</td></tr>
 * </table>
 */
public final class ResultCode implements Comparable<ResultCode> {

    private static final Map<Integer, ResultCode> KNOWN = new TreeMap<>();

    public static final ResultCode OK = define(0, "OK");

    public static final ResultCode BUSY = define(101, "BUSY");
    public static final ResultCode NO_ANSWER = define(102, "NO_ANSWER");
    public static final ResultCode NO_CARRIER = define(103, "NO_CARRIER");
    public static final ResultCode NO_DIALTONE = define(104, "NO_DIALTONE");
    /** T.30 negotiation, training or page transfer failed; the call may succeed next time. */
    public static final ResultCode T30_FAILURE = define(110, "T30_FAILURE");
    /** Some pages were not confirmed by the far end. */
    public static final ResultCode PARTIAL = define(111, "PARTIAL");
    /** No free port or channel for the call. */
    public static final ResultCode NO_LINE = define(120, "NO_LINE");

    /** The MTA answered 4xx. */
    public static final ResultCode SMTP_TEMPORARY = define(201, "SMTP_TEMPORARY");
    /** Connecting to the MTA failed or timed out. */
    public static final ResultCode MTA_UNREACHABLE = define(202, "MTA_UNREACHABLE");
    public static final ResultCode DNS_TEMPORARY = define(203, "DNS_TEMPORARY");

    /** The process ended while the job was ACTIVE (set by recovery). */
    public static final ResultCode INTERRUPTED = define(301, "INTERRUPTED");
    /** Local resources (memory, disk, threads) ran short. */
    public static final ResultCode LOCAL_RESOURCES = define(302, "LOCAL_RESOURCES");

    public static final ResultCode TRANSIENT_OTHER = define(499, "TRANSIENT_OTHER");

    public static final ResultCode INVALID_NUMBER = define(501, "INVALID_NUMBER");
    /** A person or a modem without fax answered. */
    public static final ResultCode NOT_A_FAX = define(502, "NOT_A_FAX");
    /** The far fax machine refused the document (e.g. DCN after DIS/DCS, capabilities mismatch). */
    public static final ResultCode REMOTE_REJECTED = define(503, "REMOTE_REJECTED");
    /** No dial-peer matches the destination. */
    public static final ResultCode NO_ROUTE = define(510, "NO_ROUTE");

    public static final ResultCode BAD_DOCUMENT = define(601, "BAD_DOCUMENT");
    public static final ResultCode TOO_LARGE = define(602, "TOO_LARGE");
    public static final ResultCode UNSUPPORTED_CONTENT = define(603, "UNSUPPORTED_CONTENT");

    /** The MTA answered 5xx. */
    public static final ResultCode SMTP_PERMANENT = define(701, "SMTP_PERMANENT");
    public static final ResultCode BAD_ADDRESS = define(702, "BAD_ADDRESS");

    public static final ResultCode CANCELLED = define(801, "CANCELLED");
    /** Set by the spool when {@link RetryPolicy#maxAttempts()} is reached. */
    public static final ResultCode RETRIES_EXHAUSTED = define(802, "RETRIES_EXHAUSTED");
    /** Set by the spool when {@link RetryPolicy#maxAge()} is reached. */
    public static final ResultCode EXPIRED = define(803, "EXPIRED");

    public static final ResultCode PERMANENT_OTHER = define(999, "PERMANENT_OTHER");

    private final int code;
    private final String name;

    private ResultCode(int code, String name) {
        this.code = code;
        this.name = name;
    }

    private static ResultCode define(int code, String name) {
        ResultCode rc = new ResultCode(code, name);
        KNOWN.put(code, rc);
        return rc;
    }

    /** The named constant for {@code code}, or a new unnamed one ({@code CODE_nnn}) when unknown. */
    public static ResultCode valueOf(int code) {
        if (code < 0 || code > 999) {
            throw new IllegalArgumentException("result code out of range 0..999: " + code);
        }
        ResultCode known = KNOWN.get(code);
        return known != null ? known : new ResultCode(code, "CODE_" + code);
    }

    /** All named codes, by number. */
    public static Map<Integer, ResultCode> known() {
        return Collections.unmodifiableMap(KNOWN);
    }

    public int code() {
        return code;
    }

    public String name() {
        return name;
    }

    /** Whether this code has a name in this version. */
    public boolean isKnown() {
        return KNOWN.get(code) == this;
    }

    public boolean isSuccess() {
        return code == 0;
    }

    /** 100..499: worth another attempt. */
    public boolean isTransient() {
        return code >= 100 && code <= 499;
    }

    /** 1..99 and 500..999: another attempt would fail the same way. */
    public boolean isPermanent() {
        return !isSuccess() && !isTransient();
    }

    @Override
    public int compareTo(ResultCode o) {
        return Integer.compare(code, o.code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultCode r && r.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return code + " " + name;
    }
}
