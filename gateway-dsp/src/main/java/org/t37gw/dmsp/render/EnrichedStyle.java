package org.t37gw.dmsp.render;

import java.util.Objects;

/**
 * The formatting in force at a point of a text/enriched body (RFC 1896): character attributes and the paragraph
 * environment. Counts are nesting depths ({@code size} is bigger minus smaller).
 *
 * @param paraLeft   paraindent left: whole paragraph indented from the left
 * @param paraRight  paraindent right: whole paragraph indented from the right
 * @param paraIn     paraindent in: first line indented
 * @param paraOut    paraindent out: first line outdented (all lines but the first indented)
 * @param lang       innermost {@code lang} parameter, or empty
 * @param fontFamily innermost {@code fontfamily} parameter, or empty (not rendered: we draw with our own fonts)
 * @param color      innermost {@code color} parameter, or empty (not rendered: pages are bilevel)
 */
public record EnrichedStyle(boolean bold, boolean italic, boolean underline, boolean fixed, int size,
        Alignment alignment, int indent, int indentRight, boolean nofill, int excerpt,
        int paraLeft, int paraRight, int paraIn, int paraOut, String lang, String fontFamily, String color) {

    /** Paragraph alignment: flushleft (the default), center, flushright, flushboth (justified). */
    public enum Alignment { LEFT, CENTER, RIGHT, BOTH }

    /** Nothing in force. */
    public static final EnrichedStyle PLAIN = new EnrichedStyle(false, false, false, false, 0, Alignment.LEFT, 0,
            0, false, 0, 0, 0, 0, 0, "", "", "");

    public EnrichedStyle {
        Objects.requireNonNull(alignment, "alignment");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(fontFamily, "fontFamily");
        Objects.requireNonNull(color, "color");
    }

    /** Same character attributes (font, size, underline): runs that can be drawn together. */
    boolean sameFont(EnrichedStyle o) {
        return bold == o.bold && italic == o.italic && underline == o.underline && fixed == o.fixed
                && size == o.size;
    }
}
