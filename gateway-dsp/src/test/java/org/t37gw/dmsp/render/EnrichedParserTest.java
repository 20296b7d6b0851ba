package org.t37gw.dmsp.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.t37gw.dmsp.render.EnrichedStyle.Alignment;

class EnrichedParserTest {

    private static List<EnrichedNode> parse(String s) {
        return EnrichedParser.parse(s);
    }

    private static String text(String s) {
        return EnrichedParser.plainText(parse(s));
    }

    /** Style of the run whose text is {@code t}. */
    private static EnrichedStyle styleOf(String body, String t) {
        for (EnrichedNode n : parse(body)) {
            if (n instanceof EnrichedNode.Text x && x.text().equals(t)) {
                return x.style();
            }
        }
        throw new AssertionError("no run '" + t + "' in " + parse(body));
    }

    @Test
    void newlineRules() {
        assertEquals("a b", text("a\r\nb"), "one CRLF is a space");
        assertEquals("a\nb", text("a\r\n\r\nb"), "two CRLFs are one break");
        assertEquals("a\n\nb", text("a\r\n\r\n\r\nb"), "three CRLFs are two breaks");
        assertEquals("a b", text("a\nb"), "bare LF counts as a newline");
        assertEquals("a\nb", text("a\n\nb"));
        assertEquals("a\nb\n\nc", text("<nofill>a\r\nb\r\n\r\nc</nofill>"), "nofill: every newline breaks");
        assertEquals("x y\nz", text("<nofill>x y</nofill>\r\n\r\nz"));
    }

    @Test
    void lessThanEscapeAndMalformedTags() {
        assertEquals("a<b", text("a<<b"));
        assertEquals("<bold>", text("<<bold>"));
        assertEquals("1 < 2", text("1 < 2"), "a '<' not starting a command is text");
        assertEquals("a<b c>d", text("a<b c>d"));
        assertEquals("x<", text("x<"));
        assertEquals("<" + "y".repeat(61) + ">", text("<" + "y".repeat(61) + ">"), "over-long name is text");
    }

    @Test
    void characterCommands() {
        String body = "p<bold>b<italic>bi</italic></bold><underline>u</underline><fixed>f</fixed>"
                + "<smaller>s</smaller><bigger><bigger>bb</bigger></bigger>";
        assertEquals(EnrichedStyle.PLAIN, styleOf(body, "p"));
        assertTrue(styleOf(body, "b").bold());
        assertFalse(styleOf(body, "b").italic());
        assertTrue(styleOf(body, "bi").bold() && styleOf(body, "bi").italic());
        assertTrue(styleOf(body, "u").underline());
        assertFalse(styleOf(body, "u").bold());
        assertTrue(styleOf(body, "f").fixed());
        assertEquals(-1, styleOf(body, "s").size());
        assertEquals(2, styleOf(body, "bb").size());
    }

    @Test
    void commandsAreCaseInsensitive() {
        assertTrue(styleOf("<BOLD>x</Bold>", "x").bold());
        assertEquals(EnrichedStyle.PLAIN, styleOf("<BOLD>x</Bold>y", "y"));
    }

    @Test
    void layoutCommands() {
        assertEquals(Alignment.CENTER, styleOf("<center>c</center>", "c").alignment());
        assertEquals(Alignment.RIGHT, styleOf("<flushright>r</flushright>", "r").alignment());
        assertEquals(Alignment.BOTH, styleOf("<flushboth>j</flushboth>", "j").alignment());
        assertEquals(Alignment.LEFT, styleOf("<center><flushleft>l</flushleft></center>", "l").alignment(),
                "innermost wins");
        assertEquals(2, styleOf("<indent><indent>i</indent></indent>", "i").indent());
        assertEquals(1, styleOf("<indentright>i</indentright>", "i").indentRight());
        assertTrue(styleOf("<nofill>n</nofill>", "n").nofill());
        assertEquals(2, styleOf("<excerpt><excerpt>q</excerpt></excerpt>", "q").excerpt());
    }

    @Test
    void paraindentWithParam() {
        EnrichedStyle s = styleOf("<paraindent><param>left, IN,right</param>p</paraindent>", "p");
        assertEquals(1, s.paraLeft());
        assertEquals(1, s.paraRight());
        assertEquals(1, s.paraIn());
        assertEquals(0, s.paraOut());
        assertEquals(1, styleOf("<paraindent><param>out</param>p</paraindent>", "p").paraOut());
        assertEquals("p", text("<paraindent><param>out</param>p</paraindent>"), "param text is not shown");
    }

    @Test
    void langFontfamilyColorParams() {
        String body = "<lang><param>de-DE</param><fontfamily><param>Times</param><color><param>red</param>"
                + "x</color></fontfamily></lang>y";
        EnrichedStyle s = styleOf(body, "x");
        assertEquals("de-DE", s.lang());
        assertEquals("Times", s.fontFamily());
        assertEquals("red", s.color());
        assertEquals(EnrichedStyle.PLAIN, styleOf(body, "y"));
        assertEquals("xy", text(body));
    }

    @Test
    void unknownCommandsIgnoredTextShownParamHidden() {
        assertEquals("hello world", text("<blink>hello</blink> <x-foo><param>secret</param>world</x-foo>"));
        assertEquals(EnrichedStyle.PLAIN, styleOf("<blink>hello</blink>", "hello"));
        assertEquals("a b", text("a<param>hidden\r\n\r\nlines</param> b"), "newlines in param are not breaks");
    }

    @Test
    void badNestingIsTolerated() {
        // </bold> closes italic opened inside it too
        String body = "<bold><italic>a</bold>b</italic>c";
        assertTrue(styleOf(body, "a").bold() && styleOf(body, "a").italic());
        assertEquals(EnrichedStyle.PLAIN, styleOf(body, "bc"));
        assertEquals("x", text("</bold>x"), "stray close ignored");
        assertEquals(EnrichedStyle.PLAIN, styleOf("</bold>x", "x"));
    }

    @Test
    void runsMergeAndBreaksCarryStyle() {
        List<EnrichedNode> nodes = parse("a<bold></bold>b<center>c\r\n\r\n</center>");
        assertEquals(new EnrichedNode.Text("ab", EnrichedStyle.PLAIN), nodes.get(0));
        EnrichedNode br = nodes.get(nodes.size() - 1);
        assertInstanceOf(EnrichedNode.Break.class, br);
        assertEquals(Alignment.CENTER, br.style().alignment());
    }

    @Test
    void rfc1896Example() {
        String body = "<bold>Now</bold> is the time for <italic>all</italic> good men\r\n"
                + " <smaller>(and <<women>)</smaller> to\r\n<ignoreme>come</ignoreme>\r\n"
                + "to the aid of their\r\n\r\n<nofill>beloved\r\ncountry.</nofill>";
        assertEquals("Now is the time for all good men  (and <women>) to come to the aid of their\nbeloved\ncountry.",
                text(body));
    }

    @Test
    void seededJunkNeverThrows() {
        Random r = new Random(1896);
        String alphabet = "<>/\r\n ab<<paramboldnofillcenter>";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(80);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            for (EnrichedNode n : parse(sb.toString())) {
                if (n instanceof EnrichedNode.Text t) {
                    assertFalse(t.text().isEmpty());
                    assertFalse(t.text().contains("\n") || t.text().contains("\r"), sb.toString());
                }
            }
        }
    }
}
