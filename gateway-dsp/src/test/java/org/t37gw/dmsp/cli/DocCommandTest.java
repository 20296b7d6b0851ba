package org.t37gw.dmsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.cli.CliCommand;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.page.Pbm;
import org.t37gw.dmsp.t4.DecodeLimits;
import org.t37gw.dmsp.t4.T4Decoder;
import org.t37gw.dmsp.t4.T4Params;
import org.t37gw.dmsp.testutil.TestPages;
import org.t37gw.dmsp.tiff.TiffFaxReader;

class DocCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        out.reset();
        err.reset();
        CliCommand doc = ServiceLoader.load(CliCommand.class).stream().map(ServiceLoader.Provider::get)
            .filter(c -> c.name().equals("doc")).findFirst().orElseThrow();
        return doc.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pbmToTiffToPbmKeepsPixelsAndInfoReportsProfiles() throws Exception {
        Bilevel a = TestPages.mixed(1728, 200, 1);
        Bilevel b = TestPages.textLike(1728, 300, 2);
        Path pbm = dir.resolve("in.pbm");
        byte[] both = concat(Pbm.toBytes(a), Pbm.toBytes(b));
        Files.write(pbm, both);
        for (String enc : new String[] {"mh", "mr", "mmr"}) {
            Path tif = dir.resolve(enc + ".tif");
            assertEquals(0, run("convert", pbm.toString(), tif.toString(), "--encoding", enc), err.toString());
            assertEquals(0, run("info", tif.toString()));
            assertTrue(out().contains("2 pages, TIFF-F profile " + (enc.equals("mh") ? "S" : "F")), out());
            assertTrue(out().contains("page 1: 1728 x 200, 204 x 196 dpi (fine), " + enc.toUpperCase()), out());
            assertEquals(0, run("info", tif.toString(), "--json"));
            assertTrue(out().contains("\"pages\":2,\"tiffF\":true"), out());
            assertTrue(out().contains("\"compression\":\"" + enc.toUpperCase() + "\""), out());
            Path back = dir.resolve(enc + ".pbm");
            assertEquals(0, run("convert", tif.toString(), back.toString()));
            List<Bilevel> pages = Pbm.read(Files.readAllBytes(back), 204, 196);
            assertNull(a.firstDifference(pages.get(0)));
            assertNull(b.firstDifference(pages.get(1)));
        }
    }

    @Test
    void rawG3AndG4OutputDecode() throws Exception {
        Bilevel a = TestPages.mixed(1728, 100, 3);
        Path pbm = dir.resolve("a.pbm");
        Files.write(pbm, Pbm.toBytes(a));
        assertEquals(0, run("convert", pbm.toString(), dir.resolve("a.g3").toString(), "--encoding", "mr"));
        assertEquals(0, run("convert", pbm.toString(), dir.resolve("a.g4").toString()));
        for (String[] f : new String[][] {{"a.g3", "mr"}, {"a.g4", "mmr"}}) {
            byte[] data = Files.readAllBytes(dir.resolve(f[0]));
            T4Params p = f[1].equals("mr") ? T4Params.mr(1728, 4) : T4Params.mmr(1728);
            T4Decoder dec = new T4Decoder(p, DecodeLimits.DEFAULT);
            dec.feed(data, 0, data.length);
            dec.endOfInput();
            Bilevel back = Bilevel.white(1728, 100, 204, 196);
            int y = 0;
            while (y < 100 && dec.nextRow(back.data(), y * back.rowBytes()) == T4Decoder.ROW) {
                y++;
            }
            assertEquals(100, y);
            assertNull(a.firstDifference(back));
        }
    }

    @Test
    void resolutionAndPaperAreApplied() throws Exception {
        Path pbm = dir.resolve("tall.pbm");
        Bilevel tall = TestPages.textLike(1728, 3000, 5);
        Files.write(pbm, Pbm.toBytes(tall));
        Path tif = dir.resolve("fine.tif");
        assertEquals(0, run("convert", pbm.toString(), tif.toString(), "--resolution", "fine", "--paper", "letter"),
            err.toString());
        // letter is 279.4 mm at 7.7 lines/mm = 2151 rows; the rest goes on a second page, nothing is cut
        TiffFaxReader r = TiffFaxReader.open(tif);
        assertEquals(List.of(2151, 849), r.pages().stream().map(p -> p.length()).toList());
        Bilevel first = r.decodePage(0).image();
        Bilevel second = r.decodePage(1).image();
        for (int y : new int[] {0, 1000, 2150}) {
            for (int x = 0; x < 1728; x += 7) {
                assertEquals(tall.get(x, y), first.get(x, y), x + "," + y);
            }
        }
        for (int y : new int[] {0, 500, 848}) {
            for (int x = 0; x < 1728; x += 7) {
                assertEquals(tall.get(x, 2151 + y), second.get(x, y), x + "," + y);
            }
        }
        Path std = dir.resolve("std.tif");
        assertEquals(0, run("convert", tif.toString(), std.toString(), "--resolution", "standard"));
        // 2151 fine rows = a full Letter page: a full Letter page at standard (279.4 x 3.85 = 1076 rows)
        assertEquals(List.of(1076, 425), TiffFaxReader.open(std).pages().stream().map(p -> p.length()).toList());
    }

    @Test
    void errorsHaveTheContractExitCodes() throws Exception {
        Path png = dir.resolve("x.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertEquals(CliCommand.FAILED, run("convert", png.toString(), dir.resolve("y.tif").toString()));
        assertTrue(err.toString().startsWith("t37gw doc convert: " + png + ": UNREADABLE: "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertEquals(CliCommand.USAGE, run("convert", png.toString(), dir.resolve("y.jpg").toString()));
        assertEquals(CliCommand.USAGE, run("convert", "a"));
        assertEquals(CliCommand.USAGE, run("info"));
        assertEquals(CliCommand.USAGE, run("frobnicate"));
        assertEquals(CliCommand.FAILED, run("info", dir.resolve("missing.tif").toString()));
        Path junk = dir.resolve("junk.tif");
        Files.write(junk, new byte[] {'I', 'I', 42, 0, (byte) 0xFF, (byte) 0xFF, 0, 0});
        assertEquals(CliCommand.FAILED, run("info", junk.toString()));
        assertEquals(CliCommand.USAGE, run("convert", "a.pbm", "b.tif", "--encoding", "jbig"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
