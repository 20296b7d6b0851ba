package org.t37gw.dmsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.cli.CliCommand;
import org.t37gw.dmsp.convert.DocumentPages;
import org.t37gw.dmsp.convert.DocumentType;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.render.FaxResolution;
import org.t37gw.dmsp.render.PaperSize;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.testutil.TestPages;
import org.t37gw.dmsp.testutil.Tools;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFaxWriter;
import org.t37gw.dmsp.tiff.TiffPage;

/**
 * {@code t37gw doc convert} for every input type to TIFF-F, checked with our reader and with libtiff
 * ({@code tiffinfo}, {@code tiffcp -c none}): width, length for the paper and resolution, compression, and pixels
 * equal to what {@link DocumentPages} makes of the same input.
 */
class DocConvertInteropTest {

    @TempDir
    static Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void tools() {
        Tools.require("tiffinfo");
        Tools.require("tiffcp");
    }

    private int run(String... args) throws Exception {
        out.reset();
        err.reset();
        return new DocCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Converts {@code input} with the CLI to {@code name.tif} and checks it against the facade's pages.
     *
     * @param hint  the --type value, or null to detect
     * @param lines expected rows of every page (0: check only against the facade)
     */
    private List<Bilevel> check(String name, byte[] input, String hint, DocumentPages.Options options, Coding coding,
            int pages, int lines, String... extra) throws Exception {
        Path in = dir.resolve(name + ".in");
        Files.write(in, input);
        Path tif = dir.resolve(name + ".tif");
        List<String> args = new ArrayList<>(List.of("convert", in.toString(), tif.toString(),
            "--encoding", coding.name().toLowerCase()));
        if (hint != null) {
            args.add("--type");
            args.add(hint);
        }
        args.addAll(List.of(extra));
        assertEquals(0, run(args.toArray(String[]::new)), name + ": " + err());

        DocumentPages facade = new DocumentPages(options);
        List<Bilevel> expected = hint != null
            ? facade.convert(input, DocumentType.fromName(hint)).pages() : facade.toFaxPages(input, null);
        assertEquals(pages, expected.size(), name);

        TiffFaxReader r = TiffFaxReader.open(tif);
        assertEquals(List.of(), r.deviations(), name + " is TIFF-F");
        assertEquals(pages, r.pageCount(), name);
        String tiffinfo = Tools.ok(dir, "tiffinfo", tif.toString()).out();
        Matcher m = Pattern.compile("Image Width: (\\d+) Image Length: (\\d+)").matcher(tiffinfo);
        Path none = dir.resolve(name + ".none.tif");
        Tools.ok(dir, "tiffcp", "-c", "none", tif.toString(), none.toString());
        TiffFaxReader plain = TiffFaxReader.open(none);
        for (int i = 0; i < pages; i++) {
            TiffPage p = r.pages().get(i);
            Bilevel want = expected.get(i);
            assertEquals(options.paper().widthPixels(), p.width(), name + " width");
            if (lines > 0) {
                assertEquals(lines, p.length(), name + " page " + (i + 1) + " length");
            }
            assertEquals(want.height(), p.length(), name);
            assertEquals(coding.name(), p.codingName(), name);
            assertTrue(m.find(), name + ": " + tiffinfo);
            assertEquals(want.width(), Integer.parseInt(m.group(1)), name + " tiffinfo width");
            assertEquals(want.height(), Integer.parseInt(m.group(2)), name + " tiffinfo length");
            assertNull(want.firstDifference(r.decodePage(i).image()), name + " page " + (i + 1) + " (our reader)");
            assertEquals(1, plain.pages().get(i).compression(), name);
            assertNull(want.firstDifference(plain.decodePage(i).image()), name + " page " + (i + 1) + " (libtiff)");
            assertTrue(countBlack(want) > 500, name + " page " + (i + 1) + " has content");
        }
        assertEquals(pages, count(tiffinfo, coding == Coding.MMR ? "Compression Scheme: CCITT Group 4"
            : "Compression Scheme: CCITT Group 3"), tiffinfo);
        assertEquals(pages, count(tiffinfo, "Resolution: 204, " + options.resolutionOrFine().linesPerInch()
            + " pixels/inch"), tiffinfo);
        return expected;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static long countBlack(Bilevel b) {
        long n = 0;
        for (byte v : b.data()) {
            n += Integer.bitCount(v & 0xFF);
        }
        return n;
    }

    private static final DocumentPages.Options A4 = DocumentPages.Options.DEFAULT;

    @Test
    void plainText() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 90; i++) {
            sb.append("Line ").append(i).append(": the quick brown fox jumps over the lazy dog. äöü €\n");
        }
        check("text", sb.toString().getBytes(StandardCharsets.UTF_8), null, A4, Coding.MH, 2, 2287);
        check("text-latin1", "Gr\u00fc\u00dfe aus K\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1), "text",
            A4.withCharset(StandardCharsets.ISO_8859_1).withResolution(FaxResolution.SUPERFINE), Coding.MMR, 1,
            4574, "--charset", "ISO-8859-1", "--resolution", "superfine");
    }

