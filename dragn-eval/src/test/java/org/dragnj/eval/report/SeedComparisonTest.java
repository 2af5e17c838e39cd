package org.dragnj.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SeedComparisonTest {

    /** A result whose every metric is {@code v}, except the AUC. */
    private static MetricsResult result(double auc, double v) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            values.put(m, v);
        }
        values.put(Metric.AUC_MACRO, auc);
        return new MetricsResult(values, List.of(), DecisionRule.THRESHOLD_05, 10, List.of());
    }

    private static List<MetricsResult> results(double[] auc, double f1) {
        List<MetricsResult> out = new ArrayList<>();
        for (double a : auc) {
            out.add(result(a, f1));
        }
        return out;
    }

    private static SeedComparison comparison() {
        Map<String, List<MetricsResult>> m = new LinkedHashMap<>();
        m.put("A", results(new double[] {0.90, 0.92, 0.94}, 0.5));
        m.put("B", results(new double[] {0.89, 0.90, 0.91}, 0.5));
        m.put("C", results(new double[] {0.95, 0.80, 0.91}, 0.5));
        return new SeedComparison(List.of(1L, 2L, 3L), m);
    }

    @Test
    void meanAndSampleSdOverSeeds() {
        SeedComparison c = comparison();
        assertThat(c.spread("A", Metric.AUC_MACRO).mean()).isCloseTo(0.92, within(1e-12));
        assertThat(c.spread("A", Metric.AUC_MACRO).sd()).isCloseTo(0.02, within(1e-12));
        assertThat(c.best(Metric.AUC_MACRO)).isEqualTo("A");
    }

    @Test
    void aLeadHoldsOnlyWhenEverySeedAgreesAndThePairedTestSaysSo() {
        List<SeedComparison.Difference> d = comparison().differences().stream()
                .filter(x -> x.metric() == Metric.AUC_MACRO).toList();
        // A − B = 0.01, 0.02, 0.03: mean 0.02, sd 0.01, t = 2√3 on 2 degrees of freedom;
        // the t(2) CDF is 1/2 + t / (2 √(2 + t²)), so p = 1 − t / √(2 + t²) = 1 − √12 / √14.
        SeedComparison.Difference ab = d.get(0);
        assertThat(ab.other()).isEqualTo("B");
        assertThat(ab.difference().mean()).isCloseTo(0.02, within(1e-12));
        assertThat(ab.seedsAhead()).isEqualTo(3);
        assertThat(ab.p()).isCloseTo(1 - Math.sqrt(12.0 / 14.0), within(1e-9));
        assertThat(ab.holds()).as("p = 0.074").isFalse();
        // A − C = −0.05, 0.12, 0.03: not in every seed
        SeedComparison.Difference ac = d.get(1);
        assertThat(ac.seedsAhead()).isEqualTo(2);
        assertThat(ac.holds()).isFalse();
    }

    @Test
    void aConsistentClearLeadHolds() {
        Map<String, List<MetricsResult>> m = new LinkedHashMap<>();
        m.put("A", results(new double[] {0.95, 0.96, 0.97, 0.96, 0.95}, 0.6));
        m.put("B", results(new double[] {0.80, 0.82, 0.79, 0.81, 0.80}, 0.5));
        SeedComparison.Difference d = new SeedComparison(List.of(1L, 2L, 3L, 4L, 5L), m).differences().get(0);
        assertThat(d.holds()).isTrue();
        assertThat(d.p()).isLessThan(1e-3);
    }

    @Test
    void writesMarkdownCsvAndJsonWithEverySeed(@TempDir Path dir) throws IOException {
        SeedComparison c = comparison();
        c.write(dir);
        assertThat(dir.resolve("comparison.md")).content().contains("mean ± sd over 3 seeds")
                .contains("**92.00 ± 2.00**").contains("- A: 90.00, 92.00, 94.00")
                .contains("A ahead of B by 2.00 ± 1.00 points, in 3 of 3 seeds (p = 0.0742): does not hold");
        assertThat(dir.resolve("comparison.csv")).content().startsWith("method,seed,auc_macro")
                .contains("\nC,2,0.800000,");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile());
        assertThat(json.at("/methods/C/auc_macro/per_seed").size()).isEqualTo(3);
        assertThat(json.at("/differences/0/holds").asBoolean()).isFalse();
    }
}
