package org.t37gw.config;

import java.util.List;

/**
 * One command line of the syntax tree, with the block's sub-commands as children. Built by
 * {@link ConfigSyntax}, read by {@link Binder}.
 *
 * @param file     file name
 * @param line     1-based line number
 * @param text     the line, comments and surrounding blanks removed
 * @param words    the words of the line
 * @param columns  where each word starts in {@code text}
 * @param command  the table entry the line names
 * @param negated  the line starts with {@code no}
 * @param argIndex index in {@code words} of the first argument
 * @param children sub-commands of a block opener, else empty
 */
record ConfigNode(String file, int line, String text, List<String> words, List<Integer> columns, Command command,
                  boolean negated, int argIndex, List<ConfigNode> children) {

    ConfigNode {
        words = List.copyOf(words);
        columns = List.copyOf(columns);
        children = List.copyOf(children);
    }

    ConfigNode withChildren(List<ConfigNode> kids) {
        return new ConfigNode(file, line, text, words, columns, command, negated, argIndex, kids);
    }

    /** The words naming the command, as typed (e.g. {@code no digit-strip}). */
    String typedCommand() {
        return String.join(" ", words.subList(0, argIndex));
    }
}
