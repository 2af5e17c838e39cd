package org.dragnj.experiment.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.LabelCurves;
import org.dragnj.eval.metrics.LabelResult;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.Metrics;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.metrics.Predictions;
import org.dragnj.eval.metrics.ThresholdTuner;
import org.dragnj.eval.plot.ClassColours;
import org.dragnj.eval.plot.CurveFigure;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.eval.report.MetricsJson;
import org.dragnj.eval.scores.ScoresCsv;

/**
 * Writes the evaluation of a set of bags into a folder: metrics.json (with bootstrap intervals),
 * report.md, ROC and precision–recall curves (PNG and SVG); for a model's own predictions also scores.csv and, for attention
 * aggregations, attention.csv (bag, instance file, weight).
 */
public final class Evaluator {

    public static final String ROC_FIGURE = "roc_curves.png";
    public static final String PR_FIGURE = "pr_curves.png";
    /** Resamples of the curves' bootstrap bands: enough for a smooth band, at most the metrics' resamples. */
    private static final int BAND_RESAMPLES = 200;

    private Evaluator() {
    }

    /** The metrics and their intervals (null without bootstrap). */
    public record Evaluation(MetricsResult metrics, Map<Metric, Bootstrap.Interval> intervals) {
    }

    /** A model's predictions on bags of {@code manifest}: metrics, report, ROC curves, scores and attention. */
    public static Evaluation write(Path folder, String title, BagPredictor.Result result, Manifest manifest,
            DecisionRule rule, double[] thresholds, int bootstrap, long seed) throws IOException {
        Predictions p = result.predictions();
        Evaluation e = writeMetrics(folder, title, String.format(Locale.ROOT, ", mean bag loss %.4f", result.loss()), p,
                rule, thresholds, bootstrap, seed);
        writeScores(folder.resolve("scores.csv"), p, manifest);
        if (!result.attention().isEmpty()) {
            AttentionCsv.write(folder.resolve("attention.csv"), result.attention(), manifest);
        }
        return e;
    }

    /**
     * A scores CSV of predictions on bags of {@code manifest}, with the bags' true labels where the
     * manifest has any (a folder of unlabelled images has none).
     */
    public static void writeScores(Path file, Predictions p, Manifest manifest) throws IOException {
        Map<String, BagRecord> byId = manifest.bags().stream()
                .collect(java.util.stream.Collectors.toMap(BagRecord::id, Function.identity(), (a, b) -> a));
        boolean labelled = p.bagIds().stream().map(byId::get)
                .anyMatch(b -> b != null && !b.labels().isEmpty());
        List<List<String>> truth = labelled ? p.bagIds().stream()
                .map(id -> byId.containsKey(id) ? byId.get(id).labels() : List.<String>of()).toList() : null;
        ScoresCsv.write(file, p.labels(), p.bagIds(), p.scores(), truth);
    }

    /** A scores file evaluated against a manifest's truth (see {@link #scoresAgainstTruth}). */
    public record ScoresEvaluation(Evaluation evaluation, int bags, int unusedScoreRows) {
    }

