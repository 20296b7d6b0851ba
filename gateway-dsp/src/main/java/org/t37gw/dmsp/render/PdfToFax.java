package org.t37gw.dmsp.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * PDF to fax pages with Apache PDFBox 3. Each page is rendered in grey straight at fax resolution (204 dpi across,
 * the page's lines per inch down, so no second resampling), shrunk to fit the paper if larger, rotated if landscape,
 * made bilevel and placed like an image ({@link ImageToFax}).
 *
 * <p>Hostile input is bounded: the file size and page count are checked before rendering; the parser buffers in
 * main memory only up to the input limit; the page drawer counts content-stream operators and checks the time limit
 * between them (cooperative, so a page in a loop of forms stops); embedded images larger than the pixel limit are
 * refused before decoding. Every failure, including runtime exceptions thrown inside PDFBox, becomes a
 * {@link RenderException}.
 */
public final class PdfToFax {

    private final ImageOptions options;

    public PdfToFax(ImageOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        Headless.ensure();
    }

    /** All pages of a PDF document. */
    public List<FaxPageImage> convert(byte[] pdf) throws RenderException {
        RenderLimits limits = options.limits();
        if (pdf.length > limits.maxInputBytes()) {
            throw new RenderException(RenderException.Reason.TOO_LARGE,
                    "PDF of " + pdf.length + " bytes exceeds " + limits.maxInputBytes());
        }
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(Math.max(limits.maxInputBytes() * 4, 1L << 20)).streamCache)) {
            int n = doc.getNumberOfPages();
            if (n > limits.maxPages()) {
                throw new RenderException(RenderException.Reason.TOO_MANY_PAGES,
                        "PDF has " + n + " pages, limit " + limits.maxPages());
            }
            if (n == 0) {
                throw new RenderException(RenderException.Reason.UNREADABLE, "PDF has no pages");
            }
            BoundedRenderer renderer = new BoundedRenderer(doc, limits, deadline);
            List<FaxPageImage> pages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pages.add(renderPage(renderer, doc.getPage(i), i));
            }
            return pages;
        } catch (InvalidPasswordException e) {
            throw new RenderException(RenderException.Reason.ENCRYPTED, "PDF is password protected", e);
        } catch (LimitExceeded e) {
            throw new RenderException(e.reason, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Throwable c = e;
            while (c != null) {
                if (c instanceof LimitExceeded le) {
                    throw new RenderException(le.reason, le.getMessage(), e);
                }
                c = c.getCause();
            }
            throw new RenderException(RenderException.Reason.UNREADABLE,
                    "cannot render PDF: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private FaxPageImage renderPage(BoundedRenderer renderer, PDPage page, int index) throws IOException {
        PageFormat format = options.format();
        PDRectangle crop = page.getCropBox();
        int rotation = ((page.getRotation() % 360) + 360) % 360;
        boolean quarter = rotation == 90 || rotation == 270;
        // displayed size in inches (after /Rotate)
        double dw = (quarter ? crop.getHeight() : crop.getWidth()) / 72.0;
        double dh = (quarter ? crop.getWidth() : crop.getHeight()) / 72.0;
        if (!(dw > 0 && dh > 0) || dw > 200 || dh > 200) {
            throw new LimitExceeded(RenderException.Reason.UNREADABLE,
                    "page " + (index + 1) + " has an unusable size " + dw + " x " + dh + " in");
        }
        boolean rotate = options.autoRotate() && dw > dh;
        int w;
        int h;
        if (rotate) {
            // after our quarter turn the displayed height runs across the page and the displayed width down it
            int[] size = PagePlacer.fit(dh, dw, format);
            w = size[1];
            h = size[0];
        } else {
            int[] size = PagePlacer.fit(dw, dh, format);
            w = size[0];
            h = size[1];
        }
        float scaleX = (float) (w / (dw * 72.0));
        float scaleY = (float) (h / (dh * 72.0));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setBackground(Color.WHITE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            renderer.renderPageToGraphics(index, g, scaleX, scaleY);
        } finally {
            g.dispose();
        }
        GreyImage grey = GreyImage.from(img);
        if (rotate) {
            grey = grey.rotateCounterClockwise();
        }
        return PagePlacer.place(grey, format, options.mode(), options.threshold());
    }

    /** A limit hit inside PDFBox; an IOException so it passes through PDFBox's own signatures. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;
        final transient RenderException.Reason reason;

        LimitExceeded(RenderException.Reason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** A renderer whose page drawer counts operators, watches the clock and refuses oversized images. */
    private static final class BoundedRenderer extends PDFRenderer {
        private final RenderLimits limits;
        private final long deadline;

        BoundedRenderer(PDDocument doc, RenderLimits limits, long deadline) {
            super(doc);
            this.limits = limits;
            this.deadline = deadline;
            setSubsamplingAllowed(true);
        }

        @Override
        protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
            return new PageDrawer(parameters) {
                private long operators;

                @Override
                protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
                    if (++operators > limits.maxPdfOperators()) {
                        throw new LimitExceeded(RenderException.Reason.TOO_LARGE,
                                "page has more than " + limits.maxPdfOperators() + " content operators");
                    }
                    if ((operators & 63) == 0 && System.nanoTime() - deadline > 0) {
                        throw new LimitExceeded(RenderException.Reason.TIMEOUT,
                                "PDF took longer than " + limits.maxTime());
                    }
                    super.processOperator(operator, operands);
                }

                @Override
                public void drawImage(PDImage image) throws IOException {
                    long pixels = (long) image.getWidth() * image.getHeight();
                    if (pixels > limits.maxSourcePixels()) {
                        throw new LimitExceeded(RenderException.Reason.TOO_LARGE, "embedded image "
                                + image.getWidth() + "x" + image.getHeight() + " exceeds the pixel limit");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new LimitExceeded(RenderException.Reason.TIMEOUT,
                                "PDF took longer than " + limits.maxTime());
                    }
                    super.drawImage(image);
                }
            };
        }
    }
}
