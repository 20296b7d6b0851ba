package org.t37gw.config;

import java.util.List;

/**
 * A cursor over one command line's arguments for a {@link Command.Handler}. A reader that meets a bad
 * argument throws {@link Fail}; the binder reports it as {@code FILE:LINE: message} and goes on with the
 * next line.
 */
final class Args {

    /** A bad argument; the line is reported and skipped. No stack trace: it is control flow. */
    static final class Fail extends RuntimeException {
        Fail(String message) {
            super(message, null, false, false);
        }
    }

    private final ConfigNode node;
    private final Diagnostics diag;
    private int pos;

    Args(ConfigNode node, Diagnostics diag) {
        this.node = node;
        this.diag = diag;
        this.pos = node.argIndex();
    }

    boolean negated() {
        return node.negated();
    }

    int line() {
        return node.line();
    }

    String name() {
        return node.command().name();
    }

    boolean hasMore() {
        return pos < node.words().size();
    }

    /** The next word, not consumed, or {@code null}. */
    String peek() {
        return hasMore() ? node.words().get(pos) : null;
    }

    /** The next word; {@code what} names it in the "missing" message. */
    String word(String what) {
        if (!hasMore()) {
            throw new Fail(name() + ": missing " + what + " (" + node.command().usage() + ")");
        }
        return node.words().get(pos++);
    }

    /** Consumes {@code keyword} (any case) when it is next. */
    boolean accept(String keyword) {
        if (hasMore() && node.words().get(pos).equalsIgnoreCase(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code keyword}, with "did you mean" when the next word is a typo of it. */
    void expect(String keyword) {
        String w = word("\"" + keyword + "\"");
        if (!w.equalsIgnoreCase(keyword)) {
            throw new Fail(name() + ": expected \"" + keyword + "\", not \"" + w + "\"" + Suggest.hint(w, List.of(keyword)));
        }
    }

    /** One of {@code options} (any case), returned as in {@code options}. */
    String choice(String what, List<String> options) {
        String w = word(what + " (" + String.join("|", options) + ")");
        return choiceOf(w, what, options);
    }

    String choiceOf(String w, String what, List<String> options) {
        for (String o : options) {
            if (o.equalsIgnoreCase(w)) {
                return o;
            }
        }
        throw new Fail(name() + ": unknown " + what + " \"" + w + "\"" + hintOr(w, options));
    }

    private static String hintOr(String w, List<String> options) {
        String h = Suggest.hint(w, options);
        return h.isEmpty() ? "; expected " + String.join(", ", options) : h;
    }

    int integer(String what, int min, int max) {
        String w = word(what);
        return check(() -> Checks.integer(w, what, min, max));
    }

    int port() {
        String w = word("port number");
        return check(() -> Checks.port(w));
    }

    /** The rest of the line as written (spacing kept); at least one word. */
    String text(String what) {
        if (!hasMore()) {
            throw new Fail(name() + ": missing " + what + " (" + node.command().usage() + ")");
        }
        String t = node.text().substring(node.columns().get(pos)).strip();
        pos = node.words().size();
        return t;
    }

    /** Applies a check from {@link Checks}, turning its exception into a {@link Fail}. */
    <T> T check(java.util.function.Supplier<T> checker) {
        try {
            return checker.get();
        } catch (IllegalArgumentException e) {
            throw new Fail(e.getMessage());
        }
    }

    /** Ends the line: anything left is an error. */
    void end() {
        if (hasMore()) {
            throw new Fail(name() + ": unexpected \"" + peek() + "\" (" + node.command().usage() + ")");
        }
    }

    void warn(String message) {
        diag.warning(node.file(), node.line(), message);
    }

    void error(String message) {
        diag.error(node.file(), node.line(), message);
    }

    /** The next word, checked (and converted) by {@code check}, e.g. {@code Checks::host}. */
    <T> T word(String what, java.util.function.Function<String, T> check) {
        String w = word(what);
        return check(() -> check.apply(w));
    }

    /** The rest of the line, checked by {@code check}. */
    <T> T text(String what, java.util.function.Function<String, T> check) {
        String t = text(what);
        return check(() -> check.apply(t));
    }
}
