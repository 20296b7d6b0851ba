package org.t37gw.e2e.offramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.render.HeaderValues;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.offramp.FaxPages;
import org.t37gw.offramp.MimeDocument;
import org.t37gw.offramp.MimeDocument.Kind;

/**
 * Issue 5, proof 3: messages shaped the way Thunderbird, Outlook, Apple Mail, mutt and Gmail write them
 * ({@code src/test/resources/e2e/offramp/corpus/*.eml}, written by hand after those clients' output) through the
 * off-ramp's MIME-to-pages path. Attachments are generated here and put in place of {@code @@TIFF@@},
 * {@code @@PNG@@} and {@code @@PDF@@} so that their pages can be checked: TIFF pages pixel-exact, rendered
 * image and PDF pages inked where the source is black, text pages inked.
 */
class MailClientCorpusTest {

    @TempDir
    Path tmp;

    /**
     * One corpus message and what it must become.
     *
     * @param kinds     the contents in order
     * @param skipped   parts skipped (named in the DSN)
     * @param pages     pages of the fax (no cover page)
     * @param textPages pages made by text-to-fax
     * @param words     strings the decoded text contents must hold (charset and transfer encoding undone)
     */
    record Case(String file, List<Kind> kinds, int skipped, int pages, int textPages, List<String> words) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                // alternative: plain (format=flowed) beats the related html; the inline image goes with the html
                new Case("thunderbird-alternative-related.eml", List.of(Kind.TEXT), 0, 1, 1,
                        List.of("gate code is 4711", "Alice")),
                new Case("thunderbird-flowed-tiff.eml", List.of(Kind.TEXT, Kind.TIFF), 0, 2, 1,
                        List.of("Unterlagen für die Sitzung", "Grüßen", "Jürgen Müller")),
                // Outlook labels its windows-1252 text iso-8859-1: =80 is the euro sign
                new Case("outlook-html-latin1-qp.eml", List.of(Kind.TEXT), 0, 1, 1,
                        List.of("bestätigen", "Preis von je 48,50 € netto", "Kalenderwoche 12", "Grüßen", "Renée François")),
                new Case("outlook-related-pdf.eml", List.of(Kind.TEXT, Kind.PDF), 0, 2, 1,
                        List.of("signed contract attached", "would be appreciated")),
                // Apple Mail: the html alternative holds the attachment between two html parts
                new Case("apple-mail-nested.eml", List.of(Kind.TEXT, Kind.TIFF, Kind.TEXT), 0, 3, 2,
                        List.of("floor plan is below", "Cheers, Chris")),
                new Case("apple-mail-text-image-text.eml", List.of(Kind.TEXT, Kind.IMAGE, Kind.TEXT), 0, 3, 2,
                        List.of("receipt you asked for", "Thanks again")),
                new Case("mutt-signed-tiff.eml", List.of(Kind.TEXT, Kind.TIFF), 1, 2, 1,
                        List.of("signed delivery note")),
                new Case("mutt-plain-latin1-8bit.eml", List.of(Kind.TEXT), 0, 1, 1,
                        List.of("Hallo Günter", "Maße", "120 × 80 cm")),
                new Case("gmail-attachments-cid.eml", List.of(Kind.TEXT, Kind.IMAGE, Kind.PDF), 0, 3, 1,
                        List.of("Euro (€)", "Łódź", "Göteborg", "Viele Grüße")),
                // 70 log lines of 200-250 characters wrap to about three lines each, the 1500-character
                // word is broken too: five text pages
                new Case("long-lines-utf8.eml", List.of(Kind.TEXT), 0, 5, 5,
                        List.of("step 070", "Prüfsumme ✓", "XXXXXXXXXXXXXXXXXXXX")));
    }

    /** The attachments put into the corpus. */
    record Attachments(Bilevel tiffPage, byte[] tiff, byte[] png, byte[] pdf) {
    }

    static Attachments attachments(Path dir) throws IOException {
        Bilevel page = E2e.scannedPage(1728, 1100, 11);
        byte[] tiff = E2e.tiff(dir, "att.tif", page);
        BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 400);
        g.setColor(Color.BLACK);
        g.fillRect(40, 40, 520, 60);
        g.fillRect(40, 300, 200, 60);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
                cs.addRect(60, 600, 470, 120);
                cs.fill();
            }
            doc.save(pdf);
        }
        return new Attachments(page, tiff, png.toByteArray(), pdf.toByteArray());
    }

    static byte[] load(String file, Attachments a) throws IOException {
        byte[] raw;
        try (InputStream in = MailClientCorpusTest.class.getResourceAsStream("/e2e/offramp/corpus/" + file)) {
            assertTrue(in != null, "corpus file " + file);
            raw = in.readAllBytes();
        }
        // ISO-8859-1 both ways keeps every byte (the 8-bit corpus files stay as they are)
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        Base64.Encoder b64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII));
        s = s.replace("@@TIFF@@", b64.encodeToString(a.tiff())).replace("@@PNG@@", b64.encodeToString(a.png()))
                .replace("@@PDF@@", b64.encodeToString(a.pdf()));
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void becomesTheExpectedPages(Case c) throws Exception {
        Attachments a = attachments(tmp);
        MimeDocument doc = MimeDocument.parse(load(c.file(), a));
        assertEquals(c.kinds(), doc.contents().stream().map(MimeDocument.Content::kind).toList(),
                c.file() + ": contents " + doc.contents().stream().map(MimeDocument.Content::name).toList()
                        + ", skipped " + doc.skipped());
        assertEquals(c.skipped(), doc.skipped().size(), "skipped: " + doc.skipped());
        StringBuilder text = new StringBuilder();
        for (MimeDocument.Content ct : doc.contents()) {
            if (ct.kind().isText()) {
                text.append(new String(ct.data(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        for (String w : c.words()) {
            assertTrue(text.toString().replaceAll("\\s+", " ").contains(w), "text holds \"" + w + "\":\n" + text);
        }

        Path out = tmp.resolve("pages.tif");
        FaxPages.Result r = FaxPages.render(doc, FaxPages.Settings.DEFAULT,
                new HeaderValues("sender@example.org", "5550100", ZonedDateTime.of(2026, 3, 9, 12, 0, 0, 0, ZoneOffset.UTC)),
                null, out);
        assertEquals(c.pages(), r.pages(), "pages");
        assertEquals(c.textPages(), r.textPages(), "text pages");
        TiffFaxReader fax = TiffFaxReader.open(out);
        assertEquals(c.pages(), fax.pageCount());
        assertTrue(fax.deviations().isEmpty(), "TIFF-F: " + fax.deviations());

        // walk the pages along the contents: text kinds give textPages in total, the others one page each here
        int page = 0;
        int textLeft = c.textPages();
        int textContents = (int) c.kinds().stream().filter(Kind::isText).count();
        for (Kind k : c.kinds()) {
            if (k.isText()) {
                // one page per text content here, the last one takes the remaining text pages
                int n = --textContents == 0 ? textLeft : 1;
                for (int i = 0; i < n; i++, page++, textLeft--) {
                    Bilevel b = fax.decodePage(page).image();
                    assertTrue(E2e.ink(b) > 500, "text page " + (page + 1) + " is inked: " + E2e.ink(b));
                }
                continue;
            }
            Bilevel b = fax.decodePage(page).image();
            switch (k) {
                case TIFF -> assertTrue(b.samePixels(a.tiffPage()),
                        "page " + (page + 1) + " is the attached TIFF page: " + b.firstDifference(a.tiffPage()));
                case IMAGE -> assertTrue(blackShare(b) > 0.02,
                        "page " + (page + 1) + " carries the image: " + blackShare(b));
                case PDF -> assertTrue(blackShare(b) > 0.04,
                        "page " + (page + 1) + " carries the PDF's black box: " + blackShare(b));
                default -> throw new AssertionError(k);
            }
            page++;
        }
        assertEquals(c.pages(), page);
    }

    static double blackShare(Bilevel b) {
        return (double) E2e.ink(b) / ((long) b.width() * b.height());
    }
}
