package org.dragnj.eval.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one set of predictions.
 *
 * @param values         every {@link Metric}
 * @param perLabel       per-label counts and metrics, in label order
 * @param rule           the decision rule used
 * @param bags           number of bags
 * @param excludedFromAuc labels whose truth holds one class only
 */
public record MetricsResult(Map<Metric, Double> values, List<LabelResult> perLabel, DecisionRule rule, int bags,
        List<String> excludedFromAuc) {

    public MetricsResult {
        values = new EnumMap<>(values);
        perLabel = List.copyOf(perLabel);
        excludedFromAuc = List.copyOf(excludedFromAuc);
    }

    public double get(Metric m) {
        return values.get(m);
    }
}
