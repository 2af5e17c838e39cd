package org.dragnj.train.cli;

import picocli.CommandLine;

/** The configured dragn command line, for tests outside this package. */
public final class TestAccess {

    private TestAccess() {
    }

    public static CommandLine commandLine() {
        return DragnCli.commandLine();
    }
}
