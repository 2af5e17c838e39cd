package org.dragnj.eval.metrics;

import java.util.List;

/**
 * Scores and truth of N bags for K labels.
 *
 * @param bagIds  bag ids in row order
 * @param labels  label names in column order
 * @param scores  probabilities [N][K]
 * @param truth   0/1 targets [N][K]
 */
public record Predictions(List<String> bagIds, List<String> labels, double[][] scores, int[][] truth) {

    public Predictions {
        bagIds = List.copyOf(bagIds);
        labels = List.copyOf(labels);
        if (scores.length != bagIds.size() || truth.length != bagIds.size()) {
            throw new IllegalArgumentException("scores (" + scores.length + " rows), truth (" + truth.length
                    + " rows) and bag ids (" + bagIds.size() + ") disagree");
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i].length != labels.size() || truth[i].length != labels.size()) {
                throw new IllegalArgumentException("bag " + bagIds.get(i) + " has " + scores[i].length + " scores and "
                        + truth[i].length + " targets for " + labels.size() + " labels");
            }
            for (int k = 0; k < labels.size(); k++) {
                if (truth[i][k] != 0 && truth[i][k] != 1) {
                    throw new IllegalArgumentException("bag " + bagIds.get(i) + ", label " + labels.get(k)
                            + ": targets are 0 or 1, got " + truth[i][k]);
                }
                if (!(scores[i][k] >= 0 && scores[i][k] <= 1)) {
                    throw new IllegalArgumentException("bag " + bagIds.get(i) + ", label " + labels.get(k)
                            + ": scores are probabilities in [0, 1], got " + scores[i][k]);
                }
            }
        }
    }

    public int size() {
        return bagIds.size();
    }

    public int labelCount() {
        return labels.size();
    }

    /** The rows at the given indices (repeats allowed: bootstrap resamples). */
    public Predictions rows(int[] index) {
        double[][] s = new double[index.length][];
        int[][] t = new int[index.length][];
        String[] ids = new String[index.length];
        for (int i = 0; i < index.length; i++) {
            s[i] = scores[index[i]];
            t[i] = truth[index[i]];
            ids[i] = bagIds.get(index[i]);
        }
        return new Predictions(List.of(ids), labels, s, t);
    }
}
