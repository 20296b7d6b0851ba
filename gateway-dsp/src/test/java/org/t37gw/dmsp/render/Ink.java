package org.t37gw.dmsp.render;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: where the black pixels of a page are. */
final class Ink {

    private Ink() {
    }

    /** {minX, minY, maxX, maxY} of the black pixels, or null for a white page. */
    static int[] box(FaxPageImage p) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < p.height(); y++) {
            if (p.isWhiteRow(y)) {
                continue;
            }
            for (int x = 0; x < p.width(); x++) {
                if (p.isBlack(x, y)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }

    /** Mean x of the black pixels. */
    static double centroidX(FaxPageImage p) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                if (p.isBlack(x, y)) {
                    sum += x;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Colour changes along all rows. */
    static long transitions(FaxPageImage p) {
        long t = 0;
        for (int y = 0; y < p.height(); y++) {
            boolean prev = false;
            for (int x = 0; x < p.width(); x++) {
                boolean b = p.isBlack(x, y);
                if (b != prev) {
                    t++;
                }
                prev = b;
            }
        }
        return t;
    }

    static String sha256(List<FaxPageImage> pages) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (FaxPageImage p : pages) {
                md.update((p.width() + "x" + p.height() + p.resolution()).getBytes());
                md.update(p.toBytes());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
