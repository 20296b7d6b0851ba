package org.t37gw.dmsp.render;

import java.util.Objects;

/** One element of a parsed text/enriched body: a run of text in one style, or a line break. */
public sealed interface EnrichedNode {

    EnrichedStyle style();

    /** Text to show (never empty), all in {@code style}. */
    record Text(String text, EnrichedStyle style) implements EnrichedNode {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(style, "style");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty text run");
            }
        }
    }

    /** A line break; {@code style} is the one in force where it occurs. */
    record Break(EnrichedStyle style) implements EnrichedNode {
        public Break {
            Objects.requireNonNull(style, "style");
        }
    }
}
