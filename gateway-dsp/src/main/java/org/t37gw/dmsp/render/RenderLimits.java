package org.t37gw.dmsp.render;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one document may cost to render, checked before and while decoding so hostile input ends in a
 * {@link RenderException}, not an exhausted heap or a hung worker.
 *
 * @param maxInputBytes  largest encoded input accepted
 * @param maxPages       most pages produced from one document
 * @param maxSourcePixels largest decoded source image (width x height), also for images embedded in a PDF
 * @param maxTime        wall time for one document; checked between PDF content-stream operators
 * @param maxPdfOperators most content-stream operators executed for one PDF page (catches loops of forms)
 */
public record RenderLimits(long maxInputBytes, int maxPages, long maxSourcePixels, Duration maxTime,
        long maxPdfOperators) {

    /** 64 MiB, 200 pages, 150 Mpixel sources, 60 s, 5 M operators per page. */
    public static final RenderLimits DEFAULT =
            new RenderLimits(64L << 20, 200, 150_000_000L, Duration.ofSeconds(60), 5_000_000L);

    public RenderLimits {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxInputBytes <= 0 || maxPages <= 0 || maxSourcePixels <= 0 || maxPdfOperators <= 0
                || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("limits must be positive: " + this);
        }
    }

    public RenderLimits withMaxTime(Duration t) {
        return new RenderLimits(maxInputBytes, maxPages, maxSourcePixels, t, maxPdfOperators);
    }

    public RenderLimits withMaxPages(int n) {
        return new RenderLimits(maxInputBytes, n, maxSourcePixels, maxTime, maxPdfOperators);
    }

    public RenderLimits withMaxSourcePixels(long n) {
        return new RenderLimits(maxInputBytes, maxPages, n, maxTime, maxPdfOperators);
    }
}
