package org.t37gw.offramp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.t37gw.ccapi.FaxCoding;
import org.t37gw.ccapi.FaxPage;
import org.t37gw.ccapi.FaxResolution;
import org.t37gw.ccapi.PageSource;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;
import org.t37gw.dmsp.tiff.TiffFaxReader;

/**
 * The pages of a job's page cache (a TIFF-F file), from page {@code first} (0-based) on, each decoded
 * when the session asks for it and coded MH (T.4 1-D, MSB first, EOL before every row, RTC at the end), the
 * coding every fax machine takes; the FMSP recodes if the session negotiated another.
 */
final class CachedPageSource implements PageSource {

    private final TiffFaxReader reader;
    private int next;

    CachedPageSource(Path tiff, int first) throws IOException {
        this.reader = TiffFaxReader.open(tiff);
        if (first < 0 || first > reader.pageCount()) {
            throw new IllegalArgumentException("first page " + first + " of " + reader.pageCount());
        }
        this.next = first;
    }

    /** Pages in the file. */
    int pageCount() {
        return reader.pageCount();
    }

    @Override
    public boolean hasNext() {
        return next < reader.pageCount();
    }

    @Override
    public FaxPage next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Bilevel b = reader.decodePage(next++).image();
        T4Encoder enc = new T4Encoder(T4Params.mh(b.width()).withEndOfPage(true));
        byte[] d = b.data();
        int rb = b.rowBytes();
        for (int y = 0; y < b.height(); y++) {
            enc.encodeRow(d, y * rb);
        }
        enc.endPage();
        FaxResolution r = b.ydpi() < 147 ? FaxResolution.STANDARD : b.ydpi() < 290 ? FaxResolution.FINE
                : FaxResolution.SUPERFINE;
        return new FaxPage(b.width(), b.height(), r, FaxCoding.MH, enc.takeBytes());
    }

    @Override
    public void close() {
        next = reader.pageCount();
    }
}
