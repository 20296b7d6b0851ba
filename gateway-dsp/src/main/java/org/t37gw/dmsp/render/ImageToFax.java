package org.t37gw.dmsp.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Raster images (PNG, JPEG, GIF, BMP, and TIFF of any kind through the TwelveMonkeys plugin) to fax pages: every
 * frame of the file becomes a page. Each frame is turned to grey, rotated if landscape, resampled by area averaging
 * to 204 dpi across and the page's lines per inch down (using the resolution the file declares; a file that
 * declares none is fitted to the page), shrunk to fit the paper if larger, made bilevel and placed centred at the
 * top of a full-length page.
 */
public final class ImageToFax {

    private final ImageOptions options;

    public ImageToFax(ImageOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        Headless.ensure();
    }

    /** All frames of an encoded image, one page each. */
    public List<FaxPageImage> convert(byte[] data) throws RenderException {
        RenderLimits limits = options.limits();
        if (data.length > limits.maxInputBytes()) {
            throw new RenderException(RenderException.Reason.TOO_LARGE,
                    "image of " + data.length + " bytes exceeds " + limits.maxInputBytes());
        }
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RenderException(RenderException.Reason.UNSUPPORTED, "not an image format we can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                List<FaxPageImage> pages = new ArrayList<>();
                for (int i = 0; hasImage(reader, i); i++) {
                    if (i >= limits.maxPages()) {
                        throw new RenderException(RenderException.Reason.TOO_MANY_PAGES,
                                "image has more than " + limits.maxPages() + " frames");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new RenderException(RenderException.Reason.TIMEOUT,
                                "image took longer than " + limits.maxTime());
                    }
                    long pixels = (long) reader.getWidth(i) * reader.getHeight(i);
                    if (pixels > limits.maxSourcePixels() || pixels <= 0) {
                        throw new RenderException(RenderException.Reason.TOO_LARGE, "frame " + i + " is "
                                + reader.getWidth(i) + "x" + reader.getHeight(i) + " pixels, limit "
                                + limits.maxSourcePixels());
                    }
                    double[] dpi = resolution(reader, i);
                    BufferedImage img = reader.read(i);
                    pages.add(convert(img, dpi[0], dpi[1]));
                }
                if (pages.isEmpty()) {
                    throw new RenderException(RenderException.Reason.UNREADABLE, "image file holds no image");
                }
                return pages;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new RenderException(RenderException.Reason.UNREADABLE,
                    "cannot decode image: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasImage(ImageReader reader, int i) throws IOException {
        try {
            reader.getWidth(i);
            return true;
        } catch (IndexOutOfBoundsException e) {
            return false;
        } catch (IOException e) {
            if (i == 0) {
                throw e;
            }
            return false; // trailing garbage after the last frame: keep the frames we have
        }
    }

    /** Declared resolution {x, y} in dots per inch from the standard metadata tree, or {0, 0} if none. */
    static double[] resolution(ImageReader reader, int i) {
        try {
            IIOMetadata md = reader.getImageMetadata(i);
            if (md == null || !md.isStandardMetadataFormatSupported()) {
                return new double[] {0, 0};
            }
            Node root = md.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
            double x = dpi(root, "HorizontalPixelSize");
            double y = dpi(root, "VerticalPixelSize");
            if (x == 0) {
                x = y;
            }
            if (y == 0) {
                y = x;
            }
            return new double[] {x, y};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    private static double dpi(Node root, String name) {
        for (Node dim = root.getFirstChild(); dim != null; dim = dim.getNextSibling()) {
            if (!"Dimension".equals(dim.getNodeName())) {
                continue;
            }
            for (Node n = dim.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (name.equals(n.getNodeName()) && n.getAttributes().getNamedItem("value") != null) {
                    try {
                        double mmPerPixel = Double.parseDouble(n.getAttributes().getNamedItem("value").getNodeValue());
                        double dpi = 25.4 / mmPerPixel;
                        return dpi >= 50 && dpi <= 4800 ? dpi : 0;
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    /**
     * One decoded image to one page. {@code dpiX}/{@code dpiY} are the source resolution; 0 or less means unknown, in
     * which case the image (taken as square pixels) is scaled to fill the page width or length, whichever is reached
     * first.
     */
    public FaxPageImage convert(BufferedImage image, double dpiX, double dpiY) {
        return convert(GreyImage.from(image), dpiX, dpiY, options);
    }

    static FaxPageImage convert(GreyImage grey, double dpiX, double dpiY, ImageOptions options) {
        PageFormat format = options.format();
        boolean known = dpiX > 0 && dpiY > 0;
        if (!known) {
            // square pixels, scaled so the width is the page width; fit() shrinks it if it is then too long
            dpiX = dpiY = grey.width / ((double) format.width() / FaxResolution.HORIZONTAL_DPI);
        }
        double wIn = grey.width / dpiX;
        double hIn = grey.height / dpiY;
        if (options.autoRotate() && wIn > hIn) {
            grey = grey.rotateCounterClockwise();
            double t = wIn;
            wIn = hIn;
            hIn = t;
            if (!known) {
                double d = grey.width / ((double) format.width() / FaxResolution.HORIZONTAL_DPI);
                wIn = grey.width / d;
                hIn = grey.height / d;
            }
        }
        int[] size = PagePlacer.fit(wIn, hIn, format);
        GreyImage scaled = grey.scale(size[0], size[1]);
        return PagePlacer.place(scaled, format, options.mode(), options.threshold());
    }
}
