package org.t37gw.dmsp.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The two fonts every page is drawn with, loaded from our class path and never from the system, so the same text
 * gives the same bits on every machine (given the same JDK rasteriser):
 * <ul>
 *   <li>{@link #sans()}: Liberation Sans Regular, from the PDFBox jar ({@value #SANS_RESOURCE}), pinned by the
 *   PDFBox version in the build;</li>
 *   <li>{@link #mono()}: DejaVu Sans Mono 2.37, shipped in this package ({@value #MONO_RESOURCE}, Bitstream Vera
 *   licence next to it).</li>
 * </ul>
 * Bold and italic are the JDK's algorithmic styles of these faces ({@code deriveFont(Font.BOLD)}).
 */
public final class FaxFonts {

    static final String SANS_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    static final String MONO_RESOURCE = "/org/t37gw/dmsp/render/fonts/DejaVuSansMono.ttf";

    private static final Font SANS = load(SANS_RESOURCE);
    private static final Font MONO = load(MONO_RESOURCE);

    private FaxFonts() {
    }

    /** Liberation Sans Regular at 1 pt; derive the size you need. */
    public static Font sans() {
        return SANS;
    }

    /** DejaVu Sans Mono at 1 pt; derive the size you need. */
    public static Font mono() {
        return MONO;
    }

    private static Font load(String resource) {
        Headless.ensure();
        try (InputStream in = FaxFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is not on the class path");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(1f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + resource, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bad font " + resource, e);
        }
    }
}
