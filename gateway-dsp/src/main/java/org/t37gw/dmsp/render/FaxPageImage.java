package org.t37gw.dmsp.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * One bilevel fax page: packed rows, {@code 1} = black, most significant bit first, each row padded to whole bytes
 * with white ({@code rowBytes = ceil(width / 8)}), which is what the T.4/T.6 encoder consumes one row at a time.
 * Immutable: the factories copy what they are given and {@link #row(int)} returns a copy; {@link #copyRow} fills a
 * caller's buffer without allocating.
 */
public final class FaxPageImage {

    /** Colour model whose index 0 is white and 1 is black, so a TYPE_BYTE_BINARY raster holds our packed rows. */
    static final IndexColorModel WHITE0_BLACK1 =
            new IndexColorModel(1, 2, new byte[] {(byte) 255, 0}, new byte[] {(byte) 255, 0},
                    new byte[] {(byte) 255, 0});

    private final int width;
    private final int height;
    private final FaxResolution resolution;
    private final int rowBytes;
    private final byte[] data;

    private FaxPageImage(int width, int height, FaxResolution resolution, byte[] data) {
        this.width = width;
        this.height = height;
        this.resolution = resolution;
        this.rowBytes = (width + 7) >>> 3;
        this.data = data;
    }

    /** A page from packed rows ({@code height * ceil(width/8)} bytes), copied; padding bits are cleared. */
    public static FaxPageImage of(int width, int height, FaxResolution resolution, byte[] rows) {
        Objects.requireNonNull(rows, "rows");
        checkSize(width, height);
        int rb = (width + 7) >>> 3;
        if (rows.length != (long) rb * height) {
            throw new IllegalArgumentException(
                    "rows has " + rows.length + " bytes, " + width + "x" + height + " needs " + (long) rb * height);
        }
        return wrap(width, height, resolution, rows.clone());
    }

    /** An all-white page. */
    public static FaxPageImage blank(int width, int height, FaxResolution resolution) {
        checkSize(width, height);
        return new FaxPageImage(width, height, Objects.requireNonNull(resolution),
                new byte[((width + 7) >>> 3) * height]);
    }

    /** Takes ownership of {@code rows} (no copy); clears the padding bits. */
    static FaxPageImage wrap(int width, int height, FaxResolution resolution, byte[] rows) {
        checkSize(width, height);
        int rb = (width + 7) >>> 3;
        if ((width & 7) != 0) {
            byte mask = (byte) (0xFF << (8 - (width & 7)));
            for (int y = 0; y < height; y++) {
                rows[y * rb + rb - 1] &= mask;
            }
        }
        return new FaxPageImage(width, height, Objects.requireNonNull(resolution), rows);
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || (long) ((width + 7) >>> 3) * height > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("bad page size " + width + "x" + height);
        }
    }

    /** Pixels per scan line (1728, 2048, 2432 for fax pages). */
    public int width() {
        return width;
    }

    /** Number of scan lines. */
    public int height() {
        return height;
    }

    public FaxResolution resolution() {
        return resolution;
    }

    /** Bytes per packed row: {@code ceil(width / 8)}. */
    public int rowBytes() {
        return rowBytes;
    }

    /** A copy of row {@code y}. */
    public byte[] row(int y) {
        checkRow(y);
        return Arrays.copyOfRange(data, y * rowBytes, (y + 1) * rowBytes);
    }

    /** Copies row {@code y} into {@code dst} at {@code off}; allocation-free, for the encoder. */
    public void copyRow(int y, byte[] dst, int off) {
        checkRow(y);
        System.arraycopy(data, y * rowBytes, dst, off, rowBytes);
    }

    /** True if row {@code y} has no black pixel (encoders and page trimming like to know). */
    public boolean isWhiteRow(int y) {
        checkRow(y);
        for (int i = y * rowBytes, end = i + rowBytes; i < end; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isBlack(int x, int y) {
        if (x < 0 || x >= width) {
            throw new IndexOutOfBoundsException("x " + x);
        }
        checkRow(y);
        return (data[y * rowBytes + (x >>> 3)] & (0x80 >>> (x & 7))) != 0;
    }

    /** A copy of all rows, concatenated. */
    public byte[] toBytes() {
        return data.clone();
    }

    /** Number of black pixels in the whole page. */
    public long blackPixels() {
        return blackPixels(0, 0, width, height);
    }

    /** Number of black pixels in the rectangle [x0,x1) x [y0,y1), clipped to the page. */
    public long blackPixels(int x0, int y0, int x1, int y1) {
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(width, x1);
        y1 = Math.min(height, y1);
        long n = 0;
        for (int y = y0; y < y1; y++) {
            int base = y * rowBytes;
            for (int x = x0; x < x1; x++) {
                if ((data[base + (x >>> 3)] & (0x80 >>> (x & 7))) != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The same page at another vertical resolution: going up repeats each line (2x or 4x), going down ORs each group
     * of 2 or 4 lines into one so thin horizontal strokes survive.
     */
    public FaxPageImage withResolution(FaxResolution target) {
        Objects.requireNonNull(target, "target");
        if (target == resolution) {
            return this;
        }
        int from = resolution.factor();
        int to = target.factor();
        if (to > from) {
            int k = to / from;
            byte[] out = new byte[data.length * k];
            for (int y = 0; y < height; y++) {
                for (int i = 0; i < k; i++) {
                    System.arraycopy(data, y * rowBytes, out, (y * k + i) * rowBytes, rowBytes);
                }
            }
            return new FaxPageImage(width, height * k, target, out);
        }
        int k = from / to;
        int h = (height + k - 1) / k;
        byte[] out = new byte[h * rowBytes];
        for (int y = 0; y < height; y++) {
            int src = y * rowBytes;
            int dst = (y / k) * rowBytes;
            for (int i = 0; i < rowBytes; i++) {
                out[dst + i] |= data[src + i];
            }
        }
        return new FaxPageImage(width, h, target, out);
    }

    /**
     * This page as the codec's raster ({@link org.t37gw.dmsp.page.Bilevel}, same row format) at 204 dpi across and
     * the resolution's nominal lines per inch: one copy of the rows, no per-pixel work.
     */
    public org.t37gw.dmsp.page.Bilevel toBilevel() {
        return new org.t37gw.dmsp.page.Bilevel(width, height, FaxResolution.HORIZONTAL_DPI,
                resolution.linesPerInch(), data.clone());
    }

    /**
     * A codec raster as a page: one copy of the rows (padding bits cleared). Its vertical resolution must be one of
     * the fax resolutions ({@link FaxResolution#nearest} within 1.5 %); the horizontal one is not checked (the
     * raster's width says what it is).
     *
     * @throws IllegalArgumentException if {@code ydpi} is not a fax resolution, or the raster is empty
     */
    public static FaxPageImage fromBilevel(org.t37gw.dmsp.page.Bilevel page) {
        FaxResolution r = FaxResolution.nearest(page.ydpi());
        if (r == null) {
            throw new IllegalArgumentException("not a fax resolution: " + page.ydpi() + " lines per inch");
        }
        int rb = (page.width() + 7) >>> 3;
        return wrap(page.width(), page.height(), r, Arrays.copyOf(page.data(), rb * page.height()));
    }

    /**
     * A TYPE_BYTE_BINARY image sharing nothing with this page (index 0 white, 1 black), e.g. for writing a PNG.
     */
    public BufferedImage toBufferedImage() {
        BufferedImage img = newCanvas(width, height);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(data, 0, dst, 0, data.length);
        return img;
    }

    /** A white TYPE_BYTE_BINARY canvas whose raster bytes are packed rows in our convention. */
    static BufferedImage newCanvas(int width, int height) {
        checkSize(width, height);
        return new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, WHITE0_BLACK1);
    }

    /** The page drawn on a canvas from {@link #newCanvas} (takes its raster bytes). */
    static FaxPageImage fromCanvas(BufferedImage canvas, FaxResolution resolution) {
        if (canvas.getColorModel() != WHITE0_BLACK1) {
            throw new IllegalArgumentException("not one of our canvases");
        }
        byte[] bytes = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        return wrap(canvas.getWidth(), canvas.getHeight(), resolution, bytes);
    }

    private void checkRow(int y) {
        if (y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("row " + y + " of " + height);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaxPageImage p && p.width == width && p.height == height && p.resolution == resolution
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, resolution) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FaxPageImage[" + width + "x" + height + " " + resolution + "]";
    }
}
