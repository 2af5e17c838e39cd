package org.dragnj.bench.quality;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.digits.DigitBagWriter;
import org.dragnj.datasets.digits.DigitsReader;
import org.dragnj.eval.metrics.Predictions;
import org.dragnj.eval.metrics.RocAuc;
import org.dragnj.experiment.evaluation.BagPredictor;
import org.dragnj.experiment.evaluation.OrderAveraging;
import org.dragnj.experiment.evaluation.SavedModelInput;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.trunk.Trunk;
import org.jfree.chart.ChartUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How much a key instance's position in its bag matters: the models trained on the key-instance task
 * score probe bags of ten held-apart digits with exactly one 9 at position p (100 per position) against
 * 500 bags without a 9; the AUC per position, mean over the seeds. DRAGN's windows weigh a bag's
 * edges less than its centre; test-time order averaging (K random orders) spreads that out. Writes
 * {@code position.md}, {@code position.json} and {@code position.png}.
 */
final class PositionStudy {

    static final int LENGTH = 10;
    static final int PER_POSITION = 100;
    static final int NEGATIVES = 500;
    static final int[] ORDERS = {1, 8};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PositionStudy() {
    }

    /** One curve: an aggregation scored with K orders, AUC per position over the seeds. */
    record Curve(String name, double[][] aucBySeed) {
        double mean(int p) {
            double s = 0;
            for (double[] a : aucBySeed) {
                s += a[p] / aucBySeed.length;
            }
            return s;
        }

        double overall() {
            double s = 0;
            for (int p = 0; p < LENGTH; p++) {
                s += mean(p) / LENGTH;
            }
            return s;
        }
    }

    static void run(Path out, List<QualityMain.Run> runs, DigitsReader.Pools digits, Path work) throws IOException {
        Manifest probe = DigitBagWriter.positionProbe(work.resolve("position-probe"), digits, 9, LENGTH, PER_POSITION,
                NEGATIVES, 77);
        Map<Aggregation, List<Path>> models = new LinkedHashMap<>();
        for (QualityMain.Run r : runs) {
            Path best = r.folder(out).resolve("checkpoints/best.zip");
            if (r.benchmark() == QualityBenchmark.DIGITS_KEY_INSTANCE && r.trunk() == Trunk.LENET
                    && Files.isRegularFile(best)) {
                models.computeIfAbsent(r.aggregation(), k -> new ArrayList<>()).add(best);
            }
        }
        List<Curve> curves = new ArrayList<>();
        List<double[]> dragnWeights = new ArrayList<>();
        for (Path file : models.getOrDefault(Aggregation.DRAGN_L1, List.of())) {
            dragnWeights.add(effectiveWeights(DragnModel.load(file), LENGTH));
        }
        for (Map.Entry<Aggregation, List<Path>> e : models.entrySet()) {
            for (int k : e.getKey().isOrderDependent() ? ORDERS : new int[] {1}) {
                double[][] bySeed = new double[e.getValue().size()][];
                for (int s = 0; s < bySeed.length; s++) {
                    bySeed[s] = aucByPosition(DragnModel.load(e.getValue().get(s)), probe, new OrderAveraging(k, 5));
                }
                curves.add(new Curve(e.getKey().displayName() + (e.getKey().isOrderDependent() ? ", K = " + k : ""),
                        bySeed));
                System.out.printf(Locale.ROOT, "position study: %s K=%d, AUC edge %.3f, centre %.3f%n",
                        e.getKey(), k, curves.get(curves.size() - 1).mean(0),
                        curves.get(curves.size() - 1).mean(LENGTH / 2));
            }
        }
        write(out, curves, dragnWeights);
    }

