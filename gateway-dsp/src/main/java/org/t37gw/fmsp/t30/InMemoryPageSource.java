package org.t37gw.fmsp.t30;

import java.util.List;

/**
 * A {@link PageSource} over pre-coded pages held in memory: each page's data is returned as is, so its
 * description should list the one coding the data is in. Used by tests and by callers that coded the
 * document up front.
 */
public final class InMemoryPageSource implements PageSource {
    /** One pre-coded page. */
    public record Page(PageDescription description, byte[] data) {
        public Page {
            data = data.clone();
        }
    }

    private final List<Page> pages;

    public InMemoryPageSource(List<Page> pages) {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no pages");
        }
        this.pages = List.copyOf(pages);
    }

    @Override
    public int pageCount() {
        return pages.size();
    }

    @Override
    public PageDescription describe(int index) {
        return pages.get(index).description();
    }

    @Override
    public byte[] pageData(int index, PageMode mode) {
        return pages.get(index).data().clone();
    }
}
