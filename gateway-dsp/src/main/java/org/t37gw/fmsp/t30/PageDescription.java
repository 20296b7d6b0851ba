package org.t37gw.fmsp.t30;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a page to send is, as far as T.30 negotiation cares: its resolution and size are properties of
 * the image; {@code codings} are the codings the page source can produce for it.
 */
public record PageDescription(Resolution resolution, PageWidth width, PageLength length, Set<Coding> codings) {
    public PageDescription {
        if (codings.isEmpty()) {
            throw new IllegalArgumentException("a page needs at least one coding");
        }
        codings = Collections.unmodifiableSet(EnumSet.copyOf(codings));
    }

    public static PageDescription of(Resolution resolution, Coding... codings) {
        return new PageDescription(resolution, PageWidth.A4, PageLength.A4, EnumSet.copyOf(java.util.List.of(codings)));
    }
}
