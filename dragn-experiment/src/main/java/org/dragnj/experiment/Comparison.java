package org.dragnj.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.model.aggregation.Aggregation;

/**
 * Several aggregations trained and evaluated on one manifest, each an {@link Experiment} in its own
 * run folder {@code <folder>/<aggregation>}, and one comparison table in the paper's layout
 * (Tables 1–3) in {@code folder}: comparison.md/.csv/.json and per_label.md.
 */
public final class Comparison {

    /** Told what the comparison is doing, for a console or a log. */
    public interface Listener {
        default void dataLoaded(Manifest manifest) {
        }

        default void runStarting(Aggregation aggregation, Path runFolder) {
        }
    }

    /** The table and where everything went. */
    public record Outcome(Path folder, Manifest manifest, ComparisonReport report, double seconds) {
    }

    private Comparison() {
    }

    /**
     * @param chosen  the aggregations to compare; null or empty for the config's compare list (or its one model)
     * @param resume  continue the runs already in {@code folder} where they stopped
     */
    public static Outcome run(ExperimentConfig base, List<Aggregation> chosen, Path folder, boolean resume,
            Path dataCache, Path featureCache, List<String> invocation, ProgressListener progress, Listener listener)
            throws IOException {
        List<Aggregation> methods = chosen != null && !chosen.isEmpty() ? chosen
                : !base.compare().isEmpty() ? base.compare() : List.of(base.model().aggregation());
        long started = System.nanoTime();
        DataSource.Loaded loaded = DataSource.load(base.data(), dataCache, progress);
        loaded.writeSkipReport(folder);
        Manifest manifest = loaded.manifest();
        listener.dataLoaded(manifest);
        Map<String, MetricsResult> results = new LinkedHashMap<>();
        Map<String, Map<Metric, Bootstrap.Interval>> intervals = new LinkedHashMap<>();
        for (Aggregation a : methods) {
            Path runFolder = folder.resolve(a.name().toLowerCase(Locale.ROOT));
            boolean resumeThis = resume && Files.isRegularFile(runFolder.resolve("checkpoints/last.zip"));
            listener.runStarting(a, runFolder);
            Experiment.Outcome o = Experiment.run(base.withAggregation(a), manifest, runFolder, resumeThis,
                    featureCache, invocation, progress);
            results.put(a.displayName(), o.test().metrics());
            if (o.test().intervals() != null) {
                intervals.put(a.displayName(), o.test().intervals());
            }
        }
        ComparisonReport report = new ComparisonReport(results, intervals);
        report.write(folder);
        AtomicFiles.writeString(folder.resolve("config.yaml"), ConfigLoader.toYaml(base));
        return new Outcome(folder, manifest, report, (System.nanoTime() - started) / 1e9);
    }
}
