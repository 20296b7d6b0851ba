package org.t37gw.fmsp.session;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.dmsp.service.FaxPages;
import org.t37gw.fmsp.t30.PageDescription;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.PageSource;
import org.t37gw.fmsp.terminal.TiffPageSource;

/**
 * The core's streaming {@link org.t37gw.ccapi.PageSource} as the T.30 engine's {@link PageSource}: pages are taken
 * from the core source only when the engine gets to them (one page ahead, to choose MPS or EOP), decoded to a
 * raster and coded again in the negotiated coding with the fill the minimum scan line time needs, as
 * {@link TiffPageSource} does. Only the pages around the current one stay in memory.
 *
 * <p>The engine does not expect {@code pageCount()} or {@code describe()} to fail, so a page that cannot be taken
 * from the core source is reported as "one more page" described like the one before it, and fails in
 * {@link #pageData}: the session ends with {@code PAGE_SOURCE_ERROR} rather than quietly sending fewer pages.
 */
final class StreamingPageSource implements PageSource {
    private final org.t37gw.ccapi.PageSource source;
    /** Fetched pages by index, as one-page raster sources; only the last few are kept. */
    private final Map<Integer, TiffPageSource> pages = new TreeMap<>();
    private int fetched;
    private Exception failure;
    private int failedIndex = -1;
    private PageDescription lastDescription;

    StreamingPageSource(org.t37gw.ccapi.PageSource source) {
        this.source = source;
    }

    /** Pages taken from the core source so far. */
    int fetched() {
        return fetched;
    }

    @Override
    public int pageCount() {
        if (failure != null) {
            return failedIndex + 1;
        }
        try {
            return fetched + (source.hasNext() ? 1 : 0);
        } catch (IOException | RuntimeException e) {
            fail(fetched, e);
            return failedIndex + 1;
        }
    }

    @Override
    public PageDescription describe(int index) {
        TiffPageSource p = page(index);
        if (p == null) {
            if (lastDescription != null) {
                return lastDescription;
            }
            return PageDescription.of(org.t37gw.fmsp.t30.Resolution.STANDARD, org.t37gw.fmsp.t30.Coding.values());
        }
        lastDescription = p.describe(0);
        return lastDescription;
    }

    @Override
    public byte[] pageData(int index, PageMode mode) {
        TiffPageSource p = page(index);
        if (p == null) {
            throw new IllegalStateException("page " + (index + 1) + " cannot be had: " + failure, failure);
        }
        return p.pageData(0, mode);
    }

    /** The page at {@code index}, taking pages from the core source up to it; null if that failed. */
    private TiffPageSource page(int index) {
        while (fetched <= index && failure == null) {
            try {
                FaxPage fp = source.next();
                pages.put(fetched, new TiffPageSource(List.of(FaxPages.decode(fp))));
                fetched++;
            } catch (IOException | RuntimeException e) {
                fail(fetched, e);
            }
        }
        pages.keySet().removeIf(i -> i < index - 1);
        return pages.get(index);
    }

    private void fail(int index, Exception e) {
        if (failure == null) {
            failure = e;
            failedIndex = index;
        }
    }
}
