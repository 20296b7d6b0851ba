package org.t37gw.dmsp.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.t4.Coding;
import org.t37gw.dmsp.t4.FillOrder;
import org.t37gw.dmsp.t4.PageEnd;
import org.t37gw.dmsp.testutil.TestPages;
import org.t37gw.dmsp.testutil.Tools;

/**
 * Pixel-exact interop with libtiff (tiffcp, tiffinfo) and Ghostscript (tiffg3, tiffg32d, tiffg4): our
 * decoder gives libtiff's pixels, libtiff decodes our files to our input, tiffinfo -D has no complaint.
 */
class LibtiffInteropTest {

    @TempDir
    Path dir;

    /** Decodes with libtiff: tiffcp -c none, then our reader on the uncompressed result. */
    private List<Bilevel> libtiffPixels(Path tif) throws Exception {
        Path raw = dir.resolve("raw-" + tif.getFileName());
        Tools.ok(dir, "tiffcp", "-c", "none", "-f", "msb2lsb", tif.toString(), raw.toString());
        TiffFaxReader r = TiffFaxReader.open(raw);
        List<Bilevel> pages = new ArrayList<>();
        for (TiffPage p : r.pages()) {
            assertEquals(1, p.compression(), "tiffcp -c none gave compression " + p.compression());
            pages.add(r.decodePage(p.index()).image());
        }
        return pages;
    }

    private void assertTiffinfoClean(Path tif) throws Exception {
        Tools.Result r = Tools.ok(dir, "tiffinfo", "-D", tif.toString());
        String all = r.out() + r.err();
        assertFalse(all.toLowerCase().contains("warning") || all.toLowerCase().contains("error")
            || all.contains("Bad code word") || all.contains("Premature"), "tiffinfo -D complains: " + all);
    }

    @Test
    void libtiffDecodesOurFilesToOurPixels() throws Exception {
        Tools.require("tiffcp");
        Tools.require("tiffinfo");
        for (int width : new int[] {1728, 2048, 2432}) {
            List<Bilevel> input = List.of(TestPages.mixed(width, 400, width + 1), TestPages.textLike(width, 500, 5),
                Bilevel.white(width, 50, 204, 196));
            for (Coding coding : Coding.values()) {
                for (FillOrder fo : FillOrder.values()) {
                    for (boolean aligned : new boolean[] {false, true}) {
                        if (coding == Coding.MMR && aligned) {
                            continue;
                        }
                        Path tif = dir.resolve("ours-" + width + coding + fo + aligned + ".tif");
                        TiffFaxWriter.Options o = TiffFaxWriter.Options.of(coding).withFillOrder(fo)
                            .withEolAligned(aligned).withRtc(aligned);
                        try (TiffFaxWriter w = new TiffFaxWriter(tif, o)) {
                            for (Bilevel b : input) {
                                w.addPage(b);
                            }
                        }
                        assertTiffinfoClean(tif);
                        List<Bilevel> back = libtiffPixels(tif);
                        assertEquals(input.size(), back.size());
                        for (int i = 0; i < input.size(); i++) {
                            assertNull(input.get(i).firstDifference(back.get(i)), tif.getFileName() + " page " + i);
                        }
                        TiffFaxReader ours = TiffFaxReader.open(tif);
                        assertEquals(List.of(), ours.deviations(), "our own file conforms");
                        for (int i = 0; i < input.size(); i++) {
                            DecodedPage p = ours.decodePage(i);
                            assertNull(input.get(i).firstDifference(p.image()), "our reader, page " + i);
                            assertEquals(0, p.quality().badFaxLines());
                        }
                    }
                }
            }
        }
    }

