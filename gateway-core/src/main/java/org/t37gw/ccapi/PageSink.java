package org.t37gw.ccapi;

import java.io.IOException;

/** Where received pages go, one at a time (the DMSP writing a TIFF-F file, say). */
public interface PageSink extends AutoCloseable {

    /** A received page, in order. */
    void accept(FaxPage page) throws IOException;

    /** No more pages: make the document complete and durable. */
    @Override
    void close() throws IOException;

    /** The session failed: discard what was written. */
    void abort();
}
