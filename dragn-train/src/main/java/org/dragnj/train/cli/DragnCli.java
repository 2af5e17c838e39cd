package org.dragnj.train.cli;

import org.dragnj.platform.Backend;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dragn} command line. Without a subcommand it runs the default job. */
@Command(name = "dragn", mixinStandardHelpOptions = true, version = "DRAGN-J 0.1.0",
        description = "DRAGN: deep recursive aggregation of bags of biological images.",
        subcommands = {DemoCommand.class})
public final class DragnCli implements Runnable {

    public static void main(String[] args) {
        Backend.configure(); // before anything touches ND4J
        int code = new CommandLine(new DragnCli()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(new DemoCommand()).execute();
    }
}