    @Test
    void weDecodeWhatLibtiffEncodesToTheSamePixels() throws Exception {
        Tools.require("tiffcp");
        String[][] codings = {
            {"g3"}, {"g3:1d:fill"}, {"g3:2d"}, {"g3:2d:fill"}, {"g4"},
        };
        for (int width : new int[] {1728, 2048, 2432, 4864}) {
            Bilevel page = TestPages.mixed(width, 600, 31 * width);
            Path src = dir.resolve("src" + width + ".tif");
            TestPages.writeUncompressedTiff(page, src);
            for (String[] c : codings) {
                for (String fill : new String[] {"msb2lsb", "lsb2msb"}) {
                    for (String rows : new String[] {"0", "37"}) {
                        Path tif = dir.resolve("lib-" + width + c[0].replace(':', '_') + fill + rows + ".tif");
                        List<String> cmd = new ArrayList<>(List.of("tiffcp", "-c", c[0], "-f", fill));
                        if (!rows.equals("0")) {
                            cmd.addAll(List.of("-r", rows));
                        }
                        cmd.addAll(List.of(src.toString(), tif.toString()));
                        Tools.Result r = Tools.run(dir, cmd);
                        assertEquals(0, r.exit(), r.err());
                        TiffFaxReader ours = TiffFaxReader.open(tif);
                        DecodedPage p = ours.decodePage(0);
                        assertNull(page.firstDifference(p.image()), tif.getFileName().toString());
                        assertEquals(0, p.quality().badFaxLines(), tif.getFileName().toString());
                    }
                }
            }
        }
    }

