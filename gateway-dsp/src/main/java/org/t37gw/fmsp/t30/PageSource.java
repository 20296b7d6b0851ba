package org.t37gw.fmsp.t30;

/**
 * The pages a sending engine transmits. The engine chooses the mode with the far end from
 * {@link #describe(int)} and then asks for the coded data in that mode. Implementations are in-memory or
 * backed by a codec that has already done its I/O; the engine calls them on its event path.
 */
public interface PageSource {
    /** The number of pages, at least 1. */
    int pageCount();

    /** The page's resolution, size and the codings it can be produced in; {@code index} from 0. */
    PageDescription describe(int index);

    /**
     * The page's coded data in {@code mode}'s coding (T.4 rows with EOLs and RTC for MH/MR, T.6 with
     * EOFB for MMR). For non-ECM the data must already respect {@code mode.minScanLineMs()} at
     * {@code mode.modulation()}'s rate (fill bits); it may be asked again after a rate change.
     *
     * @throws RuntimeException if the page cannot be produced; the call ends with PAGE_SOURCE_ERROR
     */
    byte[] pageData(int index, PageMode mode);
}
