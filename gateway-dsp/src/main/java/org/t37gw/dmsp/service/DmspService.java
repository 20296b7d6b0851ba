package org.t37gw.dmsp.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.t37gw.ccapi.Dmsp;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.PageSource;
import org.t37gw.dmsp.convert.DocumentPages;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.render.PaperSize;
import org.t37gw.dmsp.render.RenderException;

/**
 * The {@link Dmsp} the gateway offers: documents to fax pages with {@link DocumentPages} and the T.4/T.6 encoder,
 * received pages to TIFF-F with {@link TiffPageSink}. Page data follows {@link FaxPages}' convention.
 */
public final class DmspService implements Dmsp {

    private final DocumentPages.Options base;

    /** With {@link DocumentPages.Options#DEFAULT} (A4, auto black and white, no header). */
    public DmspService() {
        this(DocumentPages.Options.DEFAULT);
    }

    /** With these conversion options; each call sets the paper and resolution from its page format. */
    public DmspService(DocumentPages.Options base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * The document's pages at the format's resolution on paper as wide as the format (1728: A4, 2048: B4,
     * 2432: A3), coded in the format's coding as each page is taken. Rendering happens here, up front (a document
     * that cannot be rendered fails now, not mid-call).
     *
     * @throws IOException for an unreadable file, or a document that cannot be rendered (the cause is the
     *                     {@link RenderException} with its reason)
     */
    @Override
    public PageSource docToFax(Path document, String contentType, PageFormat format) throws IOException {
        Objects.requireNonNull(format, "format");
        PaperSize paper = switch (format.widthPixels()) {
            case 2048 -> PaperSize.B4;
            case 2432 -> PaperSize.A3;
            default -> PaperSize.A4;
        };
        DocumentPages dp = new DocumentPages(base.withPaper(paper)
                .withResolution(org.t37gw.dmsp.render.FaxResolution.valueOf(format.resolution().name())));
        List<Bilevel> pages;
        try {
            pages = dp.toFaxPages(document, contentType);
        } catch (RenderException e) {
            throw new IOException(document + ": " + e.getMessage(), e);
        }
        if (pages.isEmpty()) {
            throw new IOException(document + ": no pages");
        }
        return new RasterPages(pages, format);
    }

    @Override
    public TiffPageSink faxToDoc(Path target, PageFormat format) throws IOException {
        return new TiffPageSink(target, format);
    }

    /** Rendered pages, coded one at a time. */
    static final class RasterPages implements PageSource {
        private final List<Bilevel> pages;
        private final PageFormat format;
        private int next;
        private boolean closed;

        RasterPages(List<Bilevel> pages, PageFormat format) {
            this.pages = List.copyOf(pages);
            this.format = format;
        }

        @Override
        public synchronized boolean hasNext() {
            return !closed && next < pages.size();
        }

        @Override
        public synchronized FaxPage next() throws IOException {
            if (!hasNext()) {
                throw new NoSuchElementException(closed ? "closed" : "no more pages");
            }
            return FaxPages.encode(pages.get(next++), format.coding());
        }

        @Override
        public synchronized void close() {
            closed = true;
        }
    }
}
