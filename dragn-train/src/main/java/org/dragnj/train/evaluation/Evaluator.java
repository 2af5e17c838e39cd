package org.dragnj.train.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.dragnj.data.io.AtomicFiles;
import org.dragnj.data.manifest.Manifest;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.LabelResult;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.Metrics;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.metrics.Predictions;
import org.dragnj.eval.plot.RocCurves;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.eval.report.MetricsJson;
import org.dragnj.eval.scores.ScoresCsv;

/**
 * Writes the evaluation of one model on one set of bags into a folder: metrics.json (with
 * bootstrap intervals), report.md, roc_curves.png, scores.csv and, for attention aggregations,
 * attention.csv (bag, instance file, weight).
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** The metrics and their intervals (null without bootstrap). */
    public record Evaluation(MetricsResult metrics, Map<Metric, Bootstrap.Interval> intervals) {
    }

    public static Evaluation write(Path folder, String title, BagPredictor.Result result, Manifest manifest,
            DecisionRule rule, double[] thresholds, int bootstrap, long seed) throws IOException {
        Predictions p = result.predictions();
        Function<Predictions, MetricsResult> evaluate = thresholds == null ? q -> Metrics.compute(q, rule)
                : q -> Metrics.compute(q, thresholds);
        MetricsResult metrics = evaluate.apply(p);
        Map<Metric, Bootstrap.Interval> ci = bootstrap > 1 ? Bootstrap.intervals(p, evaluate, bootstrap, 0.95, seed)
                : null;
        MetricsJson.write(folder.resolve("metrics.json"), metrics, ci, bootstrap, 0.95);
        ComparisonReport table = new ComparisonReport(Map.of(title, metrics), ci == null ? null : Map.of(title, ci));
        AtomicFiles.writeString(folder.resolve("report.md"), "# " + title + "\n\n" + p.size() + " bags, decision rule "
                + metrics.rule() + (ci == null ? "" : ", 95 % bootstrap intervals over " + bootstrap + " resamples")
                + String.format(Locale.ROOT, ", mean bag loss %.4f", result.loss()) + "\n\n" + table.markdown() + "\n"
                + table.perLabelMarkdown("F1", LabelResult::f1) + "\n" + table.perLabelMarkdown("AUC", LabelResult::auc)
                + (metrics.excludedFromAuc().isEmpty() ? "" : "\nLabels without both classes (no AUC): "
                        + metrics.excludedFromAuc() + "\n"));
        RocCurves.write(folder.resolve("roc_curves.png"), p, title + ": ROC curves");
        ScoresCsv.write(folder.resolve("scores.csv"), p.labels(), p.bagIds(), p.scores());
        if (!result.attention().isEmpty()) {
            AttentionCsv.write(folder.resolve("attention.csv"), result.attention(), manifest);
        }
        return new Evaluation(metrics, ci);
    }
}
