package org.t37gw.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A subcommand of {@code t37gw} provided by a module above the core (found with
 * {@link java.util.ServiceLoader}). The core's {@code Main} dispatches {@code t37gw NAME ARGS...}
 * to the provider whose {@link #name()} is {@code NAME}; a contract command with no provider on the
 * class path answers "not built yet" with exit status 3.
 */
public interface CliCommand {

    /** Exit status: success. */
    int OK = 0;
    /** Exit status: the operation failed (bad input, failed fax, invalid config). */
    int FAILED = 1;
    /** Exit status: wrong usage (unknown option, missing argument). */
    int USAGE = 2;
    /** Exit status: the command exists in the contract but its engine is not built yet. */
    int NOT_BUILT = 3;

    /** The first word after {@code t37gw}, e.g. {@code doc} or {@code fax}. */
    String name();

    /** One line for {@code t37gw --help}. */
    String summary();

    /** Full help text for {@code t37gw NAME --help}. */
    String help();

    /**
     * Runs the command.
     *
     * @param args the words after the command name
     * @return the process exit status
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
