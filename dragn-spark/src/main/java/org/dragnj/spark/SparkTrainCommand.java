package org.dragnj.spark;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.dragnj.cli.DragnCli;
import org.dragnj.cli.ExperimentOptions;
import org.dragnj.cli.ResumeOptions;
import org.dragnj.cli.TrainCommand;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.spark.training.SparkParameterAveraging;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dragn-spark train}: {@code dragn train} with the optimizer steps shared by Spark executors. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one model as 'dragn train' does (same options, run folder, checkpoints, validation,"
                + " best.zip and test evaluation), its steps taken by replicas on Spark executors whose weights and"
                + " Adam states are averaged (DL4J's parameter averaging): --replicas batches make one step of"
                + " --replicas times the batch when averaged every step.",
                "The driver reads the bags and sends each round's batches to the executors; validation, checkpoints"
                        + " and the test evaluation run on the driver. A run resumes (--resume) at epoch ends."})
final class SparkTrainCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment = new ExperimentOptions();

    @Option(names = "--out", description = "Run folder on the driver (default: runs/<name>-<time>).")
    Path out;

    @Mixin
    ResumeOptions resume = new ResumeOptions();

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Option(names = "--replicas", paramLabel = "R", description = "Model replicas training at once, one Spark task"
            + " each (default: Spark's default parallelism, the executors' cores in total).")
    Integer replicas;

    @Option(names = "--averaging-frequency", paramLabel = "F", defaultValue = "1", description = "Steps each replica"
            + " takes between two averagings (default: ${DEFAULT-VALUE}, the one-JVM arithmetic; larger F sends"
            + " the weights over the network F times less often).")
    int averagingFrequency;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (!experiment.seeds().isEmpty()) {
            throw new IllegalArgumentException("dragn-spark train trains one model; for several seeds run it once per"
                    + " seed (--seed S --out <folder>/seed-S)");
        }
        ExperimentConfig config = experiment.load();
        if (config.training().workers() > 1) {
            throw new IllegalArgumentException("--workers (training.workers) is ParallelWrapper's threads in one JVM;"
                    + " on Spark the replicas are --replicas");
        }
        if (replicas != null && replicas < 1 || averagingFrequency < 1) {
            throw new IllegalArgumentException("--replicas and --averaging-frequency must be >= 1");
        }
        try (JavaSparkContext sc = spark.context("dragn train")) {
            int r = replicas != null ? replicas : sc.defaultParallelism();
            return TrainCommand.trainOne(experiment, out, resume.policy(), DragnCli.invocation(command),
                    Optional.of(new SparkParameterAveraging(sc, r, averagingFrequency, config.training().seed())));
        }
    }
}
