package org.t37gw.dmsp.tiff;

import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.PageEnd;

/**
 * A decoded page and what the decoder found.
 *
 * @param image   the raster, ImageLength rows (missing rows repeat the last one and count as bad)
 * @param quality bad rows found while decoding
 * @param end     why the decoder stopped in the last strip
 */
public record DecodedPage(Bilevel image, FaxQuality quality, PageEnd end) {
}
