package org.t37gw.smtp.dsn;

import java.util.Locale;

/** RFC 3464 §2.3.3 {@code Action} values, with the status class each needs. */
public enum Action {
    FAILED('5'), DELAYED('4'), DELIVERED('2'), RELAYED('2'), EXPANDED('2');

    private final char statusClass;

    Action(char statusClass) {
        this.statusClass = statusClass;
    }

    /** The first digit of the RFC 3463 status this action goes with. */
    public char statusClass() {
        return statusClass;
    }

    /** The field value, lower case. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }
}
