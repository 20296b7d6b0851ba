package org.t37gw.dmsp.render;

import java.util.Objects;

/**
 * The three parts of the header line, as {@code fax send left-header / center-header / right-header} configure
 * them: literal text with {@code $s$} (sender), {@code $d$} (destination), {@code $t$} (time), {@code $a$} (date) and
 * {@code $p$} ("page N/M") substituted per page. An empty string leaves that part blank.
 */
public record HeaderSpec(String left, String center, String right) {

    /** No header line. */
    public static final HeaderSpec NONE = new HeaderSpec("", "", "");

    public HeaderSpec {
        left = Objects.requireNonNullElse(left, "");
        center = Objects.requireNonNullElse(center, "");
        right = Objects.requireNonNullElse(right, "");
    }

    public boolean isEmpty() {
        return left.isBlank() && center.isBlank() && right.isBlank();
    }
}
