package org.dragnj.cli;

import picocli.CommandLine;

/** Whether {@code --verbose} was given, before or after the subcommand. */
final class Verbosity {

    static final String OPTION = "--verbose";

    private Verbosity() {
    }

    /**
     * Read from the parse result rather than a field: an inherited option given after a subcommand is matched
     * there, and the error handler gets the top-level result.
     */
    static boolean requested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(OPTION)) {
                return true;
            }
        }
        return false;
    }
}
