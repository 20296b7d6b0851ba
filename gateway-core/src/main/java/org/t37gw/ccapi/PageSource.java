package org.t37gw.ccapi;

import java.io.IOException;

/**
 * Pages to send, one at a time, so a long document need not sit in memory. The T.30 sender asks
 * {@link #hasNext()} after each page to choose MPS (more pages) or EOP (last page).
 */
public interface PageSource extends AutoCloseable {

    /** Whether another page follows. */
    boolean hasNext() throws IOException;

    /**
     * The next page.
     *
     * @throws java.util.NoSuchElementException when there is none
     */
    FaxPage next() throws IOException;

    @Override
    void close() throws IOException;
}
