package org.t37gw.dmsp.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A bilevel page to draw text on with Java2D, in "square units": one unit is one pixel at 204 dpi in both
 * directions (a point is 204/72 units), whatever the vertical resolution. Drawing happens at fine resolution or
 * better (a standard page is drawn fine and its line pairs ORed, which keeps thin horizontal strokes); antialiasing
 * and fractional metrics are off so the result is exact bits.
 */
final class PageCanvas implements AutoCloseable {

    /** Units per point. */
    static final double UNITS_PER_POINT = FaxResolution.HORIZONTAL_DPI / 72.0;

    private final FaxResolution target;
    private final FaxResolution drawing;
    private final BufferedImage image;
    final Graphics2D g;
    /** Page size in square units. */
    final int width;
    final int height;

    PageCanvas(PageFormat format) {
        this(format.width(), format.paper().lengthMm(), format.resolution());
    }

    /** A canvas {@code width} pixels wide and {@code lengthMm} long, delivered at {@code target} resolution. */
    PageCanvas(int width, double lengthMm, FaxResolution target) {
        Headless.ensure();
        this.target = target;
        this.drawing = target == FaxResolution.STANDARD ? FaxResolution.FINE : target;
        this.width = width;
        int lines = drawing.linesFor(lengthMm);
        if (target == FaxResolution.STANDARD) {
            lines = 2 * target.linesFor(lengthMm);
        }
        this.height = (int) Math.round(lines * (double) FaxResolution.HORIZONTAL_DPI / drawing.linesPerInch());
        this.image = FaxPageImage.newCanvas(width, lines);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(1.0, drawing.linesPerInch() / (double) FaxResolution.HORIZONTAL_DPI);
        g.setColor(Color.BLACK);
    }

    /** Size in square units (204 per inch) of {@code pt} points. */
    static float units(double pt) {
        return (float) (pt * UNITS_PER_POINT);
    }

    /** The drawn page at the target resolution. Closes the canvas. */
    FaxPageImage finish() {
        g.dispose();
        return FaxPageImage.fromCanvas(image, drawing).withResolution(target);
    }

    @Override
    public void close() {
        g.dispose();
    }
}
