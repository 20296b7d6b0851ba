package org.t37gw.fmsp.terminal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.tiff.FaxQuality;
import org.t37gw.dmsp.tiff.TiffFaxWriter;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.Resolution;
import org.t37gw.fmsp.t30.T30Action;

/**
 * Received pages into a TIFF-F file (profile S: MH), each page decoded from the negotiated coding and appended
 * as soon as the engine accepts it.
 */
public final class TiffPageWriter implements Closeable {
    private final TiffFaxWriter writer;
    private final DecodeLimits limits;

    public TiffPageWriter(Path file) throws IOException {
        this(file, DecodeLimits.DEFAULT);
    }

    public TiffPageWriter(Path file, DecodeLimits limits) throws IOException {
        this.writer = new TiffFaxWriter(file, TiffFaxWriter.Options.profileS());
        this.limits = limits;
    }

    /** Pages written so far. */
    public int pages() {
        return writer.pages();
    }

    /** Decodes and appends one accepted page. */
    public void write(T30Action.PageReceived page) throws IOException {
        write(page.mode(), page.data());
    }

    public void write(PageMode mode, byte[] data) throws IOException {
        T4Decoder dec = new T4Decoder(IfpReceiver.params(mode), limits);
        dec.feed(data, 0, data.length);
        dec.endOfInput();
        byte[] row = new byte[dec.rowBytes()];
        writer.beginPage(dec.params().width(), ydpi(mode.resolution()));
        while (dec.nextRow(row, 0) == T4Decoder.ROW) {
            writer.writeRow(row, 0);
        }
        writer.endPage(new FaxQuality(dec.badLines(), dec.badLines() == 0 ? 0 : 1, dec.consecutiveBadLines()));
    }

    static double ydpi(Resolution r) {
        return switch (r) {
            case STANDARD -> 98;
            case FINE -> 196;
            case SUPERFINE, R16_SUPERFINE -> 391;
        };
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
