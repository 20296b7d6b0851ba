package org.t37gw.offramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.render.CoverPage;
import org.t37gw.dmsp.render.HeaderSpec;
import org.t37gw.dmsp.render.HeaderValues;
import org.t37gw.dmsp.tiff.TiffFaxReader;
import org.t37gw.dmsp.tiff.TiffFaxWriter;
import org.t37gw.offramp.MimeDocument.Kind;

/** A MIME corpus built here, each shape the off-ramp must take, broken ones too. */
class MimeDocumentTest {

    @TempDir
    Path dir;

    static final String HEAD = "From: Alice <alice@example.org>\r\nTo: FAX=5550100@gw\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
            + "Message-ID: <x@y>\r\nMIME-Version: 1.0\r\n";

    static MimeDocument parse(String s) throws IOException {
        return MimeDocument.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(MimeDocument.Content c) {
        return new String(c.data(), StandardCharsets.UTF_8);
    }

    static String b64(byte[] b) {
        return Base64.getMimeEncoder().encodeToString(b);
    }

    /** A two-page TIFF-F (MH, 1728 wide, fine), a black bar near the top of each page. */
    static byte[] tiff(Path dir, int pages) throws IOException {
        Path f = dir.resolve("t" + pages + ".tif");
        try (TiffFaxWriter w = new TiffFaxWriter(f, TiffFaxWriter.Options.profileS())) {
            for (int p = 0; p < pages; p++) {
                Bilevel b = Bilevel.white(1728, 2287, 204, 196);
                for (int y = 300; y < 320; y++) {
                    for (int x = 100; x < 1600; x++) {
                        b.set(x, y, true);
                    }
                }
                w.addPage(b);
            }
        }
        return Files.readAllBytes(f);
    }

    static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.BLACK);
        g.fillRect(50, 50, 300, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    static byte[] pdf(int pages) throws IOException {
        try (PDDocument d = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                d.addPage(new PDPage());
            }
            d.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void plainTextInLatin1QuotedPrintable() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=FC=DFe aus K=F6ln=\r\n, soft break\r\n");
        assertEquals(1, d.contents().size());
        assertEquals(Kind.TEXT, d.contents().get(0).kind());
        assertEquals("Grüße aus Köln, soft break\r\n", text(d.contents().get(0)));
        assertEquals("Grüße", d.subject());
        assertTrue(d.skipped().isEmpty());
    }

    @Test
    void unknownCharsetFallsBackToUtf8OrLatin1() throws Exception {
        String utf8 = HEAD + "Content-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
        MimeDocument a = MimeDocument.parse(concat(utf8, "Stra\u00dfe".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Straße", text(a.contents().get(0)));
        MimeDocument b = MimeDocument.parse(concat(utf8, "Stra\u00dfe".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("Straße", text(b.contents().get(0)));
        MimeDocument c = MimeDocument.parse(concat(HEAD + "Content-Type: text/plain\r\n\r\n",
                "na\u00efve".getBytes(StandardCharsets.UTF_8)));
        assertEquals("naïve", text(c.contents().get(0)), "no charset, 8-bit UTF-8 bytes");
    }

    static byte[] concat(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Test
    void enrichedIsKeptAsEnriched() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: text/enriched\r\n\r\n<bold>Now</bold> is the time\r\n");
        assertEquals(Kind.ENRICHED, d.contents().get(0).kind());
        assertTrue(d.contents().get(0).contentType().startsWith("text/enriched"));
    }

    @Test
    void htmlBecomesStructuredTextWithoutScripts() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: text/html; charset=utf-8\r\n\r\n"
                + "<html><head><title>T</title><style>p{}</style><script>alert('x')</script></head><body>"
                + "<h1>Offer</h1><p>First&nbsp;para &amp; more</p><ul><li>one<li>two</ul>"
                + "<ol><li>alpha</li><li>beta</li></ol>"
                + "<table><tr><th>Item</th><th>Price</th></tr><tr><td>Fax</td><td>10 &euro;</td></tr></table>"
                + "<img src=\"http://tracker.example/x.gif\" alt=\"logo\"></body></html>");
        String t = text(d.contents().get(0));
        assertEquals(Kind.TEXT, d.contents().get(0).kind());
        assertTrue(t.contains("Offer\n\nFirst para & more"), t);
        assertTrue(t.contains("* one\n* two"), t);
        assertTrue(t.contains("1. alpha\n2. beta"), t);
        assertTrue(t.contains("Item | Price\nFax | 10 €"), t);
        assertTrue(t.contains("[logo]"), t);
        assertFalse(t.contains("alert"), t);
        assertFalse(t.contains("tracker"), t);
    }

    @Test
    void alternativePicksEnrichedThenPlainThenHtml() throws Exception {
        String alt = HEAD + "Content-Type: multipart/alternative; boundary=A\r\n\r\n"
                + "--A\r\nContent-Type: text/plain\r\n\r\nplain version\r\n"
                + "--A\r\nContent-Type: text/html\r\n\r\n<p>html version</p>\r\n"
                + "--A--\r\n";
        MimeDocument d = parse(alt);
        assertEquals(1, d.contents().size());
        assertTrue(text(d.contents().get(0)).contains("plain version"));
        MimeDocument e = parse(alt.replace("--A--", "--A\r\nContent-Type: text/enriched\r\n\r\n<bold>rich</bold>\r\n--A--"));
        assertEquals(Kind.ENRICHED, e.contents().get(0).kind());
        MimeDocument h = parse(HEAD + "Content-Type: multipart/alternative; boundary=A\r\n\r\n"
                + "--A\r\nContent-Type: application/x-unknown\r\n\r\nzz\r\n"
                + "--A\r\nContent-Type: text/html\r\n\r\n<p>only html</p>\r\n--A--\r\n");
        assertEquals("only html\n", text(h.contents().get(0)));
        assertTrue(h.skipped().isEmpty(), "an alternative not chosen is not a skipped part");
    }

    @Test
    void alternativeWithTiffPrefersTheFax() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: multipart/alternative; boundary=A\r\n\r\n"
                + "--A\r\nContent-Type: text/plain\r\n\r\nsee the fax\r\n"
                + "--A\r\nContent-Type: image/tiff\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(tiff(dir, 1))
                + "\r\n--A--\r\n");
        assertEquals(1, d.contents().size());
        assertEquals(Kind.TIFF, d.contents().get(0).kind());
    }

    @Test
    void mixedWithEveryRenderableTypeAndOneThatIsNot() throws Exception {
        String mixed = HEAD + "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n\r\npreamble\r\n"
                + "--=_b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCover note\r\n"
                + "--=_b\r\nContent-Type: image/tiff; name=fax.tif\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(tiff(dir, 2)) + "\r\n"
                + "--=_b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(pdf(2)) + "\r\n"
                + "--=_b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(image("png")) + "\r\n"
                + "--=_b\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(image("jpeg")) + "\r\n"
                + "--=_b\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(image("gif")) + "\r\n"
                + "--=_b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"scan.TIFF\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64(tiff(dir, 1)) + "\r\n"
                + "--=_b\r\nContent-Type: application/octet-stream; name=doc.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(pdf(1)) + "\r\n"
                + "--=_b\r\nContent-Type: application/vnd.ms-excel\r\nContent-Disposition: attachment; filename=sheet.xls\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64(new byte[] {1, 2, 3}) + "\r\n"
                + "--=_b--\r\n";
        MimeDocument d = parse(mixed);
        assertEquals(List.of(Kind.TEXT, Kind.TIFF, Kind.PDF, Kind.IMAGE, Kind.IMAGE, Kind.IMAGE, Kind.TIFF, Kind.PDF),
                d.contents().stream().map(MimeDocument.Content::kind).toList());
        assertEquals(1, d.skipped().size());
        assertTrue(d.skipped().get(0).name().contains("sheet.xls"), d.skipped().toString());
        assertTrue(d.skipped().get(0).reason().contains("application/vnd.ms-excel"));

        Path out = dir.resolve("pages.tif");
        FaxPages.Result r = FaxPages.render(d, FaxPages.Settings.DEFAULT, values(), null, out);
        // text 1 + tiff 2 + pdf 2 + 3 images + tiff 1 + pdf 1
        assertEquals(10, r.pages());
        assertEquals(1, r.textPages());
        assertEquals(1, r.skipped().size());
        assertEquals(10, TiffFaxReader.open(out).pageCount());
    }

    @Test
    void relatedRendersItsRootOnly() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: multipart/related; boundary=R; type=text/html\r\n\r\n"
                + "--R\r\nContent-Type: text/html\r\n\r\n<p>see <img src=\"cid:logo\" alt=\"our logo\"></p>\r\n"
                + "--R\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64(image("png")) + "\r\n--R--\r\n");
        assertEquals(1, d.contents().size());
        assertEquals("see [our logo]\n", text(d.contents().get(0)));
        assertTrue(d.skipped().isEmpty());
    }

