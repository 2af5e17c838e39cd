package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.experiment.evaluation.Evaluator;
import org.dragnj.experiment.evaluation.MissingScoresException;

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

    @Option(names = "--split", defaultValue = "test", description = "The bags to evaluate: train, val, test or all"
            + " (default: ${DEFAULT-VALUE}, as for 'dragn evaluate').")
    String split;

    @Option(names = "--out", required = true, description = "Output folder for metrics.json, report.md and plots.")
    Path out;

    @Option(names = "--rule", defaultValue = "THRESHOLD_05",
            description = "Decision rule: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DecisionRule rule;

    @Option(names = "--val-scores", description = "Scores of the val split, to tune per-label thresholds (--rule TUNED_PER_LABEL).")
    Path valScores;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples for 95 %% intervals; 0 for none (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Manifest manifest = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.NONE).read(data).manifest();
        Split which = split.equalsIgnoreCase(ALL) ? null : parseSplit(split);
        Evaluator.ScoresEvaluation r;
        try {
            r = Evaluator.scoresAgainstTruth(scores, manifest, which, rule, valScores, bootstrap, seed, out);
        } catch (MissingScoresException e) {
            throw new IllegalArgumentException(e.getMessage() + ". " + (which == null
                    ? "The scores cover only some bags: evaluate one split with --split train, val or test."
                    : "Were the scores made for another split? Name it with --split (train, val, test or all;"
                            + " default test)."), e);
        }
        MetricsResult result = r.evaluation().metrics();
        System.out.print(new ComparisonReport(Map.of(scores.getFileName().toString(), result),
                r.evaluation().intervals() == null ? null
                        : Map.of(scores.getFileName().toString(), r.evaluation().intervals())).markdown());
        if (!result.excludedFromAuc().isEmpty()) {
            System.out.println("labels without both classes (left out of the macro AUC): " + result.excludedFromAuc());
        }
        if (r.unusedScoreRows() > 0) {
            System.out.println(r.unusedScoreRows() + " score rows belong to bags outside the evaluated set (ignored)");
        }
        System.out.println("written: " + out.resolve("metrics.json") + ", report.md, roc_curves.png");
        return 0;
    }

    private static final String ALL = "all";

    static Split parseSplit(String s) {
        Split parsed = Split.parse(s);
        if (parsed == null) {
            throw new IllegalArgumentException("--split must be train, val or test, not '" + s + "'");
        }
        return parsed;
    }
}
