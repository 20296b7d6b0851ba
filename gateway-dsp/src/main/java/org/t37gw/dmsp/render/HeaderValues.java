package org.t37gw.dmsp.render;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * What the header macros stand for on one fax: {@code $s$} sender, {@code $d$} destination, and the send time for
 * {@code $t$} and {@code $a$} (passed in, so a header is a pure function of its inputs).
 */
public record HeaderValues(String sender, String destination, ZonedDateTime time) {

    public HeaderValues {
        sender = Objects.requireNonNullElse(sender, "");
        destination = Objects.requireNonNullElse(destination, "");
        Objects.requireNonNull(time, "time");
    }
}