    /**
     * Photos dithered by ImageMagick (error diffusion and ordered dither: the hardest pages for a run-length
     * code, with runs of one or two pixels everywhere), coded by ImageMagick/libtiff as G3 and G4: our
     * decoder gives libtiff's pixels; and our MH/MR/MMR coding of the same pages libtiff decodes to them.
     */
    @Test
    void imageMagickDitheredPhotosDecodeAndEncodeLikeLibtiff() throws Exception {
        Path convert = Path.of("/usr/bin/convert"); // /usr/local/bin may hold a stand-in without ImageMagick
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(convert)
                && Tools.run(dir, List.of(convert.toString(), "-version")).out().contains("ImageMagick"),
                "ImageMagick is not installed (scripts/test installs Debian's imagemagick)");
        Tools.require("tiffcp");
        String[][] dithers = {{"fs", "-dither", "FloydSteinberg", "-monochrome"},
            {"o8", "-ordered-dither", "o8x8", "-monochrome"}};
        for (String[] d : dithers) {
            Path g4 = dir.resolve("photo-" + d[0] + "-g4.tif");
            List<String> cmd = new ArrayList<>(List.of(convert.toString(), "-seed", "37", "-size", "1728x1200",
                "plasma:fractal", "-colorspace", "Gray", "-density", "204x196", "-units", "PixelsPerInch"));
            cmd.addAll(List.of(d).subList(1, d.length));
            cmd.addAll(List.of("-compress", "Group4", g4.toString()));
            Tools.Result r = Tools.run(dir, cmd);
            assertEquals(0, r.exit(), r.err());
            Path g3 = dir.resolve("photo-" + d[0] + "-g3.tif");
            Tools.ok(dir, "tiffcp", "-c", "g3:2d:fill", g4.toString(), g3.toString());
            Bilevel lib = libtiffPixels(g4).get(0);
            assertEquals(1728, lib.width());
            int black = 0;
            for (byte b : lib.data()) {
                black += Integer.bitCount(b & 0xff);
            }
            int bits = lib.data().length * 8;
            assertTrue(black > bits / 10 && black < bits * 9 / 10, "a photo, neither blank nor black: " + black);
            for (Path tif : List.of(g4, g3)) {
                DecodedPage p = TiffFaxReader.open(tif).decodePage(0);
                assertNull(lib.firstDifference(p.image()), tif.getFileName().toString());
                assertEquals(0, p.quality().badFaxLines(), tif.getFileName().toString());
            }
            for (Coding coding : Coding.values()) {
                Path ours = dir.resolve("ours-photo-" + d[0] + coding + ".tif");
                try (TiffFaxWriter w = new TiffFaxWriter(ours, TiffFaxWriter.Options.of(coding))) {
                    w.addPage(lib);
                }
                assertTiffinfoClean(ours);
                assertNull(lib.firstDifference(libtiffPixels(ours).get(0)), ours.getFileName().toString());
            }
        }
    }

    @Test
    void ghostscriptPagesDecodeLikeLibtiff() throws Exception {
        Tools.require("gs");
        Tools.require("tiffcp");
        Path ps = dir.resolve("text.ps");
        Files.writeString(ps, postScript(), StandardCharsets.US_ASCII);
        String[][] devices = {{"tiffg3", "MH"}, {"tiffg32d", "MR"}, {"tiffg4", "MMR"}, {"tiffcrle", "MH-RLE"}};
        for (String[] dev : devices) {
            for (String res : new String[] {"204x98", "204x196"}) {
                Path tif = dir.resolve(dev[0] + res + ".tif");
                Tools.ok(dir, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=" + dev[0], "-r" + res,
                    "-sPAPERSIZE=a4", "-sOutputFile=" + tif, ps.toString());
                TiffFaxReader ours = TiffFaxReader.open(tif);
                assertEquals(2, ours.pageCount());
                List<Bilevel> lib = libtiffPixels(tif);
                for (int i = 0; i < 2; i++) {
                    TiffPage tp = ours.pages().get(i);
                    assertEquals(dev[1], tp.codingName());
                    DecodedPage p = ours.decodePage(i);
                    assertNull(lib.get(i).firstDifference(p.image()), tif.getFileName() + " page " + i);
                    assertEquals(0, p.quality().badFaxLines());
                    assertTrue(p.end() != PageEnd.CODING_ERROR);
                }
            }
        }
    }

    /** Two pages: dense text in several sizes, rules and boxes, a black band. */
    static String postScript() {
        StringBuilder sb = new StringBuilder("%!PS\n");
        for (int page = 0; page < 2; page++) {
            sb.append("/Courier findfont 9 scalefont setfont\n");
            int y = 800;
            int line = 0;
            while (y > 40) {
                int size = page == 0 ? 9 : 6 + (line % 4) * 3;
                sb.append("/Times-Roman findfont ").append(size).append(" scalefont setfont\n");
                sb.append("30 ").append(y).append(" moveto (");
                for (int i = 0; i < 20; i++) {
                    sb.append("Fax ").append(line * 31 + i).append(" quick brown fox jumps; ");
                }
                sb.append(") show\n");
                y -= size + 2;
                line++;
            }
            sb.append("0 setgray 100 300 200 20 rectfill 0.5 setlinewidth 50 50 495 740 rectstroke\n");
            sb.append("showpage\n");
        }
        return sb.toString();
    }

    @Test
    void fax2tiffReadsOurRawLineStreams() throws Exception {
        Tools.require("fax2tiff");
        Tools.require("tiffcp");
        Bilevel page = TestPages.mixed(1728, 300, 99);
        int fill = org.t37gw.dmsp.t4.T4Params.minRowBits(14400, 10);
        org.t37gw.dmsp.t4.T4Params[] params = {
            org.t37gw.dmsp.t4.T4Params.mh(1728).withMinRowBits(fill),
            org.t37gw.dmsp.t4.T4Params.mr(1728, 4).withMinRowBits(fill),
            org.t37gw.dmsp.t4.T4Params.mmr(1728),
        };
        String[] modes = {"-1", "-2", "-4"};
        for (int i = 0; i < params.length; i++) {
            for (FillOrder fo : FillOrder.values()) {
                org.t37gw.dmsp.t4.T4Params p = params[i].withFillOrder(fo);
                org.t37gw.dmsp.t4.T4Encoder enc = new org.t37gw.dmsp.t4.T4Encoder(p);
                for (int y = 0; y < page.height(); y++) {
                    enc.encodeRow(page.data(), y * page.rowBytes());
                }
                enc.endPage();
                Path raw = dir.resolve("raw" + i + fo + ".g3");
                Files.write(raw, enc.takeBytes());
                Path tif = dir.resolve("fax2tiff" + i + fo + ".tif");
                Tools.Result r = Tools.ok(dir, "fax2tiff", modes[i], fo == FillOrder.MSB_FIRST ? "-M" : "-L",
                    "-X", "1728", "-o", tif.toString(), raw.toString());
                assertFalse((r.out() + r.err()).contains("bad"), "fax2tiff: " + r.out() + r.err());
                Bilevel back = libtiffPixels(tif).get(0);
                // fax2tiff turns each EOL of RTC after the first into a row (a hand-made MH stream
                // of 3 rows + RTC gives 8 rows too): compare our rows, allow those 5
                assertTrue(back.height() >= page.height() && back.height() <= page.height() + 5,
                    modes[i] + " rows " + back.height());
                Bilevel cropped = new Bilevel(back.width(), page.height(), back.xdpi(), back.ydpi(), back.data());
                assertNull(page.firstDifference(cropped), "fax2tiff " + modes[i] + " " + fo);
            }
        }
    }
}
