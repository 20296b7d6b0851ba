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
        Files.write(pbm, Pbm.toBytes(Bilevel.white(1728, 3000, 204, 196)));
        Path tif = dir.resolve("std.tif");
        assertEquals(0, run("convert", pbm.toString(), tif.toString(), "--resolution", "fine", "--paper", "letter"));
        // letter is 279.4 mm: 11 in x 196 lpi = 2156 rows
        assertEquals(2156, TiffFaxReader.open(tif).pages().get(0).length());
    }

    @Test
    void errorsHaveTheContractExitCodes() throws Exception {
        Path png = dir.resolve("x.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertEquals(CliCommand.NOT_BUILT, run("convert", png.toString(), dir.resolve("y.tif").toString()));
        assertTrue(err.toString().contains("not supported yet"));
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
