package org.t37gw.dmsp.convert;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.page.Pbm;
import org.t37gw.dmsp.render.BilevelMode;
import org.t37gw.dmsp.render.FaxPageImage;
import org.t37gw.dmsp.render.FaxResolution;
import org.t37gw.dmsp.render.HeaderLine;
import org.t37gw.dmsp.render.HeaderSpec;
import org.t37gw.dmsp.render.HeaderValues;
import org.t37gw.dmsp.render.ImageOptions;
import org.t37gw.dmsp.render.ImageToFax;
import org.t37gw.dmsp.render.PageFormat;
import org.t37gw.dmsp.render.PaperSize;
import org.t37gw.dmsp.render.PdfToFax;
import org.t37gw.dmsp.render.RenderException;
import org.t37gw.dmsp.render.RenderException.Reason;
import org.t37gw.dmsp.render.RenderLimits;
import org.t37gw.dmsp.render.TextOptions;
import org.t37gw.dmsp.render.TextRenderer;
import org.t37gw.dmsp.tiff.DecodedPage;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFormatException;
import org.t37gw.dmsp.tiff.TiffPage;

/**
 * Any document we accept (TIFF, PBM, PNG, JPEG, GIF, BMP, PDF, text/plain, text/enriched) to fax pages ready for the
 * encoder: {@link Bilevel} rasters of the paper's width at 204 dpi across and a fax vertical resolution.
 *
 * <p>The kind is found by {@link DocumentType#detect} (or forced). Bilevel TIFF pages that already are fax pages
 * (the paper's width, 204 dpi across, 98/196/391 lpi) are taken from {@link TiffFaxReader} pixel for pixel, only
 * converted vertically ({@link FaxPageImage#withResolution}) when another resolution is asked for, and keep their
 * length (pages over 5 % longer than the paper are split at the paper's length, never cut or shrunk); other bilevel pages (200 or 300 dpi scans, other widths) go through the renderers' image path (area
 * averaging, threshold or dither, fit to the paper). TIFF with grey, colour, LZW or JPEG pages, and PNG, JPEG, GIF,
 * BMP go to {@link ImageToFax}; PDF to {@link PdfToFax}; text to {@link TextRenderer}. Every failure is a
 * {@link RenderException} whose {@link Reason} the OffRamp maps to a DSN status. Pure: no I/O but the
 * {@link #toFaxPages(Path, String)} read, no threads.
 */
public final class DocumentPages {

    /**
     * What pages to make.
     *
     * @param paper      paper size: page width (1728 for A4, Letter, Legal; 2048 for B4) and length of rendered pages
     * @param resolution vertical resolution, or null for "as the input" (fax TIFF pages keep theirs; everything
     *                   else is rendered at fine)
     * @param mode       grey to black and white for images, PDF and rescaled scans
     * @param charset    charset of text, or null for the hint's {@code charset=} parameter, else UTF-8
     * @param header     header line drawn on every page ({@link HeaderSpec#NONE}: none); text pages leave room
     *                   for it, other pages have their top band overwritten (Cisco stamps text pages only: leave it
     *                   NONE for TIFF parts to follow that policy)
     * @param values     what the header's macros stand for
     * @param limits     bounds on input size, pages, pixels and time
     */
    public record Options(PaperSize paper, FaxResolution resolution, BilevelMode mode, Charset charset,
            HeaderSpec header, HeaderValues values, RenderLimits limits) {

        /** A4, resolution as the input (fine for rendered pages), auto threshold/dither, no header. */
        public static final Options DEFAULT = new Options(PaperSize.A4, null, BilevelMode.AUTO, null,
                HeaderSpec.NONE, TextOptions.DEFAULT.values(), RenderLimits.DEFAULT);

        public Options {
            Objects.requireNonNull(paper, "paper");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(limits, "limits");
        }

        /** The resolution of rendered pages: the one asked for, else fine. */
        public FaxResolution resolutionOrFine() {
            return resolution != null ? resolution : FaxResolution.FINE;
        }

        public Options withPaper(PaperSize p) {
            return new Options(p, resolution, mode, charset, header, values, limits);
        }

        public Options withResolution(FaxResolution r) {
            return new Options(paper, r, mode, charset, header, values, limits);
        }

        public Options withMode(BilevelMode m) {
            return new Options(paper, resolution, m, charset, header, values, limits);
        }

        public Options withCharset(Charset c) {
            return new Options(paper, resolution, mode, c, header, values, limits);
        }

        public Options withHeader(HeaderSpec h, HeaderValues v) {
            return new Options(paper, resolution, mode, charset, h, v, limits);
        }

        public Options withLimits(RenderLimits l) {
            return new Options(paper, resolution, mode, charset, header, values, l);
        }
    }

