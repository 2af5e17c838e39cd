package org.dragnj.experiment.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.eval.metrics.Predictions;
import org.dragnj.eval.scores.ScoresCsv;

/**
 * Joins a scores file with a manifest's truth: every bag of the chosen bags must have scores, every
 * manifest label a score column (any order); score rows for other bags are counted, not used.
 */
public final class TruthJoin {

    private TruthJoin() {
    }

    /** The joined predictions and the number of score rows that matched no chosen bag. */
    public record Result(Predictions predictions, int unusedScoreRows) {
    }

    public static Result join(ScoresCsv.Scores scores, Manifest manifest, List<BagRecord> bags, String scoresName) {
        List<String> classes = manifest.classes();
        int[] column = new int[classes.size()];
        for (int k = 0; k < classes.size(); k++) {
            column[k] = scores.labels().indexOf(classes.get(k));
            if (column[k] < 0) {
                throw new IllegalArgumentException(scoresName + " has no column for label '" + classes.get(k)
                        + "' of the manifest; its columns are " + scores.labels());
            }
        }
        List<String> missing = new ArrayList<>();
        double[][] s = new double[bags.size()][];
        int[][] y = new int[bags.size()][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < bags.size(); i++) {
            BagRecord b = bags.get(i);
            double[] row = scores.byBag().get(b.id());
            if (row == null) {
                missing.add(b.id());
                continue;
            }
            s[ids.size()] = new double[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                s[ids.size()][k] = row[column[k]];
            }
            float[] t = manifest.targets(b);
            y[ids.size()] = new int[t.length];
            for (int k = 0; k < t.length; k++) {
                y[ids.size()][k] = (int) t[k];
            }
            ids.add(b.id());
        }
        if (!missing.isEmpty()) {
            throw new MissingScoresException(scoresName + " has no scores for " + missing.size() + " of the "
                    + bags.size() + " bags to evaluate, e.g. " + missing.subList(0, Math.min(5, missing.size())),
                    missing.size(), bags.size());
        }
        Map<String, double[]> all = scores.byBag();
        int unused = (int) all.keySet().stream().filter(id -> !ids.contains(id)).count();
        return new Result(new Predictions(ids, classes, s, y), unused);
    }
}
