package org.t37gw.config;

import java.util.List;
import java.util.Set;
import org.t37gw.dialpeer.DialPeer;

/**
 * One entry of the {@link CommandTable}: a command's words, argument syntax, help, default and place.
 *
 * @param scope        where it stands
 * @param words        the fixed words naming it, e.g. {@code [mta, send, server]}
 * @param args         argument syntax for the reference ({@code UPPER} = value, {@code [..]} optional,
 *                     {@code a|b} alternatives), "" when none
 * @param help         what it means
 * @param defaultValue what holds when the command is absent
 * @param negatable    whether {@code no COMMAND} is accepted
 * @param opens        the block it opens, or {@code null}
 * @param kinds        for dial-peer commands: the peer kinds it applies to
 * @param maxCount     1 = once per scope (a repeat replaces the value, with a warning); N &gt; 1 = at most N
 *                     lines (more is an error); 0 = any number
 * @param handler      applies it in the meaning stage
 */
record Command(Scope scope, List<String> words, String args, String help, String defaultValue, boolean negatable,
               Scope opens, Set<DialPeer.Kind> kinds, int maxCount, Handler handler) {

    /** Applies one command line to the binder, reading arguments from {@code a}. */
    interface Handler {
        void apply(Binder b, Args a);
    }

    Command {
        words = List.copyOf(words);
        kinds = Set.copyOf(kinds);
    }

    String name() {
        return String.join(" ", words);
    }

    /** Name and argument syntax. */
    String usage() {
        return args.isEmpty() ? name() : name() + " " + args;
    }

    Command withNo() {
        return new Command(scope, words, args, help, defaultValue, true, opens, kinds, maxCount, handler);
    }

    Command opening(Scope block) {
        return new Command(scope, words, args, help, defaultValue, negatable, block, kinds, maxCount, handler);
    }

    Command only(DialPeer.Kind... k) {
        return new Command(scope, words, args, help, defaultValue, negatable, opens, Set.of(k), maxCount, handler);
    }

    Command max(int n) {
        return new Command(scope, words, args, help, defaultValue, negatable, opens, kinds, n, handler);
    }
}