    /**
     * The pages of one document.
     *
     * @param type          the kind it was read as
     * @param pages         fax pages, in order
     * @param repairedLines rows of fax-coded TIFF pages that did not decode and were replaced by the row above
     */
    public record Result(DocumentType type, List<Bilevel> pages, long repairedLines) {
        public Result {
            pages = List.copyOf(pages);
        }
    }

    private static final IndexColorModel WHITE0_BLACK1 = new IndexColorModel(1, 2,
            new byte[] {(byte) 255, 0}, new byte[] {(byte) 255, 0}, new byte[] {(byte) 255, 0});

    private final Options options;

    public DocumentPages(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /** Fax pages of {@code input}, its kind detected with {@code contentType} (may be null) as the hint. */
    public List<Bilevel> toFaxPages(byte[] input, String contentType) throws RenderException {
        return convert(input, contentType).pages();
    }

    /**
     * Fax pages of the file {@code input}.
     *
     * @throws IOException if the file cannot be read (a document failure is a {@link RenderException})
     */
    public List<Bilevel> toFaxPages(Path input, String contentType) throws IOException, RenderException {
        return convert(read(input), contentType).pages();
    }

    /** Reads a file, refusing one over the input size limit before reading it. */
    public byte[] read(Path input) throws IOException, RenderException {
        long size = Files.size(input);
        if (size > options.limits().maxInputBytes()) {
            throw new RenderException(Reason.TOO_LARGE,
                    "file of " + size + " bytes exceeds " + options.limits().maxInputBytes());
        }
        return Files.readAllBytes(input);
    }

    /** Detects the kind of {@code input} ({@link DocumentType#detect}) and converts it. */
    public Result convert(byte[] input, String contentType) throws RenderException {
        Charset cs = charset(contentType);
        DocumentType type = DocumentType.detect(input, contentType, cs);
        if (type == null && input.length == 0) {
            throw new RenderException(Reason.UNREADABLE, "empty input");
        }
        if (type == null) {
            throw new RenderException(Reason.UNSUPPORTED, "unrecognised content: not TIFF, PBM, PNG, JPEG, GIF,"
                    + " BMP, PDF, nor text in " + (cs == null ? StandardCharsets.UTF_8 : cs).name());
        }
        return convert(input, type, cs);
    }

    /** Converts {@code input} as {@code type}, whatever its content looks like. */
    public Result convert(byte[] input, DocumentType type) throws RenderException {
        return convert(input, Objects.requireNonNull(type, "type"), options.charset());
    }

    private Result convert(byte[] input, DocumentType type, Charset charset) throws RenderException {
        RenderLimits limits = options.limits();
        if (input.length > limits.maxInputBytes()) {
            throw new RenderException(Reason.TOO_LARGE,
                    "input of " + input.length + " bytes exceeds " + limits.maxInputBytes());
        }
        if (input.length == 0 && !type.isText()) {
            throw new RenderException(Reason.UNREADABLE, "empty input");
        }
        PageFormat format = format();
        long[] repaired = {0};
        List<Bilevel> pages = switch (type) {
            case TIFF -> stamp(tiff(input, repaired));
            case PBM -> stamp(pbm(input));
            case PNG, JPEG, GIF, BMP -> stamp(bilevels(new ImageToFax(imageOptions(format)).convert(input)));
            case PDF -> stamp(bilevels(new PdfToFax(imageOptions(format)).convert(input)));
            case TEXT -> bilevels(new TextRenderer(textOptions(format)).renderPlain(input, textCharset(charset)));
            case ENRICHED -> bilevels(
                    new TextRenderer(textOptions(format)).renderEnriched(input, textCharset(charset)));
        };
        if (pages.isEmpty()) {
            throw new RenderException(Reason.UNREADABLE, "document has no pages");
        }
        if (pages.size() > limits.maxPages()) {
            throw new RenderException(Reason.TOO_MANY_PAGES,
                    "document has " + pages.size() + " pages, limit " + limits.maxPages());
        }
        return new Result(type, pages, repaired[0]);
    }

    // ---------------------------------------------------------------------------------------------

    private List<Bilevel> tiff(byte[] data, long[] repaired) throws RenderException {
        RenderLimits limits = options.limits();
        TiffFaxReader r;
        try {
            r = TiffFaxReader.open(data, new TiffFaxReader.Limits(limits.maxInputBytes(), limits.maxPages() + 1,
                    100_000, Math.max(1, limits.maxSourcePixels() / 8)));
        } catch (TiffFormatException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("more than ")) {
                throw new RenderException(Reason.TOO_MANY_PAGES, "TIFF has " + e.getMessage(), e);
            }
            // structure our reader refuses (e.g. BigTIFF): let ImageIO try before giving up
            try {
                return bilevels(new ImageToFax(imageOptions(format())).convert(data));
            } catch (RenderException again) {
                throw new RenderException(Reason.UNREADABLE, "TIFF: " + e.getMessage(), e);
            }
        }
        if (r.pageCount() > limits.maxPages()) {
            throw new RenderException(Reason.TOO_MANY_PAGES,
                    "TIFF has " + r.pageCount() + " pages, limit " + limits.maxPages());
        }
        if (!r.pages().stream().allMatch(TiffPage::isFaxBilevel)) {
            // grey, colour, LZW, JPEG ... (any such page sends the whole file through ImageIO)
            return bilevels(new ImageToFax(imageOptions(format())).convert(data));
        }
        List<Bilevel> pages = new ArrayList<>(r.pageCount());
        for (TiffPage p : r.pages()) {
            DecodedPage d;
            try {
                d = r.decodePage(p.index());
            } catch (TiffFormatException | RuntimeException e) {
                throw new RenderException(Reason.UNREADABLE, "TIFF page " + (p.index() + 1) + ": " + e.getMessage(), e);
            }
            repaired[0] += d.quality().badFaxLines();
            pages.addAll(split(fit(d.image())));
        }
        return pages;
    }

