package org.t37gw.dmsp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.t37gw.dmsp.page.Bilevel;
import org.t37gw.dmsp.page.Pbm;
import org.t37gw.dmsp.testutil.TestPages;

/**
 * The benchmark pages: A4 at 204 × 196 dpi (1728 × 2292), rendered by Ghostscript from PostScript made
 * here — dense text (small type edge to edge), a business letter, and a blank page.
 */
public final class BenchPages {

    public static final int WIDTH = 1728;
    public static final int HEIGHT = 2292;

    private BenchPages() {
    }

    public static Bilevel page(String name, Path work) throws IOException, InterruptedException {
        return switch (name) {
            case "blank" -> Bilevel.white(WIDTH, HEIGHT, 204, 196);
            case "dense" -> render(denseText(), work, name);
            case "letter" -> render(letter(), work, name);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Bilevel render(String ps, Path work, String name) throws IOException, InterruptedException {
        Path src = work.resolve(name + ".ps");
        Path pbm = work.resolve(name + ".pbm");
        Files.writeString(src, ps, StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pbmraw",
            "-r204x196", "-g" + WIDTH + "x" + HEIGHT, "-sOutputFile=" + pbm, src.toString())
            .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.err.println("gs not usable; synthetic text page instead of " + name);
            return TestPages.textLike(WIDTH, HEIGHT, name.hashCode());
        }
        List<Bilevel> pages = Pbm.read(Files.readAllBytes(pbm), 204, 196);
        return pages.get(0);
    }

    static String denseText() {
        StringBuilder sb = new StringBuilder("%!PS\n/Courier findfont 7 scalefont setfont\n");
        int line = 0;
        for (int y = 830; y > 10; y -= 8) {
            sb.append("8 ").append(y).append(" moveto (");
            for (int i = 0; i < 3; i++) {
                sb.append("Line ").append(line).append(": THE QUICK BROWN FOX jumps over the lazy dog 0123456789 ");
            }
            sb.append(") show\n");
            line++;
        }
        return sb.append("showpage\n").toString();
    }

    static String letter() {
        StringBuilder sb = new StringBuilder("%!PS\n");
        sb.append("/Helvetica-Bold findfont 20 scalefont setfont 60 780 moveto (ACME Fax Gateways Ltd) show\n");
        sb.append("0.8 setlinewidth 60 770 moveto 535 770 lineto stroke\n");
        sb.append("/Times-Roman findfont 11 scalefont setfont\n");
        String[] addr = {"Ms. Jane Example", "Example Corporation", "12 Sample Street", "Springfield 12345"};
        int y = 720;
        for (String a : addr) {
            sb.append("60 ").append(y).append(" moveto (").append(a).append(") show\n");
            y -= 14;
        }
        sb.append("400 720 moveto (28 November 2026) show\n");
        y -= 20;
        sb.append("60 ").append(y).append(" moveto (Dear Ms. Example,) show\n");
        y -= 24;
        String para = "Thank you for your letter of last week about the delivery of fax messages over the Internet. "
            + "We are glad to confirm that our gateway stores each page before it answers, so that no page is lost. ";
        for (int p = 0; p < 4; p++) {
            for (int l = 0; l < 6; l++) {
                String text = para.substring((l * 17) % 60, (l * 17) % 60 + 90);
                sb.append("60 ").append(y).append(" moveto (").append(text).append(") show\n");
                y -= 14;
            }
            y -= 12;
        }
        sb.append("60 ").append(y - 10).append(" moveto (Yours sincerely,) show\n");
        sb.append("/Times-Italic findfont 18 scalefont setfont 60 ").append(y - 50).append(" moveto (J. Smith) show\n");
        sb.append("/Helvetica findfont 8 scalefont setfont 60 40 moveto (ACME Fax Gateways Ltd - 1 Road - Town) show\n");
        return sb.append("showpage\n").toString();
    }
}
