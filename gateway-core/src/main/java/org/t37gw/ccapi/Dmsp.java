package org.t37gw.ccapi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Document media service provider (IOS DMSP, {@code doc-to-fax} / {@code fax-to-doc}): turns mail
 * content into fax pages for the off-ramp and received pages into a TIFF-F document for the on-ramp.
 */
public interface Dmsp {

    /**
     * Pages for a document to send.
     *
     * @param document    the content (TIFF, text/plain, text/enriched, ...)
     * @param contentType its MIME type, e.g. {@code image/tiff}, {@code text/plain; charset=utf-8}
     * @param format      the page format the session negotiated or will offer
     * @throws IOException if the document cannot be read or rendered (a processing failure, RFC 3965 §4)
     */
    PageSource docToFax(Path document, String contentType, PageFormat format) throws IOException;

    /**
     * A sink that writes received pages as a TIFF-F file at {@code target} (written under a temporary name
     * and renamed into place when the sink is closed).
     *
     * @param format what the mail side wants ({@code image encoding} / {@code image resolution} of the MMoIP
     *               dial-peer), or {@code null} to keep the pages as received (passthrough)
     */
    PageSink faxToDoc(Path target, PageFormat format) throws IOException;

    /**
     * A page format.
     *
     * @param coding      page coding
     * @param resolution  vertical resolution
     * @param widthPixels row width (1728 for A4)
     */
    record PageFormat(FaxCoding coding, FaxResolution resolution, int widthPixels) {
        public PageFormat {
            java.util.Objects.requireNonNull(coding, "coding");
            java.util.Objects.requireNonNull(resolution, "resolution");
            if (widthPixels <= 0) {
                throw new IllegalArgumentException("width must be positive: " + widthPixels);
            }
        }

        /** RFC 3949 Profile S: MH, 1728 pixels, at the given resolution. */
        public static PageFormat profileS(FaxResolution resolution) {
            return new PageFormat(FaxCoding.MH, resolution, 1728);
        }
    }
}
