package org.dragnj.train.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dragnj.data.manifest.BagRecord;
import org.dragnj.data.manifest.Manifest;
import org.dragnj.data.manifest.ManifestReader;
import org.dragnj.data.manifest.Split;
import org.dragnj.data.manifest.ValidationPolicy;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.Metrics;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.metrics.Predictions;
import org.dragnj.eval.metrics.ThresholdTuner;
import org.dragnj.eval.plot.RocCurves;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.eval.report.MetricsJson;
import org.dragnj.eval.scores.ScoresCsv;
import org.dragnj.train.evaluation.TruthJoin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Evaluates predictions made by any model against a manifest's truth. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute the paper's metrics for a scores CSV (bag_id + one probability column per label).")
final class MetricsCommand implements Callable<Integer> {

    @Option(names = "--scores", required = true, description = "Scores CSV: bag_id, then one column per label.")
    Path scores;

    @Option(names = "--data", required = true, description = "Bag manifest folder (bags.csv, classes.txt) with the truth.")
    Path data;

    @Option(names = "--split", description = "Evaluate only this split: train, val or test (default: every bag).")
    String split;

    @Option(names = "--out", required = true, description = "Output folder for metrics.json, report.md and plots.")
    Path out;

    @Option(names = "--rule", defaultValue = "THRESHOLD_05",
            description = "Decision rule: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DecisionRule rule;

    @Option(names = "--val-scores", description = "Scores of the val split, to tune per-label thresholds (--rule TUNED_PER_LABEL).")
    Path valScores;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples for 95 % intervals; 0 for none (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Manifest manifest = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.NONE).read(data).manifest();
        List<BagRecord> bags = split == null ? manifest.bags() : manifest.bags(parseSplit(split));
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("no bags to evaluate in " + data + (split == null ? "" : " split " + split));
        }
        TruthJoin.Result joined = TruthJoin.join(ScoresCsv.read(scores), manifest, bags, scores.toString());
        Predictions p = joined.predictions();
        double[] thresholds = null;
        if (rule == DecisionRule.TUNED_PER_LABEL) {
            if (valScores == null) {
                throw new IllegalArgumentException("--rule TUNED_PER_LABEL needs --val-scores (scores of the val split)");
            }
            thresholds = ThresholdTuner.tune(TruthJoin.join(ScoresCsv.read(valScores), manifest,
                    manifest.bags(Split.VAL), valScores.toString()).predictions());
        }
        double[] tuned = thresholds;
        java.util.function.Function<Predictions, MetricsResult> evaluate = tuned == null
                ? q -> Metrics.compute(q, rule) : q -> Metrics.compute(q, tuned);
        MetricsResult result = evaluate.apply(p);
        Map<Metric, Bootstrap.Interval> ci = bootstrap > 1 ? Bootstrap.intervals(p, evaluate, bootstrap, 0.95, seed) : null;
        MetricsJson.write(out.resolve("metrics.json"), result, ci, bootstrap, 0.95);
        ComparisonReport report = new ComparisonReport(Map.of(name(), result), ci == null ? null : Map.of(name(), ci));
        org.dragnj.data.io.AtomicFiles.writeString(out.resolve("report.md"), "# Metrics of " + scores.getFileName()
                + "\n\n" + p.size() + " bags" + (split == null ? "" : " (" + split + " split)") + ", decision rule "
                + rule + (ci == null ? "" : ", 95 % bootstrap intervals over " + bootstrap + " resamples") + "\n\n"
                + report.markdown() + "\n" + report.perLabelMarkdown("F1", org.dragnj.eval.metrics.LabelResult::f1)
                + "\n" + report.perLabelMarkdown("AUC", org.dragnj.eval.metrics.LabelResult::auc));
        RocCurves.write(out.resolve("roc_curves.png"), p, "ROC curves: " + scores.getFileName());
        System.out.print(report.markdown());
        if (!result.excludedFromAuc().isEmpty()) {
            System.out.println("labels without both classes (left out of the macro AUC): " + result.excludedFromAuc());
        }
        if (joined.unusedScoreRows() > 0) {
            System.out.println(joined.unusedScoreRows() + " score rows belong to bags outside the evaluated set (ignored)");
        }
        System.out.println("written: " + out.resolve("metrics.json") + ", report.md, roc_curves.png");
        return 0;
    }

    private String name() {
        String n = scores.getFileName().toString();
        return n.toLowerCase(Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    }

    static Split parseSplit(String s) {
        Split parsed = Split.parse(s);
        if (parsed == null) {
            throw new IllegalArgumentException("--split must be train, val or test, not '" + s + "'");
        }
        return parsed;
    }
}
