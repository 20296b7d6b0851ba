package org.t37gw.dmsp.tiff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;

/**
 * Writes multi-page TIFF-F files (RFC 3949 profile S with MH at 1728 pixels, profile F otherwise), one
 * page at a time, as pages arrive.
 *
 * <p>Layout: the 8-byte header, then per page its strip followed by its IFD. A page's IFD is linked in
 * (the previous IFD's next pointer, or the header's, is patched) only after its strip and IFD are
 * written, and, with {@link Options#fsyncEachPage()}, forced to disk before and after the link; so a
 * file cut anywhere after page N is a valid file of N pages. {@link #close()} fills in PageNumber's
 * page count (0, "unknown", until then).
 *
 * <p>Each IFD has NewSubfileType 2, ImageWidth, ImageLength, BitsPerSample 1, Compression 3 or 4,
 * PhotometricInterpretation 0, FillOrder, StripOffsets, SamplesPerPixel 1, RowsPerStrip = ImageLength,
 * StripByteCounts, XResolution 204, YResolution 98/196/391, T4Options or T6Options, ResolutionUnit 2,
 * PageNumber, Software, DateTime, and BadFaxLines/CleanFaxData/ConsecutiveBadFaxLines when known.
 */
public final class TiffFaxWriter implements Closeable {

    /**
     * @param coding        MH and MR give Compression 3, MMR Compression 4
     * @param fillOrder     FillOrder of the strips (profile S readers must take both; 2 is the fax line's)
     * @param eolAligned    T4Options bit 2: EOLs end on byte boundaries
     * @param rtc           end each MH/MR strip with RTC (MMR strips always end with EOFB)
     * @param software      the Software tag, or null
     * @param fsyncEachPage force each page to disk before it is linked in, and after
     */
    public record Options(Coding coding, FillOrder fillOrder, boolean eolAligned, boolean rtc, String software,
                          boolean fsyncEachPage) {

        /** Profile S: MH, FillOrder 1 as libtiff writes by default, EOLs not aligned, no RTC. */
        public static Options profileS() {
            return new Options(Coding.MH, FillOrder.MSB_FIRST, false, false, "t37gw", false);
        }

        public static Options of(Coding coding) {
            return new Options(coding, FillOrder.MSB_FIRST, false, false, "t37gw", false);
        }

        public Options withFillOrder(FillOrder f) {
            return new Options(coding, f, eolAligned, rtc, software, fsyncEachPage);
        }

        public Options withEolAligned(boolean a) {
            return new Options(coding, fillOrder, a, rtc, software, fsyncEachPage);
        }

        public Options withRtc(boolean r) {
            return new Options(coding, fillOrder, eolAligned, r, software, fsyncEachPage);
        }

        public Options withFsync(boolean f) {
            return new Options(coding, fillOrder, eolAligned, rtc, software, f);
        }
    }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private final FileChannel ch;
    private final Options options;
    private final Supplier<LocalDateTime> clock;
    private final List<Long> pageNumberPositions = new ArrayList<>();
    private long end;
    private long nextPointerPos = 4;
    private boolean closed;

    // page in progress
    private T4Encoder encoder;
    private int pageWidth;
    private double pageYdpi;
    private long stripStart;
    private int pageRows;

