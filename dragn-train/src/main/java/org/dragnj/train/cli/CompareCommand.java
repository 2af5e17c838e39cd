package org.dragnj.train.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dragnj.data.manifest.Manifest;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.train.config.ConfigLoader;
import org.dragnj.train.config.ExperimentConfig;
import org.dragnj.train.experiment.DataSource;
import org.dragnj.train.experiment.Experiment;
import org.dragnj.train.progress.ProgressBarListener;

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

    @Option(names = "--resume", description = "Continue the runs in --out where they stopped.")
    boolean resume;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        return compare(experiment.load(), aggregations, out, resume, experiment.dataCache, experiment.featureCache,
                DragnCli.invocation(command));
    }

    static int compare(ExperimentConfig base, List<Aggregation> chosen, Path out, boolean resume, Path dataCache,
            Path featureCache, List<String> invocation) throws IOException {
        List<Aggregation> methods = chosen != null && !chosen.isEmpty() ? chosen
                : !base.compare().isEmpty() ? base.compare() : List.of(base.model().aggregation());
        Path folder = out != null ? out : defaultFolder(base.name());
        long started = System.nanoTime();
        ProgressBarListener progress = new ProgressBarListener();
        DataSource.Loaded loaded = DataSource.load(base.data(), dataCache, progress);
        loaded.writeSkipReport(folder);
        Manifest manifest = loaded.manifest();
        System.out.printf(Locale.ROOT, "data: %s (%d bags, %d labels)%n", manifest.folder(), manifest.bags().size(),
                manifest.classes().size());
        Map<String, MetricsResult> results = new LinkedHashMap<>();
        Map<String, Map<Metric, Bootstrap.Interval>> intervals = new LinkedHashMap<>();
        for (Aggregation a : methods) {
            ExperimentConfig config = withAggregation(base, a);
            Path runFolder = folder.resolve(a.name().toLowerCase(Locale.ROOT));
            boolean resumeThis = resume && Files.isRegularFile(runFolder.resolve("checkpoints/last.zip"));
            System.out.printf(Locale.ROOT, "%n== %s -> %s%n", a, runFolder);
            Experiment.Outcome o = Experiment.run(config, manifest, runFolder, resumeThis, featureCache, invocation,
                    progress);
            results.put(displayName(a), o.test().metrics());
            if (o.test().intervals() != null) {
                intervals.put(displayName(a), o.test().intervals());
            }
        }
        ComparisonReport report = new ComparisonReport(results, intervals);
        report.write(folder);
        org.dragnj.data.io.AtomicFiles.writeString(folder.resolve("config.yaml"), ConfigLoader.toYaml(base));
        System.out.printf(Locale.ROOT, "%nTest split, %s rule%s:%n%n%s%n", base.evaluation().decisionRule(),
                intervals.isEmpty() ? "" : ", 95 % bootstrap intervals", report.markdown());
        System.out.printf(Locale.ROOT, "done in %.1f min; outputs in %s (comparison.md/.csv/.json, per_label.md,"
                + " and per method: history, training_curves.png, checkpoints/, test/)%n",
                (System.nanoTime() - started) / 6e10, folder);
        return 0;
    }

    static ExperimentConfig withAggregation(ExperimentConfig c, Aggregation a) {
        ExperimentConfig.ModelConfig m = c.model();
        return new ExperimentConfig(c.name(), c.data(), new ExperimentConfig.ModelConfig(m.trunk(), a, m.mode(),
                m.unitBatchNorm() && a.isDragn(), m.inputHeight(), m.inputWidth(), m.channels(), m.trunkInit(),
                m.trunkWeights()), c.training(), c.evaluation(), List.of());
    }

    /** The paper's names for the methods. */
    static String displayName(Aggregation a) {
        return switch (a) {
            case DRAGN_L1 -> "DRAGN-L1";
            case DRAGN_L2 -> "DRAGN-L2";
            case DRAGN_L3 -> "DRAGN-L3";
            case MEAN -> "MI_mean";
            case MAX -> "MVCNN";
            case NAN -> "NAN";
            case NAN_CASCADE -> "NAN (2 blocks)";
            case SPOC -> "SPoC";
            case GATED_ATTENTION -> "Gated attn.";
            case SINGLE_INSTANCE -> "SI";
        };
    }

    static Path defaultFolder(String name) {
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
