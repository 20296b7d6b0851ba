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
 * here — dense text (small type edge to edge), a business letter, and a blank page — and two photo
 * pages made here in Java from one smooth synthetic grey image ({@link #photo}): <b>halftone</b>, a
 * clustered-dot halftone (cosine spot function, 45° screen, dots 5.7 pixels apart ≈ 36 lpi at 204 dpi,
 * 32-pixel cells, as a fax driver's photo mode prints), and <b>diffused</b>, Floyd–Steinberg error diffusion of the same image.
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
            case "halftone" -> halftone(photo());
            case "diffused" -> diffused(photo());
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

    /**
     * A smooth photo-like grey image, darkness 0 (white) to 1 (black) per pixel: a lit sphere on a
     * graded background with a few soft blobs and a gentle ripple, margins of white paper. Deterministic.
     */
    static float[] photo() {
        float[] g = new float[WIDTH * HEIGHT];
        int m = 80;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (x < m || x >= WIDTH - m || y < m || y >= HEIGHT - m) {
                    continue;
                }
                double u = (double) x / WIDTH;
                double v = (double) y / HEIGHT;
                double d = 0.15 + 0.55 * v + 0.08 * Math.sin(9 * u + 4 * v) * Math.cos(7 * v);
                d += 0.35 * Math.exp(-((u - 0.25) * (u - 0.25) + (v - 0.7) * (v - 0.7)) / 0.01);
                d -= 0.30 * Math.exp(-((u - 0.8) * (u - 0.8) + (v - 0.2) * (v - 0.2)) / 0.02);
                double dx = (u - 0.55) / 0.3;
                double dy = (v - 0.45) / 0.3 * HEIGHT / WIDTH * 196.0 / 204.0;
                double r2 = dx * dx + dy * dy;
                if (r2 < 1) {
                    double nz = Math.sqrt(1 - r2);
                    double light = Math.max(0, -0.5 * dx - 0.5 * dy + 0.7 * nz);
                    d = 0.9 - 0.85 * light;
                }
                g[y * WIDTH + x] = (float) Math.max(0, Math.min(1, d));
            }
        }
        return g;
    }

    /** Clustered-dot halftone: cosine spot function on a 45° screen, dots 4√2 pixels apart. */
    static Bilevel halftone(float[] g) {
        Bilevel b = Bilevel.white(WIDTH, HEIGHT, 204, 196);
        double k = Math.PI / 4; // dot centres at (4(m+n), 4(m-n)): 5.7 px apart on the 45° axes
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double u = (x + y) * k;
                double v = (x - y) * k;
                double t = 0.5 - (Math.cos(u) + Math.cos(v)) / 4; // dots grow from the cell centres
                if (g[y * WIDTH + x] > t) {
                    b.set(x, y, true);
                }
            }
        }
        return b;
    }

    /** Floyd–Steinberg error diffusion, serpentine rows. */
    static Bilevel diffused(float[] g) {
        Bilevel b = Bilevel.white(WIDTH, HEIGHT, 204, 196);
        float[] e = g.clone();
        for (int y = 0; y < HEIGHT; y++) {
            boolean ltr = (y & 1) == 0;
            for (int i = 0; i < WIDTH; i++) {
                int x = ltr ? i : WIDTH - 1 - i;
                int s = ltr ? 1 : -1;
                int o = y * WIDTH + x;
                float old = e[o];
                float q = old >= 0.5f ? 1f : 0f;
                if (q == 1f) {
                    b.set(x, y, true);
                }
                float err = old - q;
                if (x + s >= 0 && x + s < WIDTH) {
                    e[o + s] += err * 7 / 16;
                }
                if (y + 1 < HEIGHT) {
                    if (x - s >= 0 && x - s < WIDTH) {
                        e[o + WIDTH - s] += err * 3 / 16;
                    }
                    e[o + WIDTH] += err * 5 / 16;
                    if (x + s >= 0 && x + s < WIDTH) {
                        e[o + WIDTH + s] += err * 1 / 16;
                    }
                }
            }
        }
        return b;
    }
}
