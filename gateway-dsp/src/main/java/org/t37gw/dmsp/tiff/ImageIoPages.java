package org.t37gw.dmsp.tiff;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.t37gw.dmsp.page.Bilevel;

/**
 * Pages this package does not decode itself (TIFF with LZW, JPEG, PackBits, grey or colour; and any
 * other format ImageIO reads), read with ImageIO (TwelveMonkeys' TIFF plug-in on the class path) and
 * thresholded at mid-grey. No scaling yet: the raster keeps the image's size and resolution.
 */
public final class ImageIoPages {

    private ImageIoPages() {
    }

    /** Every image in the data, thresholded to bilevel. */
    public static List<Bilevel> read(byte[] data, int maxPages) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new TiffFormatException("no image reader for this data");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                List<Bilevel> out = new ArrayList<>();
                for (int i = 0; i < maxPages; i++) {
                    BufferedImage img;
                    try {
                        img = r.read(i);
                    } catch (IndexOutOfBoundsException e) {
                        break;
                    }
                    out.add(threshold(img, 204, 196));
                }
                return out;
            } finally {
                r.dispose();
            }
        }
    }

    /** Dark pixels (luminance below half) become black. */
    public static Bilevel threshold(BufferedImage img, double xdpi, double ydpi) {
        Bilevel b = Bilevel.white(img.getWidth(), img.getHeight(), xdpi, ydpi);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int lum = (299 * (rgb >> 16 & 0xFF) + 587 * (rgb >> 8 & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
                if (lum < 128) {
                    b.set(x, y, true);
                }
            }
        }
        return b;
    }
}
