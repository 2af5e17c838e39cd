package org.dragnj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.experiment.Comparison;
import org.dragnj.experiment.DataSource;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.model.aggregation.Aggregation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains and evaluates several aggregations on one manifest, each in its own run folder, and
 * writes one comparison table in the paper's layout (Tables 1–3).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train and evaluate several aggregations on one manifest; write one comparison table.")
final class CompareCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment = new ExperimentOptions();

    @Option(names = "--aggregations", split = ",", description = "Aggregations to compare (default: the config's compare list).")
    List<Aggregation> aggregations;

    @Option(names = "--out", description = "Output folder (default: runs/<name>-<time>).")
    Path out;

    @Mixin
    ResumeOptions resume = new ResumeOptions();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        return compare(experiment.load(), aggregations, experiment.seeds, out, resume.policy(), experiment.dataCache.folder,
                experiment.featureCache, DragnCli.invocation(command));
    }

    static int compare(ExperimentConfig base, List<Aggregation> chosen, List<Long> seeds, Path out, ResumePolicy resume,
            Path dataCache, Path featureCache, List<String> invocation) throws IOException {
        Comparison.Outcome o = Comparison.run(base, chosen, seeds, out != null ? out : defaultFolder(base.name()),
                resume, dataCache, featureCache, invocation, new ProgressBarListener(), new Comparison.Listener() {
                    @Override
                    public void dataLoaded(DataSource.Loaded data) {
                        printData(data);
                    }

                    @Override
                    public void runStarting(Aggregation aggregation, long seed, Path runFolder) {
                        System.out.printf(Locale.ROOT, "%n== %s%s -> %s%n", aggregation,
                                seeds.isEmpty() ? "" : ", seed " + seed, runFolder);
                    }
                });
        if (o.seedSummary() == null) {
            System.out.printf(Locale.ROOT, "%n%s%n%n%s%n%s%n", o.caption(), o.report().markdown(), o.report().boldRule());
        } else {
            System.out.printf(Locale.ROOT, "%n%s%n%n%s%n", o.caption(), o.seedSummary().markdown());
        }
        System.out.printf(Locale.ROOT, "done in %.1f min; outputs in %s (comparison.md/.csv/.json, per_label.md,"
                + " and per method: history, training_curves.png, checkpoints/, test/)%n", o.seconds() / 60, o.folder());
        return 0;
    }

    /** What the data is, what was left out of it and what the images undergo. */
    static void printData(DataSource.Loaded data) {
        Manifest m = data.manifest();
        data.skipped().forEach(System.out::println);
        data.warnings().forEach(w -> System.out.println("warning: " + w));
        System.out.printf(Locale.ROOT, "data: %s (%d bags, %d labels)%n", m.folder(), m.bags().size(), m.classes().size());
    }

    static Path defaultFolder(String name) {
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