    @Test
    void enrichedText() throws Exception {
        byte[] body = "<bold>Fax</bold> with <italic>style</italic>\n\n<center>centred</center>\n"
            .getBytes(StandardCharsets.UTF_8);
        List<Bilevel> enriched = check("enriched", body, "enriched",
            A4.withPaper(PaperSize.LETTER).withResolution(FaxResolution.STANDARD), Coding.MR, 1, 1076,
            "--paper", "letter", "--resolution", "standard");
        List<Bilevel> plain = new DocumentPages(A4.withPaper(PaperSize.LETTER).withResolution(FaxResolution.STANDARD))
            .toFaxPages(body, null);
        assertTrue(enriched.get(0).firstDifference(plain.get(0)) != null, "enriched is not rendered as plain text");
    }

    @Test
    void pngJpegGif() throws Exception {
        BufferedImage img = new BufferedImage(800, 1000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 1000);
        g.setColor(Color.BLACK);
        g.fillRect(100, 100, 600, 40);
        g.fillOval(200, 300, 400, 400);
        g.setColor(Color.GRAY);
        g.fillRect(100, 800, 600, 100);
        g.dispose();
        check("png", encode(img, "png"), null, A4.withPaper(PaperSize.LEGAL), Coding.MMR, 1, 2738,
            "--paper", "legal");
        check("jpeg", encode(img, "jpeg"), null, A4.withMode(org.t37gw.dmsp.render.BilevelMode.DITHER), Coding.MH,
            1, 2287, "--dither");
        BufferedImage indexed = new BufferedImage(800, 1000, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.getGraphics().drawImage(img, 0, 0, null);
        check("gif", encode(indexed, "gif"), null, A4.withResolution(FaxResolution.STANDARD), Coding.MR, 1, 1143,
            "--resolution", "standard");
    }

    @Test
    void pdfMadeWithPdfBox() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 2; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.addRect(72, 600 - i * 200, 300, 20);
                    cs.addRect(100, 100, 5, 400);
                    cs.fill();
                }
            }
            doc.save(pdf);
        }
        check("pdf", pdf.toByteArray(), null, A4.withPaper(PaperSize.LETTER), Coding.MMR, 2, 2151,
            "--paper", "letter");
    }

    @Test
    void tiff200DpiScanIsRescaled() throws Exception {
        // 8.27 x 11 in at 200 dpi, uncompressed: must become 204 dpi across, fine down, on A4
        Bilevel scan = Bilevel.white(1654, 2200, 200, 200);
        for (int y = 200; y < 240; y++) {
            TestPages.fill(scan, y, 200, 400); // 1 in to 2 in across, 1 in down
        }
        Path p = dir.resolve("scan.tif");
        TestPages.writeUncompressedTiff(scan, p);
        byte[] data = Files.readAllBytes(p);
        ByteBuffer.wrap(data, data.length - 16, 16).order(ByteOrder.LITTLE_ENDIAN).putInt(200).putInt(1)
            .putInt(200).putInt(1);
        List<Bilevel> pages = check("tiff200", data, null, A4, Coding.MH, 1, 2287);
        Bilevel page = pages.get(0);
        int minX = 9999, maxX = -1, minY = 9999, maxY = -1;
        for (int y = 0; y < page.height(); y++) {
            for (int x = 0; x < page.width(); x++) {
                if (page.get(x, y)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        String box = minX + ".." + maxX + " x " + minY + ".." + maxY;
        // 1654 px at 200 dpi = 1687 px at 204 dpi, centred on 1728: 20 px left over; the bar starts at 20 + 204
        int x0 = 20 + 204;
        int y0 = 196; // 1 in at 196 lpi
        assertTrue(page.get(x0 + 3, y0 + 3) && page.get(x0 + 200, y0 + 35), "bar inside " + box);
        assertTrue(!page.get(x0 - 3, y0 + 10) && !page.get(x0 + 208, y0 + 10) && !page.get(x0 + 10, y0 - 3)
            && !page.get(x0 + 10, y0 + 43), "bar edges where 1 in and 2 in fall at 204 x 196 dpi " + box);
    }

    @Test
    void tiffFPassesThroughPixelExact() throws Exception {
        Bilevel a = TestPages.textLike(1728, 2287, 11);
        Bilevel b = TestPages.mixed(1728, 1500, 12);
        Path p = dir.resolve("faxin.tif");
        try (TiffFaxWriter w = new TiffFaxWriter(p, TiffFaxWriter.Options.of(Coding.MR))) {
            w.addPage(a);
            w.addPage(b);
        }
        byte[] data = Files.readAllBytes(p);
        List<Bilevel> same = check("tiff-f", data, null, A4, Coding.MMR, 2, 0);
        assertNull(a.firstDifference(same.get(0)));
        assertNull(b.firstDifference(same.get(1)));
        List<Bilevel> std = check("tiff-f-std", data, "tiff", A4.withResolution(FaxResolution.STANDARD), Coding.MH,
            2, 0, "--resolution", "standard");
        assertEquals(1143, std.get(0).height(), "a full A4 page stays a full A4 page");
        assertEquals(750, std.get(1).height());
        for (int x = 0; x < 1728; x++) { // line pairs ORed
            assertEquals(b.get(x, 20) || b.get(x, 21), std.get(1).get(x, 10), "x " + x);
        }
    }

    @Test
    void corruptInputFailsWithOneLineNamingTheFile() throws Exception {
        byte[][] bad = {
            {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
            "%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
            {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x11, 1, 4, 0, 1, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0},
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'},
            {'G', 'I', 'F', '8', '9', 'a', 1},
            {0, 1, 2, 3, (byte) 0xFE, (byte) 0xFD, 0, 7},
            "P4\n1728 100\n\u0001".getBytes(StandardCharsets.ISO_8859_1),
            {},
        };
        for (int i = 0; i < bad.length; i++) {
            Path in = dir.resolve("bad" + i);
            Files.write(in, bad[i]);
            Path tif = dir.resolve("bad" + i + ".tif");
            assertEquals(CliCommand.FAILED, run("convert", in.toString(), tif.toString()), "bad" + i + ": " + err());
            String e = err();
            assertTrue(e.startsWith("t37gw doc convert: " + in + ": "), e);
            assertTrue(e.matches("(?s)[^\\n]*: (UNREADABLE|UNSUPPORTED): [^\\n]+\\n"), "one line: " + e);
            assertTrue(!Files.exists(tif), "no output for bad" + i);
        }
        assertEquals(CliCommand.FAILED, run("convert", dir.resolve("absent.png").toString(),
            dir.resolve("x.tif").toString()));
        assertTrue(err().contains("absent.png: no such file"), err());
        assertEquals(CliCommand.USAGE, run("convert", "a.txt", "b.tif", "--type", "html"));
        assertEquals(CliCommand.USAGE, run("convert", "a.txt", "b.tif", "--charset", "klingon-8"));
        assertEquals(CliCommand.USAGE, run("convert", "a.txt", "b.tif", "--paper", "a3"));
    }

    private static byte[] encode(BufferedImage img, String format) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, bos), format);
        return bos.toByteArray();
    }
}
