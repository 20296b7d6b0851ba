package org.t37gw.dmsp.service;

import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;

/**
 * The core's {@link FaxPage} and the codec's {@link Bilevel} raster, each way.
 *
 * <p>The data of a {@code FaxPage} made here, and expected here, is one page in its coding as the codec writes it
 * with {@link T4Params#mh}, {@link T4Params#mr} (K = 2 standard, 4 otherwise) or {@link T4Params#mmr}: bits MSB
 * first (TIFF FillOrder 1), an EOL before every MH/MR row, RTC (MH/MR) or EOFB (MMR) at the end. The decoder is
 * lenient about EOLs, RTC and fill bits, so received data (bits reversed to MSB first, fill bits kept) decodes as
 * well.
 */
public final class FaxPages {
    private FaxPages() {
    }

    /** Lines per inch TIFF writes for a resolution. */
    public static int ydpi(FaxResolution r) {
        return switch (r) {
            case STANDARD -> 98;
            case FINE -> 196;
            case SUPERFINE -> 391;
        };
    }

    /** The fax resolution of a raster's lines per inch (within 1.5 %). */
    public static FaxResolution resolution(Bilevel b) {
        org.t37gw.dmsp.render.FaxResolution r = org.t37gw.dmsp.render.FaxResolution.nearest(b.ydpi());
        if (r == null) {
            throw new IllegalArgumentException("not a fax resolution: " + b.ydpi() + " lines per inch");
        }
        return FaxResolution.valueOf(r.name());
    }

    /** The codec's coding for the core's. */
    public static Coding coding(FaxCoding c) {
        return Coding.valueOf(c.name());
    }

    /** The line format of a page's data, as documented above. */
    public static T4Params params(FaxCoding coding, FaxResolution resolution, int width) {
        return switch (coding) {
            case MH -> T4Params.mh(width);
            case MR -> T4Params.mr(width, resolution == FaxResolution.STANDARD ? 2 : 4);
            case MMR -> T4Params.mmr(width);
        };
    }

    /** Codes a raster (at a fax resolution) as a page in {@code coding}. */
    public static FaxPage encode(Bilevel b, FaxCoding coding) {
        FaxResolution r = resolution(b);
        T4Encoder enc = new T4Encoder(params(coding, r, b.width()));
        byte[] d = b.data();
        int rb = b.rowBytes();
        for (int y = 0; y < b.height(); y++) {
            enc.encodeRow(d, y * rb);
        }
        enc.endPage();
        return new FaxPage(b.width(), b.height(), r, coding, enc.takeBytes());
    }

    /**
     * Decodes a page to a raster at 204 dpi across and the page's lines per inch. Rows that do not decode are
     * repeats of the row above (the decoder's repair); the page ends where the data ends.
     */
    public static Bilevel decode(FaxPage page) {
        return decode(page.data(), FillOrder.MSB_FIRST, page.coding(), page.resolution(), page.widthPixels());
    }

    /** Decodes coded data in the given bit order (the line's is LSB first). */
    public static Bilevel decode(byte[] data, FillOrder order, FaxCoding coding, FaxResolution resolution, int width) {
        T4Decoder dec = new T4Decoder(params(coding, resolution, width).withFillOrder(order), DecodeLimits.DEFAULT);
        dec.feed(data, 0, data.length);
        dec.endOfInput();
        int rb = dec.rowBytes();
        byte[] out = new byte[rb * 256];
        int rows = 0;
        while (true) {
            if ((rows + 1) * rb > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            if (dec.nextRow(out, rows * rb) != T4Decoder.ROW) {
                break;
            }
            rows++;
        }
        return new Bilevel(width, rows, 204, ydpi(resolution), java.util.Arrays.copyOf(out, rows * rb));
    }

    /** Reverses the bit order of every octet (LSB-first line order to MSB-first FillOrder 1, and back). */
    public static byte[] reverseBits(byte[] data) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (byte) (Integer.reverse(data[i] & 0xFF) >>> 24);
        }
        return out;
    }
}
