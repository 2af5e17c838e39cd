package org.dragnj.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.eval.report.SeedComparison;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.report.ComparisonPage;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.run.RunFolder;
import org.dragnj.experiment.run.RunLock;
import org.dragnj.model.aggregation.Aggregation;

/**
 * Several aggregations trained and evaluated on one manifest, each an {@link Experiment} in its own
 * run folder, and one comparison in {@code folder}. With one seed: {@code <folder>/<aggregation>} and
 * the paper's table layout (Tables 1–3) with bootstrap intervals (comparison.md/.csv/.json,
 * per_label.md). With several seeds: {@code <folder>/<aggregation>/seed-<s>} and a
 * {@link SeedComparison} (mean ± sd, every seed, which differences hold across seeds).
 */
public final class Comparison {

    /** Told what the comparison is doing, for a console or a log. */
    public interface Listener {
        default void dataLoaded(DataSource.Loaded data) {
        }

        default void runStarting(Aggregation aggregation, long seed, Path runFolder) {
        }
    }

    /**
     * The table and where everything went.
     *
     * @param report      the one-seed table (the first seed's runs when there were several)
     * @param seedSummary the summary over seeds, or null for a single seed
     * @param caption     what the numbers are: split, bags, decision rule, intervals
     */
    public record Outcome(Path folder, Manifest manifest, ComparisonReport report, SeedComparison seedSummary,
            String caption, double seconds) {
    }

    private Comparison() {
    }

    /** "Test split, 200 bags, decision rule THRESHOLD_05, 95 % bootstrap intervals over 1000 resamples of the bags." */
    static String caption(ExperimentConfig config, Manifest manifest, int seeds) {
        ExperimentConfig.EvaluationConfig e = config.evaluation();
        String over = seeds > 1 ? String.format(Locale.ROOT, ", mean ± sd over %d training seeds", seeds)
                : e.bootstrap() > 1 ? String.format(Locale.ROOT, ", 95 %% bootstrap intervals over %d resamples of the bags",
                        e.bootstrap()) : "";
        return String.format(Locale.ROOT, "Test split, %d bags, decision rule %s%s%s.", manifest.bags(Split.TEST).size(),
                e.decisionRule(), e.orderAveraging() > 1 ? String.format(Locale.ROOT, ", order-dependent aggregations scored in"
                        + " %d instance orders", e.orderAveraging()) : "", over);
    }

    /**
     * @param chosen the aggregations to compare; null or empty for the config's compare list (or its one model)
     * @param seeds  training seeds; empty for the config's own seed (one run per aggregation)
     * @param resume continue the runs already in {@code folder} where they stopped
     */
    public static Outcome run(ExperimentConfig base, List<Aggregation> chosen, List<Long> seeds, Path folder,
            ResumePolicy resume, Path dataCache, Path featureCache, List<String> invocation, ProgressListener progress,
            Listener listener) throws IOException {
        try (RunLock lock = RunLock.acquire(folder, invocation)) {
            return locked(base, chosen, seeds, folder, resume, dataCache, featureCache, invocation, progress, listener);
        }
    }

    private static Outcome locked(ExperimentConfig base, List<Aggregation> chosen, List<Long> seeds, Path folder,
            ResumePolicy resume, Path dataCache, Path featureCache, List<String> invocation, ProgressListener progress,
            Listener listener) throws IOException {
        List<Aggregation> methods = chosen != null && !chosen.isEmpty() ? chosen
                : !base.compare().isEmpty() ? base.compare() : List.of(base.model().aggregation());
        boolean repeated = !seeds.isEmpty();
        List<Long> runSeeds = repeated ? List.copyOf(seeds) : List.of(base.training().seed());
        long started = System.nanoTime();
        DataSource.Loaded loaded = DataSource.load(base, dataCache, progress);
        loaded.writeReports(folder);
        Manifest manifest = loaded.manifest();
        listener.dataLoaded(loaded);
        Map<String, List<MetricsResult>> bySeed = new LinkedHashMap<>();
        Map<String, MetricsResult> first = new LinkedHashMap<>();
        Map<String, Map<Metric, Bootstrap.Interval>> intervals = new LinkedHashMap<>();
        Map<String, Path> firstRuns = new LinkedHashMap<>();
        for (Aggregation a : methods) {
            List<MetricsResult> results = new ArrayList<>();
            for (long seed : runSeeds) {
                Path runFolder = folder.resolve(a.name().toLowerCase(Locale.ROOT));
                if (repeated) {
                    runFolder = runFolder.resolve("seed-" + seed);
                }
                ResumePolicy resumeThis = resume.resumes() && new RunFolder(runFolder).hasCheckpoint() ? resume
                        : ResumePolicy.NEW_RUN;
                listener.runStarting(a, seed, runFolder);
                Experiment.Outcome o = Experiment.run(base.withAggregation(a).withSeed(seed), loaded, runFolder,
                        resumeThis, featureCache, invocation, progress);
                results.add(o.test().metrics());
                if (results.size() == 1) {
                    first.put(a.displayName(), o.test().metrics());
                    firstRuns.put(a.displayName(), runFolder);
                    if (o.test().intervals() != null) {
                        intervals.put(a.displayName(), o.test().intervals());
                    }
                }
            }
            bySeed.put(a.displayName(), results);
        }
        AtomicFiles.removeStaleTemporaries(folder, 0); // the runs' own folders were cleared by their runs
        ComparisonReport report = new ComparisonReport(first, intervals);
        SeedComparison summary = null;
        String caption = caption(base, manifest, repeated ? runSeeds.size() : 0);
        if (repeated) {
            summary = new SeedComparison(runSeeds, bySeed);
            summary.write(folder);
        } else {
            report.write(folder, caption);
        }
        AtomicFiles.writeString(folder.resolve("config.yaml"), ConfigLoader.toYaml(base));
        ComparisonPage.write(folder, base.name() + ": " + methods.size() + " aggregations compared", caption, report,
                summary, firstRuns, manifest.classes());
        return new Outcome(folder, manifest, report, summary, caption, (System.nanoTime() - started) / 1e9);
    }
}
