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
        Evaluator.ScoresEvaluation r = Evaluator.scoresAgainstTruth(scores, manifest,
                split == null ? null : parseSplit(split), rule, valScores, bootstrap, seed, out);
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

    static Split parseSplit(String s) {
        Split parsed = Split.parse(s);
        if (parsed == null) {
            throw new IllegalArgumentException("--split must be train, val or test, not '" + s + "'");
        }
        return parsed;
    }
}
