package org.t37gw.fmsp.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.t37gw.dmsp.page.Bilevel;

/**
 * Short pages of text for the T.38 session tests and the load benchmark: A4 width (1728 pels) at standard
 * resolution (204 × 98 dpi), a few lines of monospaced text drawn by AWT (headless), deterministic for a given page
 * number and count, so a receiver in another JVM can rebuild the pages it must get.
 */
public final class TextPages {
    private TextPages() {
    }

    /** {@code count} pages, each {@code height} rows. */
    public static List<Bilevel> make(int count, int height) {
        System.setProperty("java.awt.headless", "true");
        List<Bilevel> out = new ArrayList<>();
        for (int p = 1; p <= count; p++) {
            BufferedImage im = new BufferedImage(1728, height, BufferedImage.TYPE_BYTE_BINARY);
            Graphics2D g = im.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 1728, height);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 22));
                int line = 0;
                for (int y = 30; y < height - 10; y += 26, line++) {
                    g.drawString(String.format(Locale.ROOT,
                            "t37gw T.38 load page %d of %d, line %2d: the quick brown fax jumps over the lazy modem %d",
                            p, count, line, (p * 31 + line * 7) % 1000), 40, y);
                }
                g.drawLine(20, 5, 1700, height - 5);
            } finally {
                g.dispose();
            }
            Bilevel b = Bilevel.white(1728, height, 204, 98);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < 1728; x++) {
                    if ((im.getRGB(x, y) & 0xFFFFFF) == 0) {
                        b.set(x, y, true);
                    }
                }
            }
            out.add(b);
        }
        return out;
    }

    /** A deep copy (a session's own document). */
    public static List<Bilevel> copy(List<Bilevel> pages) {
        List<Bilevel> out = new ArrayList<>();
        for (Bilevel b : pages) {
            out.add(new Bilevel(b.width(), b.height(), b.xdpi(), b.ydpi(), b.data().clone()));
        }
        return out;
    }
}
