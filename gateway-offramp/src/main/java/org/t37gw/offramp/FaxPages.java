package org.t37gw.offramp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.t37gw.dmsp.convert.DocumentPages;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.render.CoverPage;
import org.t37gw.dmsp.render.FaxPageImage;
import org.t37gw.dmsp.render.FaxResolution;
import org.t37gw.dmsp.render.HeaderLine;
import org.t37gw.dmsp.render.HeaderSpec;
import org.t37gw.dmsp.render.HeaderValues;
import org.t37gw.dmsp.render.PageFormat;
import org.t37gw.dmsp.render.PaperSize;
import org.t37gw.dmsp.render.RenderException;
import org.t37gw.dmsp.render.RenderLimits;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFaxWriter;

/**
 * Turns a {@link MimeDocument} into the pages of one fax, written as a TIFF-F file (the job's page
 * cache): the cover page first when asked, then every renderable part in order, all at fine resolution
 * (the off-ramp always sends fine, as IOS does).
 *
 * <p>The {@code fax send left/center/right-header} line, with {@code $p$} counting the pages of the whole
 * fax, goes on the pages made by text-to-fax and on the cover; pages of TIFF, PDF and image attachments
 * get it only with {@link Settings#headerOnAttachments()} (Cisco leaves TIFF alone; US rules, 47 CFR
 * 64.1604, want it on every page). Pages are written unstamped to a first file, counted, then stamped into
 * the final one, so a long fax is never held in memory whole.
 */
public final class FaxPages {

    /** What to do with parts that cannot be rendered. */
    public enum UnrenderablePolicy {
        /** Fax what can be, name the rest in the DSN (the default). */
        SKIP_AND_REPORT,
        /** Refuse the whole job (a processing failure, RFC 3965 §4). */
        REFUSE
    }

    /**
     * @param paper               paper size of rendered pages
     * @param limits              rendering limits per part; {@code maxPages} also bounds the whole fax
     * @param header              the header line ({@link HeaderSpec#NONE} for none)
     * @param headerOnAttachments stamp the header on attachment pages too
     * @param unrenderable        what to do with parts that cannot be rendered
     */
    public record Settings(PaperSize paper, RenderLimits limits, HeaderSpec header, boolean headerOnAttachments,
                           UnrenderablePolicy unrenderable) {
        public static final Settings DEFAULT = new Settings(PaperSize.A4, RenderLimits.DEFAULT, HeaderSpec.NONE,
                false, UnrenderablePolicy.SKIP_AND_REPORT);

        public Settings {
            Objects.requireNonNull(paper, "paper");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(unrenderable, "unrenderable");
        }

        public Settings withHeader(HeaderSpec h) {
            return new Settings(paper, limits, h, headerOnAttachments, unrenderable);
        }

        public Settings withHeaderOnAttachments(boolean b) {
            return new Settings(paper, limits, header, b, unrenderable);
        }

        public Settings withUnrenderable(UnrenderablePolicy p) {
            return new Settings(paper, limits, header, headerOnAttachments, p);
        }
    }

    /** Content the policy refuses, or nothing at all to fax. */
    public static final class ContentRefusedException extends Exception {
        private final List<MimeDocument.Skipped> skipped;

        public ContentRefusedException(String message, List<MimeDocument.Skipped> skipped) {
            super(message, null, false, false);
            this.skipped = List.copyOf(skipped);
        }

        public List<MimeDocument.Skipped> skipped() {
            return skipped;
        }
    }

