package org.t37gw.onramp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Params;

/**
 * One received page decoded to packed rows (1 = black, MSB first), with what the decoder saw of its damage.
 * Pure: no I/O.
 *
 * @param width          pixels per row
 * @param rows           number of rows in {@code data}
 * @param resolution     vertical resolution of the rows
 * @param data           {@code rows * ceil(width / 8)} bytes
 * @param badLines       rows that did not decode (the decoder repeated the previous row instead)
 * @param consecutiveBad longest run of bad rows
 */
record PageRaster(int width, int rows, FaxResolution resolution, byte[] data, int badLines, int consecutiveBad) {

    PageRaster {
        Objects.requireNonNull(resolution, "resolution");
        if (data.length != rows * rowBytes(width)) {
            throw new IllegalArgumentException("raster of " + data.length + " bytes for " + rows + " rows of "
                    + width + " pixels");
        }
    }

    static int rowBytes(int width) {
        return (width + 7) >>> 3;
    }

    int rowBytes() {
        return rowBytes(width);
    }

    /** Decodes a page as the FMSP delivered it: {@link FaxPage} data is MSB first (TIFF FillOrder 1). */
    static PageRaster decode(FaxPage page, DecodeLimits limits) {
        return decode(page, FillOrder.MSB_FIRST, limits);
    }

    private static PageRaster decode(FaxPage page, FillOrder order, DecodeLimits limits) {
        int width = page.widthPixels();
        T4Params params = switch (page.coding()) {
            case MH -> T4Params.mh(width);
            case MR -> T4Params.mr(width, 0);
            case MMR -> T4Params.mmr(width);
        };
        T4Decoder dec = new T4Decoder(params.withFillOrder(order), limits);
        byte[] data = page.data();
        dec.feed(data, 0, data.length);
        dec.endOfInput();
        byte[] row = new byte[dec.rowBytes()];
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1, page.rows()) * row.length);
        int rows = 0;
        while (dec.nextRow(row, 0) == T4Decoder.ROW) {
            out.write(row, 0, row.length);
            rows++;
        }
        return new PageRaster(width, rows, page.resolution(), out.toByteArray(), dec.badLines(),
                dec.consecutiveBadLines());
    }

    /**
     * The page at another vertical resolution ({@code image resolution}): going up, each row is repeated
     * (standard to fine: twice); going down, neighbouring rows are OR-ed together so thin lines survive.
     */
    PageRaster withResolution(FaxResolution target) {
        int from = units(resolution);
        int to = units(target);
        if (from == to) {
            return this;
        }
        int rb = rowBytes();
        if (to > from) {
            int f = to / from;
            byte[] out = new byte[data.length * f];
            for (int y = 0; y < rows; y++) {
                for (int i = 0; i < f; i++) {
                    System.arraycopy(data, y * rb, out, (y * f + i) * rb, rb);
                }
            }
            return new PageRaster(width, rows * f, target, out, badLines * f, consecutiveBad * f);
        }
        int f = from / to;
        int outRows = (rows + f - 1) / f;
        byte[] out = new byte[outRows * rb];
        for (int y = 0; y < rows; y++) {
            int o = (y / f) * rb;
            for (int x = 0; x < rb; x++) {
                out[o + x] |= data[y * rb + x];
            }
        }
        return new PageRaster(width, outRows, target, out, (badLines + f - 1) / f, (consecutiveBad + f - 1) / f);
    }

    /** Rows per 3.85 lines/mm: standard 1, fine 2, superfine 4. */
    private static int units(FaxResolution r) {
        return switch (r) {
            case STANDARD -> 1;
            case FINE -> 2;
            case SUPERFINE -> 4;
        };
    }

    /** TIFF YResolution of a fax resolution, lines per inch. */
    static double ydpi(FaxResolution r) {
        return switch (r) {
            case STANDARD -> 98;
            case FINE -> 196;
            case SUPERFINE -> 391;
        };
    }

    /** The fax resolution nearest to a TIFF YResolution. */
    static FaxResolution ofYdpi(double ydpi) {
        return ydpi < 147 ? FaxResolution.STANDARD : ydpi < 290 ? FaxResolution.FINE : FaxResolution.SUPERFINE;
    }

    static Coding tiffCoding(FaxCoding c) {
        return switch (c) {
            case MH -> Coding.MH;
            case MR -> Coding.MR;
            case MMR -> Coding.MMR;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageRaster p && p.width == width && p.rows == rows && p.resolution == resolution
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, rows, resolution, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "PageRaster[" + width + "x" + rows + " " + resolution + ", " + badLines + " bad]";
    }
}
