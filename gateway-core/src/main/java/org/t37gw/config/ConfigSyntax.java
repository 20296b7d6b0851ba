package org.t37gw.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage one: text to a tree of command nodes, each with its file and line.
 *
 * <p>Rules: blank lines and lines whose first non-blank character is {@code !} are ignored; words are
 * separated by blanks; indentation does not matter. A block opener ({@code voice-port},
 * {@code dial-peer voice}) opens a block; the lines after it that name a command of that block are its
 * children; {@code exit} or any global command closes it. Which block a command belongs to comes from
 * the {@link CommandTable}; a command of another block, an unknown command (with "did you mean") and
 * {@code no} on a command without that form are errors, reported and skipped.
 */
final class ConfigSyntax {

    private ConfigSyntax() {
    }

    static List<ConfigNode> parse(String text, String file, Diagnostics diag) {
        List<ConfigNode> top = new ArrayList<>();
        ConfigNode opener = null;
        List<ConfigNode> kids = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("!")) {
                continue;
            }
            List<String> words = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            split(line, words, columns);
            Object found = lookup(words);
            if (found instanceof String message) {
                diag.error(file, lineNo, message);
                continue;
            }
            Match m = (Match) found;
            ConfigNode node = new ConfigNode(file, lineNo, line, words, columns, m.command, m.negated, m.argIndex,
                    List.of());
            switch (m.command.scope()) {
                case GLOBAL -> {
                    if (opener != null) {
                        top.add(opener.withChildren(kids));
                        opener = null;
                    }
                    if (m.command.opens() != null) {
                        opener = node;
                        kids = new ArrayList<>();
                    } else {
                        top.add(node);
                    }
                }
                case ANY_BLOCK -> {
                    if (m.argIndex < words.size()) {
                        diag.error(file, lineNo, "unexpected \"" + words.get(m.argIndex) + "\" after exit");
                    }
                    if (opener != null) {
                        top.add(opener.withChildren(kids));
                        opener = null;
                    } else {
                        diag.warning(file, lineNo, "exit outside a block is ignored");
                    }
                }
                default -> {
                    if (opener != null && opener.command().opens() == m.command.scope()) {
                        kids.add(node);
                    } else if (opener != null) {
                        diag.error(file, lineNo, "\"" + m.command.name() + "\" belongs in " + m.command.scope().where
                                + ", not in " + opener.text() + " (line " + opener.line() + ")");
                    } else {
                        diag.error(file, lineNo, "\"" + m.command.name() + "\" belongs in " + m.command.scope().where
                                + "; it stands outside any block");
                    }
                }
            }
        }
        if (opener != null) {
            top.add(opener.withChildren(kids));
        }
        return top;
    }

    private static void split(String line, List<String> words, List<Integer> columns) {
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
                columns.add(start);
            }
        }
    }

    /** A line's command. */
    record Match(Command command, boolean negated, int argIndex) {
    }

    /** The command {@code words} names ({@link Match}), or an error message ({@link String}). */
    static Object lookup(List<String> words) {
        int start = 0;
        boolean negated = false;
        if (words.get(0).equalsIgnoreCase("no")) {
            if (words.size() == 1) {
                return "\"no\" needs a command";
            }
            start = 1;
            negated = true;
        }
        Command best = null;
        int deepest = 0;
        for (Command c : CommandTable.COMMANDS) {
            int d = depth(c, words, start);
            if (d == c.words().size() && (best == null || d > best.words().size())) {
                best = c;
            }
            deepest = Math.max(deepest, d);
        }
        if (best != null) {
            if (negated && !best.negatable()) {
                return "\"no " + best.name() + "\" is not supported";
            }
            return new Match(best, negated, start + best.words().size());
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (Command c : CommandTable.COMMANDS) {
            if (depth(c, words, start) == deepest && c.words().size() > deepest) {
                candidates.add(c.words().get(deepest));
            }
        }
        String typedPrefix = String.join(" ", words.subList(start, start + deepest));
        if (start + deepest >= words.size()) {
            return "incomplete command \"" + typedPrefix + "\"; expected " + String.join(", ", candidates);
        }
        String typed = words.get(start + deepest);
        String shown = (typedPrefix.isEmpty() ? "" : typedPrefix + " ") + typed;
        String suggestion = Suggest.closest(typed, candidates);
        if (suggestion != null) {
            return "unknown command \"" + shown + "\"; did you mean \""
                    + (typedPrefix.isEmpty() ? "" : typedPrefix + " ") + suggestion + "\"?";
        }
        if (deepest > 0) {
            return "unknown command \"" + shown + "\"; expected " + typedPrefix + " " + String.join("|", candidates);
        }
        return "unknown command \"" + shown + "\"";
    }

    /** How many leading words of {@code c} the line matches (case-insensitive). */
    private static int depth(Command c, List<String> words, int start) {
        int d = 0;
        while (d < c.words().size() && start + d < words.size()
                && c.words().get(d).equalsIgnoreCase(words.get(start + d))) {
            d++;
        }
        return d;
    }
}