    /**
     * The fax made.
     *
     * @param pages     pages in the file, cover included
     * @param cover     whether the first page is a cover page
     * @param textPages pages made by text-to-fax (cover not counted)
     * @param skipped   parts not faxed, with why
     */
    public record Result(int pages, boolean cover, int textPages, List<MimeDocument.Skipped> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    private FaxPages() {
    }

    /**
     * Renders {@code doc} into the TIFF-F file {@code target} (written as {@code target.tmp}, renamed when
     * complete).
     *
     * @param cover  the cover page's content ({@code pages} is filled in here), or {@code null} for none
     * @throws RenderException          a part over the limits (size, pages, time): the whole fax fails
     * @throws ContentRefusedException  nothing renderable, or a part skipped under {@link UnrenderablePolicy#REFUSE}
     */
    public static Result render(MimeDocument doc, Settings settings, HeaderValues values, CoverPage.Info cover,
                                Path target) throws IOException, RenderException, ContentRefusedException {
        List<MimeDocument.Skipped> skipped = new ArrayList<>(doc.skipped());
        if (settings.unrenderable() == UnrenderablePolicy.REFUSE && !skipped.isEmpty()) {
            throw new ContentRefusedException("content that cannot be faxed: " + skipped, skipped);
        }
        Path body = target.resolveSibling(target.getFileName() + ".body.tmp");
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        DocumentPages dp = new DocumentPages(DocumentPages.Options.DEFAULT.withPaper(settings.paper())
                .withResolution(FaxResolution.FINE).withLimits(settings.limits()));
        List<Boolean> stamp = new ArrayList<>();
        int textPages = 0;
        try {
            try (TiffFaxWriter w = new TiffFaxWriter(body, TiffFaxWriter.Options.profileS())) {
                for (MimeDocument.Content c : doc.contents()) {
                    List<Bilevel> pages;
                    try {
                        pages = dp.toFaxPages(c.data(), c.contentType());
                    } catch (RenderException e) {
                        switch (e.reason()) {
                            case TOO_LARGE, TOO_MANY_PAGES, TIMEOUT -> throw new RenderException(e.reason(),
                                    c.name() + ": " + e.getMessage(), e);
                            default -> {
                                MimeDocument.Skipped s = new MimeDocument.Skipped(c.name(),
                                        "cannot be rendered: " + e.getMessage());
                                skipped.add(s);
                                if (settings.unrenderable() == UnrenderablePolicy.REFUSE) {
                                    throw new ContentRefusedException("content that cannot be faxed: " + s, skipped);
                                }
                                continue;
                            }
                        }
                    }
                    if (stamp.size() + pages.size() > settings.limits().maxPages()) {
                        throw new RenderException(RenderException.Reason.TOO_MANY_PAGES, "the fax would have more than "
                                + settings.limits().maxPages() + " pages");
                    }
                    boolean text = c.kind().isText();
                    for (Bilevel b : pages) {
                        w.addPage(b);
                        stamp.add(text || settings.headerOnAttachments());
                        textPages += text ? 1 : 0;
                    }
                }
            }
            if (stamp.isEmpty()) {
                throw new ContentRefusedException(skipped.isEmpty() ? "the message has nothing to fax"
                        : "nothing in the message can be faxed: " + skipped, skipped);
            }
            int total = stamp.size() + (cover != null ? 1 : 0);
            HeaderSpec header = settings.header();
            try (TiffFaxWriter w = new TiffFaxWriter(tmp, TiffFaxWriter.Options.profileS().withFsync(true))) {
                int n = 0;
                if (cover != null) {
                    CoverPage.Info info = new CoverPage.Info(cover.title(), cover.from(), cover.to(), cover.subject(),
                            cover.date(), stamp.size(), cover.details());
                    w.addPage(CoverPage.render(info, new PageFormat(settings.paper(), FaxResolution.FINE), header,
                            values, total).toBilevel());
                    n++;
                }
                TiffFaxReader r = TiffFaxReader.open(body);
                for (int i = 0; i < r.pageCount(); i++) {
                    Bilevel b = r.decodePage(i).image();
                    n++;
                    if (stamp.get(i) && !header.isEmpty()) {
                        b = HeaderLine.stamp(FaxPageImage.fromBilevel(b), header, n, total, values).toBilevel();
                    }
                    w.addPage(b);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(total, cover != null, textPages, skipped);
        } finally {
            Files.deleteIfExists(body);
            Files.deleteIfExists(tmp);
        }
    }
}
