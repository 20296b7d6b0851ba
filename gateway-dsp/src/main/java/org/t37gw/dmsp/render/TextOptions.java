package org.t37gw.dmsp.render;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * How text becomes fax pages.
 *
 * @param format  paper and resolution
 * @param header  header line spec ({@link HeaderSpec#NONE} for none)
 * @param values  what the header macros stand for
 * @param maxPages most pages one text may produce
 */
public record TextOptions(PageFormat format, HeaderSpec header, HeaderValues values, int maxPages) {

    public static final TextOptions DEFAULT = new TextOptions(PageFormat.A4_FINE, HeaderSpec.NONE,
            new HeaderValues("", "", ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)), 200);

    public TextOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(values, "values");
        if (maxPages <= 0) {
            throw new IllegalArgumentException("maxPages must be positive");
        }
    }

    public TextOptions withFormat(PageFormat f) {
        return new TextOptions(f, header, values, maxPages);
    }

    public TextOptions withHeader(HeaderSpec h, HeaderValues v) {
        return new TextOptions(format, h, v, maxPages);
    }

    public TextOptions withMaxPages(int n) {
        return new TextOptions(format, header, values, n);
    }
}