    @Test
    void attachedMessageContributesItsBody() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: multipart/mixed; boundary=M\r\n\r\n"
                + "--M\r\nContent-Type: text/plain\r\n\r\nforwarded:\r\n"
                + "--M\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: carol@example.org\r\nSubject: inner\r\nContent-Type: text/plain\r\n\r\ninner body\r\n"
                + "--M--\r\n");
        assertEquals(2, d.contents().size());
        assertEquals("inner body", text(d.contents().get(1)).strip());
        assertEquals("Grüße", d.subject(), "the outer subject");
    }

    @Test
    void brokenMimeIsReadAsClientsDo() throws Exception {
        byte[] t = tiff(dir, 1);
        String b = Base64.getEncoder().encodeToString(t);
        String badPadding = b.replace("=", "") + "=="; // wrong padding
        MimeDocument d = parse(HEAD + "Content-Type: multipart/mixed; boundary=X\r\n\r\n"
                + "--X\r\nContent-Type: text/plain; charset=\"utf-8\r\n\r\nbody with a broken content type\r\n"
                + "--X\r\nContent-Type: image/tiff\r\nContent-Transfer-Encoding: BASE64\r\n\r\n" + badPadding + "!!\r\n");
        // no final boundary at all
        assertEquals(List.of(Kind.TEXT, Kind.TIFF), d.contents().stream().map(MimeDocument.Content::kind).toList());
        assertEquals(t.length, d.contents().get(1).data().length);
        Path out = dir.resolve("p.tif");
        assertEquals(2, FaxPages.render(d, FaxPages.Settings.DEFAULT, values(), null, out).pages());
    }

    @Test
    void unknownTransferEncodingAndGarbageAreNamed() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: multipart/mixed; boundary=X\r\n\r\n"
                + "--X\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-rot13\r\n\r\nuryyb\r\n"
                + "--X\r\nContent-Type: image/tiff; name=broken.tif\r\n\r\nnot a tiff at all\r\n"
                + "--X\r\nContent-Type: text/plain\r\n\r\nreadable\r\n--X--\r\n");
        assertEquals(1, d.skipped().size());
        assertTrue(d.skipped().get(0).reason().contains("transfer encoding"));
        FaxPages.Result r = FaxPages.render(d, FaxPages.Settings.DEFAULT, values(), null, dir.resolve("q.tif"));
        assertEquals(1, r.pages());
        assertEquals(2, r.skipped().size());
        assertTrue(r.skipped().get(1).name().contains("broken.tif"), r.skipped().toString());
    }

    @Test
    void refusePolicyAndNothingToFax() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: multipart/mixed; boundary=X\r\n\r\n"
                + "--X\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                + "--X\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n--X--\r\n");
        FaxPages.Settings refuse = FaxPages.Settings.DEFAULT.withUnrenderable(FaxPages.UnrenderablePolicy.REFUSE);
        FaxPages.ContentRefusedException e = assertThrows(FaxPages.ContentRefusedException.class,
                () -> FaxPages.render(d, refuse, values(), null, dir.resolve("r.tif")));
        assertTrue(e.getMessage().contains("audio/wav"));
        MimeDocument only = parse(HEAD + "Content-Type: audio/wav\r\n\r\nRIFF\r\n");
        assertThrows(FaxPages.ContentRefusedException.class,
                () -> FaxPages.render(only, FaxPages.Settings.DEFAULT, values(), null, dir.resolve("s.tif")));
        assertFalse(Files.exists(dir.resolve("r.tif")));
    }

    static HeaderValues values() {
        return new HeaderValues("alice@example.org", "5550100", ZonedDateTime.of(2026, 3, 4, 10, 0, 0, 0, ZoneOffset.UTC));
    }

    static boolean bandHasInk(Bilevel b) {
        int rows = 40; // the 6 mm header band at fine is 46 lines
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < b.width(); x++) {
                if (b.get(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void headerOnTextPagesOnlyUnlessAskedAndCoverFirst() throws Exception {
        MimeDocument d = parse(HEAD + "Content-Type: multipart/mixed; boundary=X\r\n\r\n"
                + "--X\r\nContent-Type: text/plain\r\n\r\nnote\r\n"
                + "--X\r\nContent-Type: image/tiff\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(tiff(dir, 1))
                + "\r\n--X--\r\n");
        FaxPages.Settings s = FaxPages.Settings.DEFAULT.withHeader(new HeaderSpec("$s$", "$d$", "$p$"));
        Path out = dir.resolve("h.tif");
        FaxPages.render(d, s, values(), null, out);
        TiffFaxReader r = TiffFaxReader.open(out);
        assertTrue(bandHasInk(r.decodePage(0).image()), "text page has the header");
        assertFalse(bandHasInk(r.decodePage(1).image()), "TIFF page left alone (Cisco)");

        FaxPages.render(d, s.withHeaderOnAttachments(true), values(), null, out);
        assertTrue(bandHasInk(TiffFaxReader.open(out).decodePage(1).image()), "US rules: every page");

        CoverPage.Info cover = new CoverPage.Info("Fax", "alice@example.org", "5550100", "Hi", values().time(), 0,
                List.of());
        FaxPages.Result withCover = FaxPages.render(d, s, values(), cover, out);
        assertEquals(3, withCover.pages());
        assertTrue(withCover.cover());
        TiffFaxReader rc = TiffFaxReader.open(out);
        assertEquals(3, rc.pageCount());
        assertTrue(bandHasInk(rc.decodePage(0).image()), "cover has the header");
        // the header's $p$ counts the whole fax: the text page is now page 2/3, so its band changed
        assertFalse(rc.decodePage(1).image().samePixels(r.decodePage(0).image()));
    }
}
