package org.t37gw.dmsp.render;

import java.util.Objects;

/**
 * How images and PDF pages become fax pages.
 *
 * @param format     paper and resolution of the pages produced
 * @param mode       grey to bilevel method
 * @param threshold  grey level (1-255) under which a pixel is black, for {@link BilevelMode#THRESHOLD}
 * @param autoRotate turn landscape sources (wider than tall) a quarter turn counter-clockwise
 * @param limits     bounds on input size, pages, pixels and time
 */
public record ImageOptions(PageFormat format, BilevelMode mode, int threshold, boolean autoRotate,
        RenderLimits limits) {

    public static final ImageOptions DEFAULT =
            new ImageOptions(PageFormat.A4_FINE, BilevelMode.AUTO, 128, true, RenderLimits.DEFAULT);

    public ImageOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(limits, "limits");
        if (threshold < 1 || threshold > 255) {
            throw new IllegalArgumentException("threshold must be 1..255: " + threshold);
        }
    }

    public ImageOptions withFormat(PageFormat f) {
        return new ImageOptions(f, mode, threshold, autoRotate, limits);
    }

    public ImageOptions withMode(BilevelMode m) {
        return new ImageOptions(format, m, threshold, autoRotate, limits);
    }

    public ImageOptions withLimits(RenderLimits l) {
        return new ImageOptions(format, mode, threshold, autoRotate, l);
    }

    public ImageOptions withAutoRotate(boolean r) {
        return new ImageOptions(format, mode, threshold, r, limits);
    }
}
