package org.dragnj.bench.peer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole-model peer table: per model, training and inference bags/s of both frameworks (median
 * over JMH's measured iterations, with their range), DL4J / PyTorch, and the two losses of the
 * correctness check.
 */
final class PeerModelsReport {

    /** Bags per second over a benchmark's measured iterations. */
    record Rate(double median, double min, double max, int iterations) {

        static Rate of(List<Double> bagsPerSecond) {
            List<Double> v = bagsPerSecond.stream().sorted().toList();
            int k = v.size() / 2;
            double median = v.size() % 2 == 1 ? v.get(k) : (v.get(k - 1) + v.get(k)) / 2;
            return new Rate(median, v.get(0), v.get(v.size() - 1), v.size());
        }

        String format() {
            return String.format(Locale.ROOT, "%s (%s–%s)", num(median), num(min), num(max));
        }
    }

    /** One table row; a rate is null when its benchmark did not run. */
    record Row(PeerModel model, String description, int n, int bags, Rate dl4jTrain, Rate torchTrain,
            Rate dl4jInference, Rate torchInference, double dl4jLoss, double torchLoss, double dl4jSecondLoss,
            double torchSecondLoss, double maxOutputDifference) {

        @JsonProperty
        Double trainRatio() {
            return ratio(dl4jTrain, torchTrain);
        }

        @JsonProperty
        Double inferenceRatio() {
            return ratio(dl4jInference, torchInference);
        }

        private static Double ratio(Rate dl4j, Rate torch) {
            return dl4j == null || torch == null ? null : dl4j.median() / torch.median();
        }
    }

    private PeerModelsReport() {
    }

    static List<Row> rows(Collection<RunResult> results, List<PeerModelCheck.Result> checks) {
        Map<PeerModel, Map<String, Rate>> rates = new EnumMap<>(PeerModel.class);
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            PeerModel model = PeerModel.valueOf(r.getParams().getParam("model"));
            String key = (bench.contains("Djl") ? "torch " : "dl4j ") + bench.substring(bench.lastIndexOf('.') + 1);
            double toSeconds = secondsPer(r.getPrimaryResult().getScoreUnit());
            List<Double> bagsPerSecond = new ArrayList<>();
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    bagsPerSecond.add(model.bags() / (i.getPrimaryResult().getScore() * toSeconds));
                }
            }
            rates.computeIfAbsent(model, m -> new HashMap<>()).put(key, Rate.of(bagsPerSecond));
        }
        List<Row> rows = new ArrayList<>();
        for (PeerModelCheck.Result c : checks) {
            Map<String, Rate> m = rates.getOrDefault(c.model(), Map.of());
            rows.add(new Row(c.model(), c.model().describe(), c.model().length(), c.model().bags(),
                    m.get("dl4j trainStep"), m.get("torch trainStep"), m.get("dl4j inference"), m.get("torch inference"),
                    c.dl4jLoss(), c.torchLoss(), c.dl4jSecondLoss(), c.torchSecondLoss(), c.maxOutputDifference()));
        }
        return rows;
    }

    static String markdown(List<Row> rows, String loadAverage) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Whole models: DL4J vs DJL/PyTorch on the CPU\n\n");
        sb.append("Bags/s: median over JMH's measured iterations (range in brackets), one fork each; ratio = DL4J / "
                + "PyTorch of the medians. DL4J trains DragnModel.fit and predicts through forInference() (BatchNorm "
                + "folded); PyTorch runs the same model in DJL blocks (eager, autograd; inference in eval mode "
                + "without autograd). Both start from DL4J's weights and see the same batch; losses are the first "
                + "training step's on that batch (BCE summed over 10 labels, mean over bags), the second-step losses "
                + "follow one Adam update in each framework. DL4J and PyTorch of a row ran back to back. 1-minute load "
                + "average: ").append(loadAverage).append(".\n\n");
        sb.append("| model | n | batch | DL4J train bags/s | PyTorch train bags/s | ratio | DL4J inference bags/s "
                + "| PyTorch inference bags/s | ratio | loss DL4J | loss PyTorch | 2nd-step loss DL4J / PyTorch "
                + "| max abs Δp (inference) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %.6f | %.6f | %.6f / %.6f | %.1e |%n",
                    r.description(), r.n(), r.bags(), rate(r.dl4jTrain()), rate(r.torchTrain()), ratio(r.trainRatio()),
                    rate(r.dl4jInference()), rate(r.torchInference()), ratio(r.inferenceRatio()), r.dl4jLoss(),
                    r.torchLoss(), r.dl4jSecondLoss(), r.torchSecondLoss(), r.maxOutputDifference()));
        }
        return sb.toString();
    }

    private static String rate(Rate r) {
        return r == null ? "–" : r.format();
    }

    private static String ratio(Double r) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    static double secondsPer(String unit) {
        return switch (unit.split("/")[0].trim()) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
        };
    }
}
