package org.t37gw.dmsp.tiff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.PageEnd;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Params;

/**
 * Reads bilevel fax TIFF files of either byte order: parses every IFD up front ({@link #pages()}), decodes
 * pages with Compression 1, 2, 3 (1-D or 2-D, with or without EOLs, aligned or not) or 4, in either
 * fill order and any number of strips ({@link #decodePage(int)}), and, in strict mode, lists every way the
 * file departs from TIFF-F ({@link #deviations()}).
 *
 * <p>It works on the whole file in memory (fax files are small; {@link Limits#maxFileBytes()} bounds
 * it). Malformed structure gives a {@link TiffFormatException}; nothing else escapes on bad input.
 * Pages of other kinds (LZW, JPEG, grey, colour) are listed but not decoded here: see
 * {@link ImageIoPages}.
 */
public final class TiffFaxReader {

    /**
     * @param maxFileBytes largest file accepted
     * @param maxPages     IFDs read at most
     * @param maxLength    largest ImageLength decoded
     * @param maxRasterBytes largest decoded page raster
     */
    public record Limits(long maxFileBytes, int maxPages, int maxLength, long maxRasterBytes) {
        public static final Limits DEFAULT = new Limits(256L << 20, 10_000, 100_000, 64L << 20);
    }

    private final byte[] d;
    private final boolean big;
    private final Limits limits;
    private final List<TiffPage> pages;

    private TiffFaxReader(byte[] data, Limits limits) throws TiffFormatException {
        this.d = data;
        this.limits = limits;
        if (data.length < 8) {
            throw new TiffFormatException("not a TIFF file: " + data.length + " bytes");
        }
        if (data[0] == 'I' && data[1] == 'I') {
            big = false;
        } else if (data[0] == 'M' && data[1] == 'M') {
            big = true;
        } else {
            throw new TiffFormatException("not a TIFF file: no II/MM byte order mark");
        }
        int magic = u16(2);
        if (magic == 43) {
            throw new TiffFormatException("BigTIFF is not supported");
        }
        if (magic != 42) {
            throw new TiffFormatException("not a TIFF file: magic " + magic);
        }
        List<TiffPage> list = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long ifd = u32(4);
        while (ifd != 0) {
            if (!seen.add(ifd)) {
                break; // a loop in the IFD chain: stop at the first repeat
            }
            if (list.size() >= limits.maxPages()) {
                throw new TiffFormatException("more than " + limits.maxPages() + " pages");
            }
            long[] next = new long[1];
            list.add(parseIfd(list.size(), ifd, next));
            ifd = next[0];
        }
        if (list.isEmpty()) {
            throw new TiffFormatException("TIFF file without images");
        }
        pages = Collections.unmodifiableList(list);
    }

    /** Parses the file's structure (not the image data). */
    public static TiffFaxReader open(byte[] data) throws TiffFormatException {
        return open(data, Limits.DEFAULT);
    }

    public static TiffFaxReader open(byte[] data, Limits limits) throws TiffFormatException {
        if (data.length > limits.maxFileBytes()) {
            throw new TiffFormatException("file larger than " + limits.maxFileBytes() + " bytes");
        }
        return new TiffFaxReader(data, limits);
    }