    /**
     * The weight each position of a bag of {@code n} instances has in a DRAGN-L1 model's bag
     * representation, relative to the largest. Exact for [C, 1, 1] embeddings (LENET): the L1 unit is
     * linear and on 1×1 maps only the centre taps of its 3×3 kernels act, so a round maps x_i to
     * Σ_j k_j·x_{i+j} + b and the recursion (then the mean of the last two maps) is a fixed weighted sum.
     */
    static double[] effectiveWeights(DragnModel model, int n) {
        INDArray w = model.graph().getVertex(ModelGraphFactory.AGGREGATE).paramTable(false)
                .get(UnitArchitecture.weight(0));
        double[] k = {w.getDouble(0, 0, 1, 1), w.getDouble(0, 1, 1, 1), w.getDouble(0, 2, 1, 1)};
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            rows[i][i] = 1;
        }
        while (rows.length > 2) {
            double[][] next = new double[rows.length - 2][n];
            for (int i = 0; i < next.length; i++) {
                for (int j = 0; j < n; j++) {
                    next[i][j] = k[0] * rows[i][j] + k[1] * rows[i + 1][j] + k[2] * rows[i + 2][j];
                }
            }
            rows = next;
        }
        double[] out = new double[n];
        for (double[] row : rows) {
            for (int j = 0; j < n; j++) {
                out[j] += row[j] / rows.length;
            }
        }
        double max = java.util.Arrays.stream(out).map(Math::abs).max().orElse(1);
        for (int j = 0; j < n; j++) {
            out[j] /= max;
        }
        return out;
    }

    /** AUC of the bags with the key at p against the negatives, for every p. */
    static double[] aucByPosition(DragnModel model, Manifest probe, OrderAveraging orders) {
        SavedModelInput in = SavedModelInput.of(model, probe, Split.TEST, 8, 0, 1);
        Predictions p = BagPredictor.predict(model, in.iterator(), orders, ProgressListener.NONE).predictions();
        List<Double> negatives = new ArrayList<>();
        Map<Integer, List<Double>> positives = new LinkedHashMap<>();
        for (int b = 0; b < p.size(); b++) {
            String id = p.bagIds().get(b);
            double score = p.scores()[b][0];
            if (id.startsWith("neg-")) {
                negatives.add(score);
            } else {
                positives.computeIfAbsent(Integer.parseInt(id.split("-")[1]), x -> new ArrayList<>()).add(score);
            }
        }
        double[] auc = new double[LENGTH];
        for (int pos = 0; pos < LENGTH; pos++) {
            List<Double> pos1 = positives.get(pos);
            double[] scores = new double[pos1.size() + negatives.size()];
            int[] truth = new int[scores.length];
            for (int i = 0; i < pos1.size(); i++) {
                scores[i] = pos1.get(i);
                truth[i] = 1;
            }
            for (int i = 0; i < negatives.size(); i++) {
                scores[pos1.size() + i] = negatives.get(i);
            }
            auc[pos] = RocAuc.of(scores, truth);
        }
        return auc;
    }

    static void write(Path out, List<Curve> curves, List<double[]> dragnWeights) throws IOException {
        StringBuilder md = new StringBuilder("# Key-instance position study\n\nAUC of probe bags of " + LENGTH
                + " held-apart digits with one 9 at position p (" + PER_POSITION + " per position) against "
                + NEGATIVES + " bags without a 9; LeNet trunk, mean over the seeds' best models. K: random"
                + " instance orders averaged at test time.\n\n| model |");
        for (int p = 0; p < LENGTH; p++) {
            md.append(' ').append(p + 1).append(" |");
        }
        md.append(" mean |\n|---|").append("---|".repeat(LENGTH + 1)).append('\n');
        List<Map<String, Object>> json = new ArrayList<>();
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            md.append("| ").append(c.name()).append(" |");
            XYSeries series = new XYSeries(c.name());
            double[] means = new double[LENGTH];
            for (int p = 0; p < LENGTH; p++) {
                means[p] = c.mean(p);
                md.append(String.format(Locale.ROOT, " %.3f |", means[p]));
                series.add(p + 1, means[p]);
            }
            md.append(String.format(Locale.ROOT, " %.3f |%n", c.overall()));
            data.addSeries(series);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", c.name());
            row.put("auc_by_position", means);
            row.put("auc_by_position_per_seed", c.aucBySeed());
            json.add(row);
        }
        if (!dragnWeights.isEmpty()) {
            md.append("\nWhy: DRAGN-L1 on these [500, 1, 1] embeddings is a fixed position-weighted sum of its"
                    + " instances (its unit is linear and only the 3×3 kernels' centre taps act). The weight of each"
                    + " position in a bag of ").append(LENGTH).append(", relative to the largest, from each seed's"
                    + " trained unit:\n\n| seed model |");
            for (int p = 0; p < LENGTH; p++) {
                md.append(' ').append(p + 1).append(" |");
            }
            md.append("\n|---|").append("---|".repeat(LENGTH)).append('\n');
            for (int s = 0; s < dragnWeights.size(); s++) {
                md.append("| ").append(s + 1).append(" |");
                for (double v : dragnWeights.get(s)) {
                    md.append(String.format(Locale.ROOT, " %.3f |", v));
                }
                md.append('\n');
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", "DRAGN-L1 effective position weights (relative)");
            row.put("weights_per_seed", dragnWeights);
            json.add(row);
        }
        AtomicFiles.writeString(out.resolve("position.md"), md.toString());
        AtomicFiles.write(out.resolve("position.json"), o -> JSON.writeValue(o, json));
        NumberAxis x = new NumberAxis("position of the 9 in the bag");
        x.setRange(0.5, LENGTH + 0.5);
        NumberAxis y = new NumberAxis("AUC (mean over seeds)");
        y.setRange(0.4, 1.0);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setRangeGridlinePaint(new java.awt.Color(0xdddddd));
        JFreeChart chart = new JFreeChart("Where the key instance sits", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        AtomicFiles.write(out.resolve("position.png"), o -> ChartUtils.writeChartAsPNG(o, chart, 900, 520));
    }
}
