package org.dragnj.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.Metrics;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReportTest {

    @TempDir
    Path dir;

    static final Predictions GOOD = new Predictions(List.of("a", "b", "c", "d"), List.of("x", "y"),
            new double[][] {{0.9, 0.1}, {0.8, 0.7}, {0.2, 0.6}, {0.1, 0.3}}, new int[][] {{1, 0}, {1, 1}, {0, 1}, {0, 0}});
    static final Predictions POOR = new Predictions(List.of("a", "b", "c", "d"), List.of("x", "y"),
            new double[][] {{0.4, 0.6}, {0.8, 0.2}, {0.6, 0.6}, {0.1, 0.3}}, new int[][] {{1, 0}, {1, 1}, {0, 1}, {0, 0}});

    @Test
    void metricsJsonHasThePaperKeysAsFractionsAndAPerLabelSection() throws IOException {
        Predictions oneClass = new Predictions(List.of("a", "b"), List.of("x", "never"), new double[][] {{0.9, 0.1},
                {0.2, 0.2}}, new int[][] {{1, 0}, {0, 0}});
        MetricsResult r = Metrics.compute(oneClass, DecisionRule.THRESHOLD_05);
        Path file = dir.resolve("metrics.json");
        MetricsJson.write(file, r, Bootstrap.intervals(oneClass, p -> Metrics.compute(p, DecisionRule.THRESHOLD_05), 20,
                0.95, 1), 20, 0.95);
        JsonNode j = new ObjectMapper().readTree(file.toFile());
        for (String key : List.of("auc_macro", "precision_macro", "recall_macro", "f1_macro", "f1_micro", "sensitivity",
                "specificity")) {
            assertThat(j.get(key).isNumber()).as(key).isTrue();
            assertThat(j.get(key).asDouble()).as(key).isBetween(0.0, 1.0);
        }
        assertThat(j.get("auc_macro").asDouble()).isEqualTo(1.0);
        assertThat(j.get("excluded_from_auc").get(0).asText()).isEqualTo("never");
        assertThat(j.get("per_label").get("never").get("auc").isNull()).isTrue();
        assertThat(j.get("per_label").get("x").get("tp").asInt()).isEqualTo(1);
        assertThat(j.get("confidence_intervals").get("level").asDouble()).isEqualTo(0.95);
        assertThat(j.get("confidence_intervals").get("intervals").get("f1_micro").has("lower")).isTrue();
    }

    @Test
    void aSplitWithoutAnyPositiveBagIsWrittenWithItsAucUndefined() throws IOException {
        // every label absent: the AUC and its interval are undefined (null), which once crashed the writer
        Predictions none = new Predictions(List.of("a", "b", "c"), List.of("x", "y"),
                new double[][] {{0.9, 0.1}, {0.2, 0.6}, {0.4, 0.3}}, new int[][] {{0, 0}, {0, 0}, {0, 0}});
        MetricsResult r = Metrics.compute(none, DecisionRule.THRESHOLD_05);
        Path file = dir.resolve("none.json");
        MetricsJson.write(file, r, Bootstrap.intervals(none, p -> Metrics.compute(p, DecisionRule.THRESHOLD_05), 20,
                0.95, 1), 20, 0.95);
        JsonNode j = new ObjectMapper().readTree(file.toFile());
        assertThat(j.get("auc_macro").isNull()).isTrue();
        assertThat(j.get("excluded_from_auc")).extracting(JsonNode::asText).containsExactly("x", "y");
        JsonNode auc = j.get("confidence_intervals").get("intervals").get("auc_macro");
        assertThat(auc.get("lower").isNull()).isTrue();
        assertThat(auc.get("upper").isNull()).isTrue();
        // at p >= 0.5 one bag is called x (0.9) and one y (0.6): 4 of the 6 negatives are right
        assertThat(j.get("specificity").asDouble()).isEqualTo(4.0 / 6);
        assertThat(j.get("undefined").get("x").asText()).isEqualTo("no positive bags in this split: AUC, recall and F1"
                + " are undefined (counted as 0 in the macro precision, recall and F1, left out of the macro AUC)");
    }

    @Test
    void labelsWithoutNegativesOrWithoutPositiveCallsSayWhatIsUndefined() throws IOException {
        // x: every bag positive; y: positives, but no score reaches 0.5
        Predictions p = new Predictions(List.of("a", "b"), List.of("x", "y"), new double[][] {{0.9, 0.1}, {0.2, 0.3}},
                new int[][] {{1, 1}, {1, 0}});
        MetricsResult r = Metrics.compute(p, DecisionRule.THRESHOLD_05);
        assertThat(r.perLabel().get(0).undefined()).startsWith("no negative bags in this split: AUC and specificity are"
                + " undefined (");
        assertThat(r.perLabel().get(1).undefined()).startsWith("no bag predicted positive: precision is undefined (");
        assertThat(r.get(Metric.PRECISION_MACRO)).isEqualTo((1.0 + 0) / 2); // the 0/0 counts as 0, as in scikit-learn
        MetricsJson.write(dir.resolve("m.json"), r, null, 0, 0.95);
        JsonNode j = new ObjectMapper().readTree(dir.resolve("m.json").toFile());
        assertThat(j.get("undefined").size()).isEqualTo(2);
        // x has no negatives and is left out; y ranks its negative (0.3) above its positive (0.1)
        assertThat(j.get("auc_macro").asDouble()).isEqualTo(0.0);
    }

    @Test
    void comparisonTableHasMetricRowsMethodColumnsAndTheBestInBold() throws IOException {
        Map<String, MetricsResult> methods = new LinkedHashMap<>();
        methods.put("SI", Metrics.compute(POOR, DecisionRule.THRESHOLD_05));
        methods.put("DRAGN", Metrics.compute(GOOD, DecisionRule.THRESHOLD_05));
        ComparisonReport report = new ComparisonReport(methods, null);
        String md = report.markdown();
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("| Metric (%) | SI | DRAGN |");
        assertThat(lines).hasSize(2 + Metric.values().length);
        // GOOD ranks every positive above every negative: AUC 100 for DRAGN, in bold.
        assertThat(lines.get(2)).startsWith("| AUC (macro) |").endsWith("| **100.00** |");
        assertThat(md).contains("| F1 (macro) |");
        assertThat(report.csv().lines().findFirst().orElseThrow()).isEqualTo("metric,SI,DRAGN");
        assertThat(report.csv()).contains("auc_macro,");
        report.write(dir, "Test split, 4 bags.");
        assertThat(Files.readString(dir.resolve("comparison.md"))).startsWith("Test split, 4 bags.\n\n| Metric (%) |")
                .contains("Bold: the highest value (no intervals");
        for (String f : List.of("comparison.md", "comparison.csv", "comparison.json", "per_label.md")) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        JsonNode j = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile());
        assertThat(j.get("metrics").get("auc_macro").get("DRAGN").asDouble()).isEqualTo(1.0);
        assertThat(Files.readString(dir.resolve("per_label.md"))).contains("| x |").contains("| F1 (%) | SI | DRAGN |");
    }

    @Test
    void intervalsAppearInTheTableWhenGiven() {
        Map<String, MetricsResult> methods = Map.of("DRAGN", Metrics.compute(GOOD, DecisionRule.THRESHOLD_05));
        Map<String, Map<Metric, Bootstrap.Interval>> ci = Map.of("DRAGN", Bootstrap.intervals(GOOD,
                p -> Metrics.compute(p, DecisionRule.THRESHOLD_05), 30, 0.95, 2));
        assertThat(new ComparisonReport(methods, ci).markdown()).containsPattern("\\| \\d+\\.\\d\\d \\[\\d+\\.\\d\\d, \\d+\\.\\d\\d\\] \\|");
    }

    /**
     * Bold only where the data separate the methods: with intervals, the leader is bold when its lower
     * bound is above every other method's upper bound, and nothing is bold when they overlap.
     */
    @Test
    void theLeaderIsBoldOnlyWhenItsIntervalClearsTheOthers() {
        MetricsResult poor = Metrics.compute(POOR, DecisionRule.THRESHOLD_05);
        MetricsResult good = Metrics.compute(GOOD, DecisionRule.THRESHOLD_05);
        Map<String, MetricsResult> methods = new LinkedHashMap<>();
        methods.put("SI", poor);
        methods.put("DRAGN", good);
        Map<Metric, Bootstrap.Interval> apart = new EnumMap<>(Metric.class);
        Map<Metric, Bootstrap.Interval> low = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            apart.put(m, new Bootstrap.Interval(good.get(m), 0.95, 1.0));
            low.put(m, new Bootstrap.Interval(poor.get(m), 0.0, 0.5));
        }
        Map<String, Map<Metric, Bootstrap.Interval>> ci = new LinkedHashMap<>();
        ci.put("SI", low);
        ci.put("DRAGN", apart);
        ComparisonReport separated = new ComparisonReport(methods, ci);
        assertThat(separated.leader(Metric.AUC_MACRO)).contains(new ComparisonReport.Leader("DRAGN", true));
        assertThat(separated.markdown().lines().skip(2).findFirst().orElseThrow())
                .isEqualTo("| AUC (macro) | " + pct(poor.get(Metric.AUC_MACRO)) + " [0.00, 50.00] | **100.00 [95.00, 100.00]** |");

        Map<Metric, Bootstrap.Interval> wide = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            wide.put(m, new Bootstrap.Interval(poor.get(m), 0.0, 0.97)); // reaches into DRAGN's interval
        }
        ci.put("SI", wide);
        ComparisonReport overlapping = new ComparisonReport(methods, ci);
        assertThat(overlapping.leader(Metric.AUC_MACRO)).contains(new ComparisonReport.Leader("DRAGN", false));
        assertThat(overlapping.markdown()).doesNotContain("**");
        assertThat(overlapping.boldRule()).contains("where the intervals overlap nothing is bold");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", 100 * v);
    }
}
