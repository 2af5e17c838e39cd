package org.dragnj.spark;

import org.dragnj.cli.DragnCli;
import org.dragnj.platform.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code dragn-spark} application: DRAGN-J's jobs on a Spark cluster ({@code spark-submit --class
 * org.dragnj.spark.SparkMain dragn-spark-app.jar prepare-hpa …}) or on this machine ({@code bin/dragn-spark
 * prepare-hpa --master local[*] …}).
 */
@Command(name = "dragn-spark", mixinStandardHelpOptions = true, version = "DRAGN-J 0.1.0",
        description = "DRAGN-J's jobs on Apache Spark.", subcommands = {SparkPrepareHpaCommand.class, SparkCacheFeaturesCommand.class,
                SparkTrainCommand.class})
public final class SparkMain {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace as well as the message.")
    boolean verbose;

    private SparkMain() {
    }

    public static void main(String[] args) {
        Backend.configure();
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return DragnCli.configure(new CommandLine(new SparkMain())).execute(args);
    }
}
