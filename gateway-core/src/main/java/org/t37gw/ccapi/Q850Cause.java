package org.t37gw.ccapi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ITU-T Q.850 cause value (the "cause" of a disconnect, 0..127). An open enum: the causes of Q.850
 * Table 1 that a fax gateway meets have named constants; any other value in range is still representable
 * ({@link #valueOf(int)} never fails for 0..127), so a cause from a driver or a peer is kept, logged and
 * written to the CDR as it came.
 */
public final class Q850Cause implements Comparable<Q850Cause> {

    private static final Map<Integer, Q850Cause> KNOWN = new TreeMap<>();

    public static final Q850Cause UNALLOCATED_NUMBER = known(1, "unallocated (unassigned) number");
    public static final Q850Cause NO_ROUTE_TO_TRANSIT_NETWORK = known(2, "no route to specified transit network");
    public static final Q850Cause NO_ROUTE_TO_DESTINATION = known(3, "no route to destination");
    public static final Q850Cause CHANNEL_UNACCEPTABLE = known(6, "channel unacceptable");
    public static final Q850Cause NORMAL_CLEARING = known(16, "normal call clearing");
    public static final Q850Cause USER_BUSY = known(17, "user busy");
    public static final Q850Cause NO_USER_RESPONDING = known(18, "no user responding");
    public static final Q850Cause NO_ANSWER = known(19, "no answer from user (user alerted)");
    public static final Q850Cause SUBSCRIBER_ABSENT = known(20, "subscriber absent");
    public static final Q850Cause CALL_REJECTED = known(21, "call rejected");
    public static final Q850Cause NUMBER_CHANGED = known(22, "number changed");
    public static final Q850Cause DESTINATION_OUT_OF_ORDER = known(27, "destination out of order");
    public static final Q850Cause INVALID_NUMBER_FORMAT = known(28, "invalid number format (address incomplete)");
    public static final Q850Cause FACILITY_REJECTED = known(29, "facility rejected");
    public static final Q850Cause NORMAL_UNSPECIFIED = known(31, "normal, unspecified");
    public static final Q850Cause NO_CIRCUIT_AVAILABLE = known(34, "no circuit/channel available");
    public static final Q850Cause NETWORK_OUT_OF_ORDER = known(38, "network out of order");
    public static final Q850Cause TEMPORARY_FAILURE = known(41, "temporary failure");
    public static final Q850Cause SWITCHING_EQUIPMENT_CONGESTION = known(42, "switching equipment congestion");
    public static final Q850Cause REQUESTED_CHANNEL_NOT_AVAILABLE = known(44, "requested circuit/channel not available");
    public static final Q850Cause RESOURCE_UNAVAILABLE = known(47, "resource unavailable, unspecified");
    public static final Q850Cause FACILITY_NOT_SUBSCRIBED = known(50, "requested facility not subscribed");
    public static final Q850Cause BEARER_CAPABILITY_NOT_AUTHORIZED = known(57, "bearer capability not authorized");
    public static final Q850Cause BEARER_CAPABILITY_NOT_AVAILABLE = known(58, "bearer capability not presently available");
    public static final Q850Cause SERVICE_NOT_AVAILABLE = known(63, "service or option not available, unspecified");
    public static final Q850Cause BEARER_CAPABILITY_NOT_IMPLEMENTED = known(65, "bearer capability not implemented");
    public static final Q850Cause SERVICE_NOT_IMPLEMENTED = known(79, "service or option not implemented, unspecified");
    public static final Q850Cause INCOMPATIBLE_DESTINATION = known(88, "incompatible destination");
    public static final Q850Cause MANDATORY_IE_MISSING = known(96, "mandatory information element is missing");
    public static final Q850Cause INVALID_IE_CONTENTS = known(100, "invalid information element contents");
    public static final Q850Cause RECOVERY_ON_TIMER_EXPIRY = known(102, "recovery on timer expiry");
    public static final Q850Cause PROTOCOL_ERROR = known(111, "protocol error, unspecified");
    public static final Q850Cause INTERWORKING = known(127, "interworking, unspecified");

    /** Cause classes, Q.850 §2.2.5 (the three high bits of the 7-bit value). */
    public enum CauseClass {
        NORMAL_EVENT, RESOURCE_UNAVAILABLE, SERVICE_NOT_AVAILABLE, SERVICE_NOT_IMPLEMENTED,
        INVALID_MESSAGE, PROTOCOL_ERROR, INTERWORKING
    }

    private final int code;
    private final String text;
    private final boolean known;

    private Q850Cause(int code, String text, boolean known) {
        this.code = code;
        this.text = text;
        this.known = known;
    }

    private static Q850Cause known(int code, String text) {
        Q850Cause c = new Q850Cause(code, text, true);
        KNOWN.put(code, c);
        return c;
    }

    /**
     * The cause with this value: the named constant when there is one, otherwise an unnamed cause.
     *
     * @throws IllegalArgumentException outside 0..127 (the field is 7 bits)
     */
    public static Q850Cause valueOf(int code) {
        if (code < 0 || code > 127) {
            throw new IllegalArgumentException("Q.850 cause out of range 0..127: " + code);
        }
        Q850Cause c = KNOWN.get(code);
        return c != null ? c : new Q850Cause(code, "cause " + code, false);
    }

    /** Every named cause, by value. */
    public static Map<Integer, Q850Cause> known() {
        return Collections.unmodifiableMap(KNOWN);
    }

    /** The numeric value. */
    public int code() {
        return code;
    }

    /** The Q.850 wording, or {@code "cause N"} for an unnamed value. */
    public String text() {
        return text;
    }

    /** Whether this value has a named constant. */
    public boolean isKnown() {
        return known;
    }

    /** The Q.850 class of the value. */
    public CauseClass causeClass() {
        return switch (code >> 4) {
            case 0, 1 -> CauseClass.NORMAL_EVENT;
            case 2 -> CauseClass.RESOURCE_UNAVAILABLE;
            case 3 -> CauseClass.SERVICE_NOT_AVAILABLE;
            case 4 -> CauseClass.SERVICE_NOT_IMPLEMENTED;
            case 5 -> CauseClass.INVALID_MESSAGE;
            case 6 -> CauseClass.PROTOCOL_ERROR;
            default -> CauseClass.INTERWORKING;
        };
    }

    /** 16 normal call clearing or 31 normal, unspecified: the call ended as it should. */
    public boolean isNormalClearing() {
        return code == 16 || code == 31;
    }

    @Override
    public int compareTo(Q850Cause o) {
        return Integer.compare(code, o.code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Q850Cause c && c.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** For logs: {@code "17 (user busy)"}. */
    @Override
    public String toString() {
        return code + " (" + text + ")";
    }
}
