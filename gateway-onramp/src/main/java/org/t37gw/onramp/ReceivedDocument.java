package org.t37gw.onramp;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.dialpeer.DialPeer;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.tiff.FaxQuality;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

/**
 * The TIFF-F file a received fax grows into, one page at a time, each page forced to disk before it is
 * linked into the file ({@link TiffFaxWriter.Options#fsyncEachPage()}), so a crash after page N leaves a
 * valid file of N pages. Pages are decoded and written in the mmoip dial-peer's {@code image encoding}
 * (passthrough: the coding of the first received page) and {@code image resolution} (passthrough: each
 * page's own).
 *
 * <p>Not thread-safe: the caller serializes.
 */
final class ReceivedDocument implements AutoCloseable {

    private final Path file;
    private final DialPeer.ImageEncoding encoding;
    private final DialPeer.ImageResolution resolution;
    private final DecodeLimits limits;
    private final Clock clock;
    private TiffFaxWriter writer;
    private FaxCoding coding;
    private FaxResolution lastResolution;
    private int badLines;
    private boolean closed;

    ReceivedDocument(Path file, DialPeer.ImageEncoding encoding, DialPeer.ImageResolution resolution,
                     DecodeLimits limits, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.resolution = Objects.requireNonNull(resolution, "resolution");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Path file() {
        return file;
    }

    /** Pages durable in the file. */
    int pages() {
        return writer == null ? 0 : writer.pages();
    }

    /** Rows of all pages that did not decode. */
    int badLines() {
        return badLines;
    }

    /** The coding of the file, or {@code null} before the first page. */
    FaxCoding coding() {
        return coding;
    }

    /** The resolution of the last page written, or {@code null} before the first page. */
    FaxResolution resolution() {
        return lastResolution;
    }

    /** Decodes, converts and appends one page; when this returns the page is on disk. */
    void add(FaxPage page) throws IOException {
        if (closed) {
            throw new IOException("document " + file + " already closed");
        }
        PageRaster raster = PageRaster.decode(page, limits);
        if (resolution != DialPeer.ImageResolution.PASSTHROUGH) {
            raster = raster.withResolution(FaxResolution.valueOf(resolution.name()));
        }
        if (writer == null) {
            coding = encoding == DialPeer.ImageEncoding.PASSTHROUGH ? page.coding()
                    : FaxCoding.valueOf(encoding.name());
            writer = open(file, coding, clock);
        }
        writer.beginPage(raster.width(), PageRaster.ydpi(raster.resolution()));
        int rb = raster.rowBytes();
        byte[] d = raster.data();
        for (int y = 0; y < raster.rows(); y++) {
            writer.writeRow(d, y * rb);
        }
        writer.endPage(new FaxQuality(raster.badLines(), raster.badLines() == 0 ? 0 : 1, raster.consecutiveBad()));
        badLines += raster.badLines();
        lastResolution = raster.resolution();
    }

    /** Fills in the page count and closes the file (it stays where it is). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            writer.close();
        }
    }

    /** A new TIFF-F writer at {@code file}, forcing each page, its directory entry forced too. */
    static TiffFaxWriter open(Path file, FaxCoding coding, Clock clock) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        TiffFaxWriter w;
        try {
            w = new TiffFaxWriter(ch, TiffFaxWriter.Options.of(PageRaster.tiffCoding(coding)).withFsync(true),
                    () -> LocalDateTime.now(clock));
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        fsyncDirectory(file.getParent());
        return w;
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // some file systems cannot fsync a directory; the file itself is forced
        }
    }
}