    public static TiffFaxReader open(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Limits.DEFAULT.maxFileBytes()) {
            throw new TiffFormatException("file larger than " + Limits.DEFAULT.maxFileBytes() + " bytes");
        }
        return open(Files.readAllBytes(file));
    }

    /** True if the data starts with a TIFF header. */
    public static boolean looksLikeTiff(byte[] d) {
        return d.length >= 4 && ((d[0] == 'I' && d[1] == 'I' && d[2] == 42 && d[3] == 0)
            || (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && d[3] == 42));
    }

    public List<TiffPage> pages() {
        return pages;
    }

    public int pageCount() {
        return pages.size();
    }

    public boolean bigEndian() {
        return big;
    }

    /** The file's bytes. */
    byte[] data() {
        return d;
    }

    // ---------------------------------------------------------------------------------------------
    // decoding

    /**
     * Decodes a bilevel page to a raster of ImageLength rows, 1 = black whatever the Photometric.
     *
     * @throws TiffFormatException if the page is not a bilevel page this reader decodes, or its strips
     *                             lie outside the file
     */
    public DecodedPage decodePage(int index) throws TiffFormatException {
        TiffPage p = pages.get(index);
        if (!p.isFaxBilevel()) {
            throw new TiffFormatException("page " + (index + 1) + " is not a bilevel fax image ("
                + p.codingName() + ", " + p.bitsPerSample() + " bit, " + p.samplesPerPixel() + " samples)");
        }
        if (p.width() < 1 || p.width() > T4Params.MAX_WIDTH) {
            throw new TiffFormatException("page " + (index + 1) + ": width " + p.width() + " out of range");
        }
        if (p.length() < 1 || p.length() > limits.maxLength()) {
            throw new TiffFormatException("page " + (index + 1) + ": length " + p.length() + " out of range");
        }
        if ((long) ((p.width() + 7) >>> 3) * p.length() > limits.maxRasterBytes()) {
            throw new TiffFormatException("page " + (index + 1) + ": raster larger than " + limits.maxRasterBytes());
        }
        long[] offs = p.stripOffsets();
        long[] counts = p.stripByteCounts();
        if (offs == null || offs.length == 0) {
            throw new TiffFormatException("page " + (index + 1) + ": no StripOffsets");
        }
        long rps = p.rowsPerStrip() <= 0 ? p.length() : Math.min(p.rowsPerStrip(), p.length());
        int width = p.width();
        int length = p.length();
        int rb = (width + 7) >>> 3;
        byte[] raster = new byte[rb * length];
        FillOrder fo = FillOrder.ofTiff(p.fillOrder());
        int y = 0;
        PageEnd lastEnd = PageEnd.NONE;
        T4Decoder dec = null;
        int bad = 0;
        int consecutive = 0;
        int maxConsecutive = 0;
        if (p.compression() != 1) {
            T4Params params = switch (p.compression()) {
                case 2 -> T4Params.rle(width);
                case 3 -> ((p.t4Options() & 1) != 0 ? T4Params.mr(width, 0) : T4Params.mh(width))
                    .withEolAligned((p.t4Options() & 4) != 0);
                default -> T4Params.mmr(width);
            };
            dec = new T4Decoder(params.withFillOrder(fo), new DecodeLimits(length, length));
        }
        for (int s = 0; s < offs.length && y < length; s++) {
            long off = offs[s];
            long count = counts != null && s < counts.length ? counts[s] : d.length - off;
            if (off < 0 || off > d.length) {
                break; // a strip outside the file: its rows count as bad below
            }
            count = Math.max(0, Math.min(count, d.length - off));
            int rowsHere = (int) Math.min(rps, length - y);
            if (dec == null) {
                int rows = (int) Math.min(rowsHere, count / rb);
                for (int r = 0; r < rows; r++) {
                    int src = (int) off + r * rb;
                    System.arraycopy(d, src, raster, y * rb, rb);
                    if (fo == FillOrder.LSB_FIRST) {
                        for (int i = 0; i < rb; i++) {
                            raster[y * rb + i] = (byte) (Integer.reverse(raster[y * rb + i] & 0xFF) >>> 24);
                        }
                    }
                    y++;
                }
                continue;
            }
            dec.startStrip();
            dec.feed(d, (int) off, (int) count);
            dec.endOfInput();
            int target = y + rowsHere;
            while (y < target) { // the whole strip is fed: decode it in page-sized calls
                int n = dec.nextRows(raster, y * rb, target - y);
                if (n <= 0) {
                    break;
                }
                y += n;
            }
            lastEnd = dec.pageEnd();
            while (y < target) {
                dec.repeatLastRow(raster, y * rb);
                y++;
            }
        }
        if (dec != null) {
            while (y < length) {
                dec.repeatLastRow(raster, y * rb);
                y++;
            }
            bad = dec.badLines();
            maxConsecutive = dec.consecutiveBadLines();
        } else if (y < length) {
            bad = length - y;
            maxConsecutive = bad;
            y = length;
        }
        if (p.photometric() == 1) {
            for (int i = 0; i < raster.length; i++) {
                raster[i] = (byte) ~raster[i];
            }
            int padBits = rb * 8 - width;
            if (padBits > 0) {
                for (int r = 0; r < length; r++) {
                    raster[r * rb + rb - 1] &= (byte) (0xFF << padBits);
                }
            }
        }
        Bilevel img = new Bilevel(width, length, p.xdpi(), p.ydpi(), raster);
        return new DecodedPage(img, new FaxQuality(bad, bad == 0 ? 0 : 1, maxConsecutive), lastEnd);
    }

    // ---------------------------------------------------------------------------------------------
    // conformance

    /**
     * Strict mode: every departure from TIFF-F (RFC 3949 profile F, which contains profile S), one line
     * each, "page N: ..." for page fields. Empty when the file conforms.
     */
    public List<String> deviations() {
        List<String> out = new ArrayList<>();
        int total = pages.size();
        for (TiffPage p : pages) {
            String w = "page " + (p.index() + 1) + ": ";
            if (p.newSubfileType() == -1) {
                out.add(w + "NewSubfileType missing (should be 2, page of a multi-page document)");
            } else if ((p.newSubfileType() & 2) == 0 || (p.newSubfileType() & ~2L) != 0) {
                out.add(w + "NewSubfileType " + p.newSubfileType() + " (should be 2)");
            }
            if (p.bitsPerSample() != 1) {
                out.add(w + "BitsPerSample " + p.bitsPerSample() + " (must be 1)");
            }
            if (p.samplesPerPixel() != 1) {
                out.add(w + "SamplesPerPixel " + p.samplesPerPixel() + " (must be 1)");
            }
            if (p.compression() != 3 && p.compression() != 4) {
                out.add(w + "Compression " + p.compression() + " (must be 3 or 4)");
            }
            if (p.compression() == 3 && (p.t4Options() & ~5L) != 0) {
                out.add(w + "T4Options " + p.t4Options() + " (only bits 0 and 2 allowed; no uncompressed mode)");
            }
            if (p.compression() == 4 && p.t6Options() != 0) {
                out.add(w + "T6Options " + p.t6Options() + " (must be 0)");
            }
            if (p.photometric() != 0) {
                out.add(w + "PhotometricInterpretation " + p.photometric() + " (must be 0, white is zero)");
            }
            if (p.fillOrder() != 1 && p.fillOrder() != 2) {
                out.add(w + "FillOrder " + p.fillOrder() + " (must be 1 or 2)");
            }
            if (p.stripOffsets() == null) {
                out.add(w + "StripOffsets missing");
            } else if (p.stripOffsets().length != 1) {
                out.add(w + p.stripOffsets().length + " strips (TIFF-F wants one strip per page)");
            }
            if (p.stripByteCounts() == null) {
                out.add(w + "StripByteCounts missing");
            }
            if (p.rowsPerStrip() != -1 && p.rowsPerStrip() < p.length()) {
                out.add(w + "RowsPerStrip " + p.rowsPerStrip() + " (should be ImageLength " + p.length() + ")");
            }
            if (p.resolutionUnit() != 2 && p.resolutionUnit() != 3) {
                out.add(w + "ResolutionUnit " + p.resolutionUnit() + " (must be 2 inch or 3 cm)");
            }
            long x = Math.round(p.xdpi());
            if (p.xResolution() == 0) {
                out.add(w + "XResolution missing");
            } else if (x != 204 && x != 200 && x != 300 && x != 400 && x != 408) {
                out.add(w + "XResolution " + p.xResolution() + " (fax: 204, 200, 300, 400 or 408 dpi)");
            }
            long yv = Math.round(p.ydpi());
            if (p.yResolution() == 0) {
                out.add(w + "YResolution missing");
            } else if (yv != 98 && yv != 196 && yv != 391 && yv != 100 && yv != 200 && yv != 300 && yv != 400) {
                out.add(w + "YResolution " + p.yResolution() + " (fax: 98, 196, 391, 100, 200, 300 or 400 lpi)");
            }
            if (!allowedWidth(x, p.width())) {
                out.add(w + "ImageWidth " + p.width() + " not a fax width at " + x + " dpi");
            }
            if (p.pageNumber() == null) {
                out.add(w + "PageNumber missing");
            } else {
                if (p.pageNumber()[0] != p.index()) {
                    out.add(w + "PageNumber " + p.pageNumber()[0] + " (should be " + p.index() + ")");
                }
                if (p.pageNumber()[1] != 0 && p.pageNumber()[1] != total) {
                    out.add(w + "PageNumber total " + p.pageNumber()[1] + " (the file has " + total + " pages)");
                }
            }
            if (p.planarConfig() != 1) {
                out.add(w + "PlanarConfiguration " + p.planarConfig() + " (must be 1)");
            }
        }
        return out;
    }

    /** True if the file conforms to profile S, the minimum set: MH, 1728 wide, 204 × 98/196 dpi. */
    public boolean isProfileS() {
        if (!deviations().isEmpty()) {
            return false;
        }
        for (TiffPage p : pages) {
            long y = Math.round(p.ydpi());
            if (p.compression() != 3 || (p.t4Options() & 1) != 0 || p.width() != 1728
                || Math.round(p.xdpi()) != 204 && Math.round(p.xdpi()) != 200
                || y != 98 && y != 196 && y != 100 && y != 200) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowedWidth(long xdpi, int width) {
        if (xdpi == 204 || xdpi == 200) {
            return width == 1728 || width == 2048 || width == 2432 || width == 864 || width == 1216;
        }
        if (xdpi == 300) {
            return width == 2592 || width == 3072 || width == 3648;
        }
        if (xdpi == 400 || xdpi == 408) {
            return width == 3456 || width == 4096 || width == 4864;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // IFD parsing

    private TiffPage parseIfd(int index, long pos, long[] next) throws TiffFormatException {
        check(pos, 2);
        int n = u16((int) pos);
        if (n == 0 || n > 4096) {
            throw new TiffFormatException("IFD " + (index + 1) + " has " + n + " entries");
        }
        check(pos + 2, 12L * n + 4);
        long newSubfileType = -1;
        int width = -1;
        int length = -1;
        int bps = 1;
        int spp = 1;
        int compression = 1;
        int photometric = -1;
        int fillOrder = 1;
        long t4 = 0;
        long t6 = 0;
        long rps = -1;
        long[] offsets = null;
        long[] counts = null;
        double xres = 0;
        double yres = 0;
        int unit = 2;
        int[] pageNumber = null;
        int planar = 1;
        long badLines = -1;
        int clean = -1;
        long consecutive = -1;
        String software = null;
        String dateTime = null;
        for (int i = 0; i < n; i++) {
            int e = (int) pos + 2 + 12 * i;
            int tag = u16(e);
            int type = u16(e + 2);
            long count = u32(e + 4);
            int size = typeSize(type);
            if (size == 0 || count == 0 || count > 1_000_000) {
                continue; // unknown type or absurd count: ignore the entry, as TIFF readers do
            }
            long bytes = count * size;
            long valuePos = bytes <= 4 ? e + 8 : u32(e + 8);
            if (valuePos + bytes > d.length) {
                continue;
            }
            int vp = (int) valuePos;
            switch (tag) {
                case Tag.NEW_SUBFILE_TYPE -> newSubfileType = num(type, vp);
                case Tag.IMAGE_WIDTH -> width = (int) Math.min(Integer.MAX_VALUE, num(type, vp));
                case Tag.IMAGE_LENGTH -> length = (int) Math.min(Integer.MAX_VALUE, num(type, vp));
                case Tag.BITS_PER_SAMPLE -> bps = (int) num(type, vp);
                case Tag.SAMPLES_PER_PIXEL -> spp = (int) num(type, vp);
                case Tag.COMPRESSION -> compression = (int) num(type, vp);
                case Tag.PHOTOMETRIC -> photometric = (int) num(type, vp);
                case Tag.FILL_ORDER -> fillOrder = (int) num(type, vp);
                case Tag.T4_OPTIONS -> t4 = num(type, vp);
                case Tag.T6_OPTIONS -> t6 = num(type, vp);
                case Tag.ROWS_PER_STRIP -> rps = num(type, vp);
                case Tag.STRIP_OFFSETS -> offsets = nums(type, vp, (int) count);
                case Tag.STRIP_BYTE_COUNTS -> counts = nums(type, vp, (int) count);
                case Tag.X_RESOLUTION -> xres = rational(type, vp);
                case Tag.Y_RESOLUTION -> yres = rational(type, vp);
                case Tag.RESOLUTION_UNIT -> unit = (int) num(type, vp);
                case Tag.PLANAR_CONFIG -> planar = (int) num(type, vp);
                case Tag.PAGE_NUMBER -> {
                    if (count >= 2) {
                        long[] v = nums(type, vp, 2);
                        pageNumber = new int[] {(int) v[0], (int) v[1]};
                    }
                }
                case Tag.BAD_FAX_LINES -> badLines = num(type, vp);
                case Tag.CLEAN_FAX_DATA -> clean = (int) num(type, vp);
                case Tag.CONSECUTIVE_BAD_FAX_LINES -> consecutive = num(type, vp);
                case Tag.SOFTWARE -> software = ascii(vp, (int) count);
                case Tag.DATE_TIME -> dateTime = ascii(vp, (int) count);
                default -> {
                }
            }
        }
        next[0] = u32((int) pos + 2 + 12 * n);
        if (width < 1 || length < 0) {
            throw new TiffFormatException("page " + (index + 1) + ": ImageWidth or ImageLength missing");
        }
        return new TiffPage(index, big, newSubfileType, width, length, bps, spp, compression, photometric, fillOrder,
            t4, t6, rps, offsets, counts, xres, yres, unit, pageNumber, planar, badLines, clean, consecutive,
            software, dateTime);
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11 -> 4;
            case 5, 10, 12 -> 8;
            default -> 0;
        };
    }

    private long num(int type, int p) {
        return switch (type) {
            case 1, 6, 7 -> d[p] & 0xFF;
            case 3, 8 -> u16(p);
            case 4, 9 -> u32(p);
            default -> (long) rational(type, p);
        };
    }

    private long[] nums(int type, int p, int count) {
        long[] v = new long[count];
        int size = typeSize(type);
        for (int i = 0; i < count; i++) {
            v[i] = num(type, p + i * size);
        }
        return v;
    }

    private double rational(int type, int p) {
        if (type == 5 || type == 10) {
            long num = u32(p);
            long den = u32(p + 4);
            return den == 0 ? 0 : (double) num / den;
        }
        if (type == 3 || type == 4) {
            return num(type, p);
        }
        return 0;
    }

    private String ascii(int p, int count) {
        int e = p;
        while (e < p + count && d[e] != 0) {
            e++;
        }
        return new String(d, p, e - p, StandardCharsets.ISO_8859_1);
    }

    private void check(long pos, long len) throws TiffFormatException {
        if (pos < 0 || pos + len > d.length) {
            throw new TiffFormatException("offset " + pos + " beyond the end of the file (" + d.length + " bytes)");
        }
    }

    private int u16(int p) {
        return big ? (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF) : (d[p + 1] & 0xFF) << 8 | (d[p] & 0xFF);
    }

    private long u32(int p) {
        long v = big
            ? (d[p] & 0xFFL) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | (d[p + 3] & 0xFF)
            : (d[p + 3] & 0xFFL) << 24 | (d[p + 2] & 0xFF) << 16 | (d[p + 1] & 0xFF) << 8 | (d[p] & 0xFF);
        return v;
    }
}
