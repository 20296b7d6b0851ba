package org.t37gw.ccapi;

import java.io.IOException;

/** Where received pages go, one at a time (the DMSP writing a TIFF-F file, say). */
public interface PageSink extends AutoCloseable {

    /** A received page, in order. */
    void accept(FaxPage page) throws IOException;

    /** No more pages: make the document complete and durable. */
    @Override
    void close() throws IOException;

    /**
     * The session failed. The pages accepted so far are kept (a received fax is never dropped: the
     * on-ramp mails them, marked partial); the sink only stops taking pages.
     */
    void abort();
}
