package org.dragnj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.experiment.DataSource;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.training.ParallelTraining;
import org.dragnj.experiment.training.Trainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains one model on a manifest and evaluates it on the test split. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one model (config + overrides), keep the best on validation, evaluate it on test.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment = new ExperimentOptions();

    @Option(names = "--out", description = "Run folder (default: runs/<name>-<time>).")
    Path out;

    @Mixin
    ResumeOptions resume = new ResumeOptions();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        ResumePolicy policy = resume.policy();
        if (!experiment.seeds.isEmpty()) {
            // one model, several seeds: a comparison of one aggregation over the seeds
            ExperimentConfig config = experiment.load();
            requireOutToResume(policy, out);
            return CompareCommand.compare(config, List.of(config.model().aggregation()), experiment.seeds, out, policy,
                    experiment.dataCache.folder, experiment.featureCache, DragnCli.invocation(command));
        }
        return trainOne(experiment, out, policy, DragnCli.invocation(command), Optional.empty());
    }

    /**
     * Trains and tests one model in {@code out} (default: a new folder under runs/), printing what the user
     * needs; {@code parallel} replaces the config's data parallelism (e.g. Spark's).
     */
    public static int trainOne(ExperimentOptions experiment, Path out, ResumePolicy policy, List<String> invocation,
            Optional<ParallelTraining> parallel) throws IOException {
        ExperimentConfig config = experiment.load();
        requireOutToResume(policy, out);
        Path folder = out != null ? out : CompareCommand.defaultFolder(config.name());
        ProgressBarListener progress = new ProgressBarListener();
        DataSource.Loaded loaded = DataSource.load(config, experiment.dataCache.folder, progress);
        CompareCommand.printData(loaded);
        Experiment.Outcome o = Experiment.run(config, loaded, folder, policy, experiment.featureCache, invocation, progress,
                parallel.isPresent() ? parallel : Trainer.defaultParallelism(config.training()));
        System.out.printf(Locale.ROOT, "%s; best epoch %d (%s %.4f)%n", o.state().stopReason(),
                o.state().bestEpoch() + 1, config.training().selection().description(),
                config.training().selection().value(o.state().bestScore()));
        System.out.printf(Locale.ROOT, "test: macro AUC %.4f, macro F1 %.4f, micro F1 %.4f%n",
                o.test().metrics().get(Metric.AUC_MACRO), o.test().metrics().get(Metric.F1_MACRO),
                o.test().metrics().get(Metric.F1_MICRO));
        System.out.println("run folder: " + o.folder().root());
        return 0;
    }

    private static void requireOutToResume(ResumePolicy policy, Path out) {
        if (policy.resumes() && out == null) {
            throw new IllegalArgumentException("--resume needs --out, the run folder to continue");
        }
    }
}
