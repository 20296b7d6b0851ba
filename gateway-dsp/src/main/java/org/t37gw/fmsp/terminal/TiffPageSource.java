package org.t37gw.fmsp.terminal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.T4Encoder;
import org.t37gw.dmsp.t4.T4Params;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.fmsp.t30.Coding;
import org.t37gw.fmsp.t30.PageDescription;
import org.t37gw.fmsp.t30.PageLength;
import org.t37gw.fmsp.t30.PageMode;
import org.t37gw.fmsp.t30.PageSource;
import org.t37gw.fmsp.t30.PageWidth;
import org.t37gw.fmsp.t30.Resolution;

/**
 * Pages to send from a TIFF file: every page is decoded to a raster when the file is opened (so a broken file
 * fails before the call), and coded again in the negotiated coding when the engine asks, with the fill bits the
 * minimum scan line time needs at the negotiated rate (non-ECM). The data is in line order (first bit in the
 * LSB), as the T.38 terminal sends it.
 */
public final class TiffPageSource implements PageSource {
    private final List<Bilevel> pages;
    private final List<PageDescription> descriptions;

    public TiffPageSource(List<Bilevel> pages) {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no pages");
        }
        this.pages = List.copyOf(pages);
        this.descriptions = new ArrayList<>();
        for (Bilevel b : pages) {
            descriptions.add(describe(b));
        }
    }

    /** Reads and decodes every page of {@code file}. */
    public static TiffPageSource open(Path file) throws IOException {
        TiffFaxReader r = TiffFaxReader.open(file);
        List<Bilevel> pages = new ArrayList<>();
        for (int i = 0; i < r.pageCount(); i++) {
            pages.add(r.decodePage(i).image());
        }
        return new TiffPageSource(pages);
    }

    static PageDescription describe(Bilevel b) {
        Resolution res = b.ydpi() < 147 ? Resolution.STANDARD : b.ydpi() < 290 ? Resolution.FINE
                : b.xdpi() > 300 ? Resolution.R16_SUPERFINE : Resolution.SUPERFINE;
        int r8 = res == Resolution.R16_SUPERFINE ? b.width() / 2 : b.width();
        PageWidth w = null;
        for (PageWidth pw : PageWidth.values()) {
            if (pw.pelsAtR8() == r8) {
                w = pw;
            }
        }
        if (w == null) {
            throw new IllegalArgumentException("page width " + b.width() + " is not a fax width (1728, 2048, 2432)");
        }
        double mm = b.height() * 100.0 / res.linesPer100Mm();
        PageLength len = mm <= 297.5 ? PageLength.A4 : mm <= 364.5 ? PageLength.B4 : PageLength.UNLIMITED;
        return new PageDescription(res, w, len, EnumSet.allOf(Coding.class));
    }

    @Override
    public int pageCount() {
        return pages.size();
    }

    @Override
    public PageDescription describe(int index) {
        return descriptions.get(index);
    }

    @Override
    public byte[] pageData(int index, PageMode mode) {
        Bilevel b = pages.get(index);
        T4Params p = IfpReceiver.params(mode);
        if (!mode.ecm() && mode.minScanLineMs() > 0) {
            p = p.withMinRowBits(T4Params.minRowBits(mode.modulation().bitRate(), mode.minScanLineMs()));
        }
        if (p.width() != b.width()) {
            throw new IllegalStateException("page " + (index + 1) + " is " + b.width() + " wide, mode wants " + p.width());
        }
        T4Encoder enc = new T4Encoder(p);
        byte[] d = b.data();
        int rb = b.rowBytes();
        for (int y = 0; y < b.height(); y++) {
            enc.encodeRow(d, y * rb);
        }
        enc.endPage();
        return enc.takeBytes();
    }
}
