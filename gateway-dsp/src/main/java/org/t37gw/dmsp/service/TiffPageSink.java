package org.t37gw.dmsp.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.t37gw.ccapi.Dmsp;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.PageSink;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.render.FaxPageImage;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

/**
 * Received pages into a TIFF-F file ({@link Dmsp#faxToDoc}).
 *
 * <ul>
 *   <li>Pages are appended to {@code TARGET.part} (same directory) as they arrive, each forced to disk before it is
 *       linked in ({@link TiffFaxWriter} with fsync per page), so a crash leaves a readable file of the pages so
 *       far.</li>
 *   <li>Coding: the format's, when a format is given; otherwise the first page's coding ("as received"), later
 *       pages coded again in it if they came in another (a TIFF file has one coding here). Resolution: the
 *       format's, when given (lines repeated or ORed, {@link FaxPageImage#withResolution}); otherwise the page's.
 *       Widths are kept. Pages are always decoded and coded again: pixel for pixel the same.</li>
 *   <li>{@link #close()}: page counts filled in, file forced, renamed onto {@code TARGET} (atomic where the file
 *       system can), directory forced. With no page at all it throws and leaves nothing.</li>
 *   <li>{@link #abort()}: a received fax is never dropped. With pages written, the file is completed with those
 *       pages and renamed onto {@code TARGET} just as {@code close()} does; with none, the partial file is deleted.
 *       {@link #pagesWritten()} and {@link #complete()} tell the caller what it has.</li>
 * </ul>
 *
 * <p>Thread-safe (the session and the application may call it from different threads).
 */
public final class TiffPageSink implements PageSink {
    private static final Logger LOG = LoggerFactory.getLogger(TiffPageSink.class);

    private final Path target;
    private final Path temp;
    private final Dmsp.PageFormat format;
    private TiffFaxWriter writer;
    private FaxCoding coding;
    private int pages;
    private boolean ended;
    private boolean complete;
    private boolean delivered;

    TiffPageSink(Path target, Dmsp.PageFormat format) throws IOException {
        Path abs = target.toAbsolutePath();
        this.target = abs;
        this.temp = abs.resolveSibling(abs.getFileName() + ".part");
        this.format = format;
        Files.createDirectories(abs.getParent());
        Files.deleteIfExists(temp);
    }

    /** The file the document ends up in. */
    public Path target() {
        return target;
    }

    /** Pages written so far (all of them durable). */
    public synchronized int pagesWritten() {
        return pages;
    }

    /** Whether the sink was closed normally (every page, session successful). */
    public synchronized boolean complete() {
        return complete;
    }

    /** Whether {@link #target()} holds a document (after close, or after an abort with pages). */
    public synchronized boolean delivered() {
        return delivered;
    }

    @Override
    public synchronized void accept(FaxPage page) throws IOException {
        if (ended) {
            throw new IllegalStateException("page after the document was " + (complete ? "closed" : "aborted"));
        }
        Bilevel b = FaxPages.decode(page);
        if (format != null && format.resolution() != page.resolution()) {
            b = FaxPageImage.fromBilevel(b)
                    .withResolution(org.t37gw.dmsp.render.FaxResolution.valueOf(format.resolution().name()))
                    .toBilevel();
        }
        if (writer == null) {
            coding = format != null ? format.coding() : page.coding();
            writer = new TiffFaxWriter(temp, TiffFaxWriter.Options.of(FaxPages.coding(coding)).withFsync(true));
            forceDirectory();
        }
        writer.addPage(b);
        pages++;
        LOG.debug("{}: page {} written ({} rows, {} as {})", temp.getFileName(), pages, b.height(), page.coding(),
                coding);
    }

    @Override
    public synchronized void close() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        if (pages == 0) {
            discard();
            throw new IOException(target + ": no pages received");
        }
        deliver();
        complete = true;
    }

    @Override
    public synchronized void abort() {
        if (ended) {
            return;
        }
        ended = true;
        if (pages == 0) {
            discard();
            return;
        }
        try {
            deliver();
            LOG.info("{}: session failed, the {} page(s) received are kept", target, pages);
        } catch (IOException e) {
            LOG.error("{}: keeping the {} page(s) received failed; they stay in {}", target, pages, temp, e);
        }
    }

    private void deliver() throws IOException {
        writer.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        delivered = true;
    }

    private void discard() {
        try {
            if (writer != null) {
                writer.close();
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("{}: cannot remove {}: {}", target, temp, e.toString());
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force directory {}: {}", target.getParent(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "TiffPageSink[" + target + ", " + pagesWritten() + " pages]";
    }
}