    private List<Bilevel> pbm(byte[] data) throws RenderException {
        List<Bilevel> images;
        try {
            images = Pbm.read(data, 0, 0); // PBM declares no resolution
        } catch (IOException | RuntimeException e) {
            throw new RenderException(Reason.UNREADABLE, "PBM: " + e.getMessage(), e);
        }
        if (images.size() > options.limits().maxPages()) {
            throw new RenderException(Reason.TOO_MANY_PAGES,
                    "PBM has " + images.size() + " images, limit " + options.limits().maxPages());
        }
        List<Bilevel> pages = new ArrayList<>(images.size());
        for (Bilevel b : images) {
            pages.addAll(split(fit(b)));
        }
        return pages;
    }

    /**
     * A bilevel raster as a fax page. It already is one if it has the paper's width, 204 dpi across and a fax
     * vertical resolution (a raster without resolution, e.g. PBM, of the paper's width counts as 204 dpi at the
     * resolution asked for, else fine; one declared resolution counts for both): then its rows are kept, converted vertically if another resolution is asked
     * for, and a page of exactly the paper's length stays exactly that long. Otherwise it is resampled through the
     * image path, its declared resolution (if any) giving its size.
     */
    Bilevel fit(Bilevel b) throws RenderException {
        PaperSize paper = options.paper();
        boolean known = b.xdpi() > 0 || b.ydpi() > 0;
        double xdpi = b.xdpi() > 0 ? b.xdpi() : known ? b.ydpi() : FaxResolution.HORIZONTAL_DPI;
        double ydpi = b.ydpi() > 0 ? b.ydpi() : xdpi; // one of them declared: square pixels
        FaxResolution src = known ? FaxResolution.nearest(ydpi)
                : options.resolution() != null ? options.resolution() : FaxResolution.FINE;
        boolean faxPage = b.width() == paper.widthPixels() && src != null
                && Math.abs(xdpi - FaxResolution.HORIZONTAL_DPI) <= 0.01 * FaxResolution.HORIZONTAL_DPI;
        if (!faxPage) {
            BufferedImage img = toImage(b);
            FaxPageImage page = new ImageToFax(imageOptions(format()))
                    .convert(img, known ? xdpi : 0, known ? ydpi : 0);
            return page.toBilevel();
        }
        FaxResolution target = options.resolution() != null ? options.resolution() : src;
        Bilevel same = new Bilevel(b.width(), b.height(), FaxResolution.HORIZONTAL_DPI, src.linesPerInch(), b.data());
        if (target == src) {
            return same;
        }
        FaxPageImage converted = FaxPageImage.fromBilevel(same).withResolution(target);
        Bilevel out = converted.toBilevel();
        if (b.height() == paper.lines(src) && out.height() != paper.lines(target)) {
            int h = paper.lines(target);
            out = new Bilevel(out.width(), h, out.xdpi(), out.ydpi(), Arrays.copyOf(out.data(), h * out.rowBytes()));
        }
        return out;
    }