    /**
     * Any model's scores CSV against the truth of a manifest's bags: metrics, report and ROC curves.
     *
     * @param split     the bags to evaluate: one split, or null for every bag
     * @param valScores scores of the val split, required for {@link DecisionRule#TUNED_PER_LABEL}
     */
    public static ScoresEvaluation scoresAgainstTruth(Path scores, Manifest manifest, Split split, DecisionRule rule,
            Path valScores, int bootstrap, long seed, Path folder) throws IOException {
        List<BagRecord> bags = split == null ? manifest.bags() : manifest.bags(split);
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("no bags to evaluate in " + manifest.folder()
                    + (split == null ? "" : " split " + split.id()));
        }
        TruthJoin.Result joined = TruthJoin.join(ScoresCsv.read(scores), manifest, bags, scores.toString());
        double[] thresholds = null;
        if (rule == DecisionRule.TUNED_PER_LABEL) {
            if (valScores == null) {
                throw new IllegalArgumentException("--rule TUNED_PER_LABEL needs --val-scores (scores of the val split)");
            }
            thresholds = ThresholdTuner.tune(TruthJoin.join(ScoresCsv.read(valScores), manifest,
                    manifest.bags(Split.VAL), valScores.toString()).predictions());
        }
        String name = scores.getFileName().toString();
        String title = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Evaluation e = writeMetrics(folder, title, split == null ? "" : " (" + split.id() + " split)",
                joined.predictions(), rule, thresholds, bootstrap, seed);
        return new ScoresEvaluation(e, bags.size(), joined.unusedScoreRows());
    }

    /** metrics.json, report.md (headed by {@code title}, {@code details} after the bag count) and roc_curves.png. */
    private static Evaluation writeMetrics(Path folder, String title, String details, Predictions p, DecisionRule rule,
            double[] thresholds, int bootstrap, long seed) throws IOException {
        Function<Predictions, MetricsResult> evaluate = thresholds == null ? q -> Metrics.compute(q, rule)
                : q -> Metrics.compute(q, thresholds);
        MetricsResult metrics = evaluate.apply(p);
        Map<Metric, Bootstrap.Interval> ci = bootstrap > 1 ? Bootstrap.intervals(p, evaluate, bootstrap, 0.95, seed)
                : null;
        MetricsJson.write(folder.resolve("metrics.json"), metrics, ci, bootstrap, 0.95);
        ComparisonReport table = new ComparisonReport(Map.of(title, metrics), ci == null ? null : Map.of(title, ci));
        AtomicFiles.writeString(folder.resolve("report.md"), "# " + title + "\n\n" + p.size() + " bags" + details
                + ", decision rule " + metrics.rule()
                + (ci == null ? "" : ", 95 % bootstrap intervals over " + bootstrap + " resamples") + "\n\n"
                + table.markdown() + "\n" + table.perLabelMarkdown("F1", LabelResult::f1) + "\n"
                + table.perLabelMarkdown("AUC", LabelResult::auc)
                + undefinedMarkdown(metrics)
                + "\n![ROC curves](" + ROC_FIGURE + ")\n\n![Precision–recall curves](" + PR_FIGURE + ")\n"
                + "\nVector versions: " + ROC_FIGURE.replace(".png", ".svg") + ", " + PR_FIGURE.replace(".png", ".svg")
                + ".\n");
        writeCurves(folder, title, p, bootstrap, seed);
        return new Evaluation(metrics, ci);
    }

    /** roc_curves and pr_curves (PNG + SVG), the macro averages with 95 % bootstrap bands when bootstrapping. */
    static void writeCurves(Path folder, String title, Predictions p, int bootstrap, long seed) throws IOException {
        ClassColours colours = ClassColours.of(p.labels());
        int resamples = bootstrap > 1 ? Math.min(bootstrap, BAND_RESAMPLES) : 0;
        String caption = String.format(Locale.ROOT, " (%d bags)", p.size());
        CurveFigure.write(folder.resolve(ROC_FIGURE), LabelCurves.of(LabelCurves.Kind.ROC, p, resamples, 0.95, seed),
                colours, title + ": ROC curves" + caption);
        CurveFigure.write(folder.resolve(PR_FIGURE), LabelCurves.of(LabelCurves.Kind.PRECISION_RECALL, p, resamples,
                0.95, seed), colours, title + ": precision–recall curves" + caption);
    }

    /** The labels whose metrics have no value on this split, each with its reason (empty when none). */
    static String undefinedMarkdown(MetricsResult metrics) {
        StringBuilder s = new StringBuilder();
        for (LabelResult l : metrics.perLabel()) {
            if (l.undefined() != null) {
                s.append(s.length() == 0 ? "\nUndefined on this split:\n\n" : "").append("- ").append(l.label())
                        .append(": ").append(l.undefined()).append('\n');
            }
        }
        return s.toString();
    }
}