    /** Creates (or truncates) {@code file}. */
    public TiffFaxWriter(Path file, Options options) throws IOException {
        this(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, StandardOpenOption.READ), options, LocalDateTime::now);
    }

    /** Writes to an empty channel, taking DateTime from {@code clock}. */
    public TiffFaxWriter(FileChannel ch, Options options, Supplier<LocalDateTime> clock) throws IOException {
        this.ch = ch;
        this.options = options;
        this.clock = clock;
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0).flip();
        writeAt(h, 0);
        end = 8;
    }

    /** Pages written so far. */
    public int pages() {
        return pageNumberPositions.size();
    }

    /** Writes a whole page from a raster. */
    public void addPage(Bilevel page) throws IOException {
        beginPage(page.width(), page.ydpi());
        int rb = page.rowBytes();
        byte[] d = page.data();
        for (int y = 0; y < page.height(); y++) {
            writeRow(d, y * rb);
        }
        endPage(null);
    }

    /** Starts a page of {@code width} pixels at {@code ydpi} lines per inch (98, 196 or 391). */
    public void beginPage(int width, double ydpi) {
        if (encoder != null) {
            throw new IllegalStateException("page already begun");
        }
        T4Params p = switch (options.coding()) {
            case MH -> T4Params.mh(width);
            case MR -> T4Params.mr(width, 0);
            case MMR -> T4Params.mmr(width);
        };
        p = p.withFillOrder(options.fillOrder());
        if (options.coding() != Coding.MMR) {
            p = p.withEolAligned(options.eolAligned()).withEndOfPage(options.rtc());
        }
        encoder = new T4Encoder(p);
        pageWidth = width;
        pageYdpi = ydpi;
        stripStart = end;
        pageRows = 0;
    }

    /** Encodes one packed row of the current page and appends its coded bytes to the strip. */
    public void writeRow(byte[] row, int off) throws IOException {
        encoder.encodeRow(row, off);
        pageRows++;
        if (encoder.size() >= 65536) {
            flushStrip();
        }
    }

    /**
     * Writes the page's strip end and IFD and links it in.
     *
     * @param quality the receiver's bad-line counts, or null when not known
     */
    public void endPage(FaxQuality quality) throws IOException {
        encoder.endPage();
        flushStrip();
        long stripBytes = end - stripStart;
        T4Params p = encoder.params();
        encoder = null;
        long ifdPos = (end + 1) & ~1L;
        List<long[]> entries = new ArrayList<>();
        // entry: tag, type, count, value (inline) -- out-of-line values handled below
        entries.add(new long[] {Tag.NEW_SUBFILE_TYPE, Tag.LONG, 1, 2});
        entries.add(new long[] {Tag.IMAGE_WIDTH, Tag.LONG, 1, pageWidth});
        entries.add(new long[] {Tag.IMAGE_LENGTH, Tag.LONG, 1, pageRows});
        entries.add(new long[] {Tag.BITS_PER_SAMPLE, Tag.SHORT, 1, 1});
        entries.add(new long[] {Tag.COMPRESSION, Tag.SHORT, 1, p.coding() == Coding.MMR ? 4 : 3});
        entries.add(new long[] {Tag.PHOTOMETRIC, Tag.SHORT, 1, 0});
        entries.add(new long[] {Tag.FILL_ORDER, Tag.SHORT, 1, p.fillOrder().tiffValue()});
        entries.add(new long[] {Tag.STRIP_OFFSETS, Tag.LONG, 1, stripStart});
        entries.add(new long[] {Tag.SAMPLES_PER_PIXEL, Tag.SHORT, 1, 1});
        entries.add(new long[] {Tag.ROWS_PER_STRIP, Tag.LONG, 1, pageRows});
        entries.add(new long[] {Tag.STRIP_BYTE_COUNTS, Tag.LONG, 1, stripBytes});
        entries.add(new long[] {Tag.X_RESOLUTION, Tag.RATIONAL, 1, -1});
        entries.add(new long[] {Tag.Y_RESOLUTION, Tag.RATIONAL, 1, -2});
        if (p.coding() == Coding.MMR) {
            entries.add(new long[] {Tag.T6_OPTIONS, Tag.LONG, 1, 0});
        } else {
            entries.add(new long[] {Tag.T4_OPTIONS, Tag.LONG, 1,
                (p.coding() == Coding.MR ? 1 : 0) | (p.eolAligned() ? 4 : 0)});
        }
        entries.add(new long[] {Tag.RESOLUTION_UNIT, Tag.SHORT, 1, 2});
        entries.add(new long[] {Tag.PAGE_NUMBER, Tag.SHORT, 2, pages()}); // second short: total, later
        byte[] software = options.software() == null ? null
            : (options.software() + "\0").getBytes(StandardCharsets.US_ASCII);
        if (software != null) {
            entries.add(new long[] {Tag.SOFTWARE, Tag.ASCII, software.length, -3});
        }
        byte[] dateTime = (clock.get().format(DATE_TIME) + "\0").getBytes(StandardCharsets.US_ASCII);
        entries.add(new long[] {Tag.DATE_TIME, Tag.ASCII, dateTime.length, -4});
        if (quality != null) {
            entries.add(new long[] {Tag.BAD_FAX_LINES, Tag.LONG, 1, quality.badFaxLines()});
            entries.add(new long[] {Tag.CLEAN_FAX_DATA, Tag.SHORT, 1, quality.cleanFaxData()});
            entries.add(new long[] {Tag.CONSECUTIVE_BAD_FAX_LINES, Tag.LONG, 1, quality.consecutiveBadFaxLines()});
        }
        int n = entries.size();
        int ifdSize = 2 + 12 * n + 4;
        long extra = ifdPos + ifdSize;
        long xresPos = extra;
        long yresPos = xresPos + 8;
        long softwarePos = yresPos + 8;
        long datePos = softwarePos + (software == null ? 0 : (software.length + 1) & ~1);
        long endPos = datePos + ((dateTime.length + 1) & ~1);
        ByteBuffer b = ByteBuffer.allocate((int) (endPos - end)).order(ByteOrder.LITTLE_ENDIAN);
        b.position((int) (ifdPos - end));
        b.putShort((short) n);
        long pageNumberPos = 0;
        for (long[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt((int) e[2]);
            long v = e[3];
            if (v == -1) {
                b.putInt((int) xresPos);
            } else if (v == -2) {
                b.putInt((int) yresPos);
            } else if (v == -3) {
                b.putInt((int) softwarePos);
            } else if (v == -4) {
                b.putInt((int) datePos);
            } else if (e[0] == Tag.PAGE_NUMBER) {
                pageNumberPos = end + b.position();
                b.putShort((short) v).putShort((short) 0);
            } else if (e[1] == Tag.SHORT) {
                b.putShort((short) v).putShort((short) 0);
            } else {
                b.putInt((int) v);
            }
        }
        b.putInt(0);
        b.putInt(204).putInt(1);
        b.putInt((int) Math.round(pageYdpi)).putInt(1);
        if (software != null) {
            b.put(software);
            if ((software.length & 1) != 0) {
                b.put((byte) 0);
            }
        }
        b.put(dateTime);
        b.flip();
        writeAt(b, end);
        end = endPos;
        if (options.fsyncEachPage()) {
            ch.force(false);
        }
        ByteBuffer link = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) ifdPos).flip();
        writeAt(link, nextPointerPos);
        if (options.fsyncEachPage()) {
            ch.force(false);
        }
        nextPointerPos = ifdPos + 2 + 12L * n;
        pageNumberPositions.add(pageNumberPos);
        if (end > 0xFFFF_FFF0L) {
            throw new IOException("TIFF file over 4 GB");
        }
    }

    /** Fills in the page count of every PageNumber, forces the file to disk and closes it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int total = pages();
            for (int i = 0; i < total; i++) {
                ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                b.putShort((short) i).putShort((short) total).flip();
                writeAt(b, pageNumberPositions.get(i));
            }
            ch.force(true);
        } finally {
            ch.close();
        }
    }

    private void flushStrip() throws IOException {
        int size = encoder.size();
        if (size > 0) {
            writeAt(ByteBuffer.wrap(encoder.buffer(), 0, size), end);
            end += size;
            encoder.clear();
        }
    }

    private void writeAt(ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }
}