    /**
     * A kept fax page longer than the paper (by more than 5 %, what scanners overscan) as pages of the paper's
     * length, the last one shorter: nothing is cut off or shrunk. Rendered pages never need this.
     */
    List<Bilevel> split(Bilevel page) {
        FaxResolution r = FaxResolution.nearest(page.ydpi());
        int lines = r == null ? page.height() : options.paper().lines(r);
        if (page.height() <= lines + lines / 20) {
            return List.of(page);
        }
        List<Bilevel> parts = new ArrayList<>();
        int rb = page.rowBytes();
        for (int y = 0; y < page.height(); y += lines) {
            int h = Math.min(lines, page.height() - y);
            parts.add(new Bilevel(page.width(), h, page.xdpi(), page.ydpi(),
                    Arrays.copyOfRange(page.data(), y * rb, (y + h) * rb)));
        }
        return parts;
    }

    /** A TYPE_BYTE_BINARY image (index 0 white) holding the raster's rows: one copy, no per-pixel work. */
    static BufferedImage toImage(Bilevel b) {
        BufferedImage img = new BufferedImage(b.width(), b.height(), BufferedImage.TYPE_BYTE_BINARY, WHITE0_BLACK1);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(b.data(), 0, dst, 0, Math.min(dst.length, b.height() * b.rowBytes()));
        return img;
    }

    private List<Bilevel> stamp(List<Bilevel> pages) {
        if (options.header().isEmpty()) {
            return pages;
        }
        List<Bilevel> out = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            out.add(HeaderLine.stamp(FaxPageImage.fromBilevel(pages.get(i)), options.header(), i + 1, pages.size(),
                    options.values()).toBilevel());
        }
        return out;
    }

    private static List<Bilevel> bilevels(List<FaxPageImage> pages) {
        List<Bilevel> out = new ArrayList<>(pages.size());
        for (FaxPageImage p : pages) {
            out.add(p.toBilevel());
        }
        return out;
    }

    private PageFormat format() {
        return new PageFormat(options.paper(), options.resolutionOrFine());
    }

    private ImageOptions imageOptions(PageFormat format) {
        return ImageOptions.DEFAULT.withFormat(format).withMode(options.mode()).withLimits(options.limits());
    }

    private TextOptions textOptions(PageFormat format) {
        return TextOptions.DEFAULT.withFormat(format).withHeader(options.header(), options.values())
                .withMaxPages(options.limits().maxPages());
    }

    private static Charset textCharset(Charset cs) {
        return cs != null ? cs : StandardCharsets.UTF_8;
    }

    /** The options' charset, else a {@code charset=} parameter of the hint if Java knows it, else null. */
    private Charset charset(String contentType) {
        if (options.charset() != null) {
            return options.charset();
        }
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String[] kv = param.split("=", 2);
            if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = kv[1].strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return null; // unknown charset: decode as UTF-8, malformed bytes shown as U+FFFD
                }
            }
        }
        return null;
    }
}
