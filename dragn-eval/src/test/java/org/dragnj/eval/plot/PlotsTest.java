package org.dragnj.eval.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.LabelCurves;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every plot is produced on small data as a valid PNG of the intended size and an SVG beside it. */
class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void trainingCurves() throws IOException {
        List<TrainingCurves.Point> pts = new ArrayList<>();
        for (int e = 1; e <= 8; e++) {
            pts.add(new TrainingCurves.Point(e, 1.0 / e, 1.2 / e, 1 - 1.0 / (e + 1), 1 - 0.5 / (e + 1)));
        }
        Path png = dir.resolve("curves.png");
        TrainingCurves.write(png, pts, new TrainingCurves.Selection(6, "validation macro AUC 0.9286"), "DRAGN-L1");
        assertPng(png, 900, 700);
        assertThat(Files.readString(dir.resolve("curves.svg"))).contains("kept: epoch 6 (validation macro AUC 0.9286)");
    }

    /** Three labels share one panel; twelve become small multiples (a panel per label after the macro average). */
    @Test
    void rocAndPrecisionRecallCurvesInOnePanelOrAsSmallMultiples() throws IOException {
        for (int labels : new int[] {3, 12}) {
            Predictions p = random(labels, 80, 1);
            for (LabelCurves.Kind kind : LabelCurves.Kind.values()) {
                Path png = dir.resolve(kind + "-" + labels + ".png");
                CurveFigure.write(png, LabelCurves.of(kind, p, 20, 0.95, 3), ClassColours.of(p.labels()), "curves");
                if (labels <= CurveFigure.ONE_PANEL) {
                    assertPng(png, 820, 820);
                } else {
                    int columns = (int) Math.ceil(Math.sqrt(labels + 1)); // 4: 13 panels in 4 rows
                    assertPng(png, columns * 300, 36 + 4 * 300);
                }
                assertThat(Files.readString(Charts.svgBeside(png))).contains("macro average");
            }
        }
    }

    /** A label without positive bags has no curve and is named under the title. */
    @Test
    void aLabelWithoutPositivesIsLeftOutAndNamed() throws IOException {
        Predictions p = random(3, 40, 2);
        int[][] truth = p.truth();
        for (int[] row : truth) {
            row[2] = 0;
        }
        Predictions none = new Predictions(p.bagIds(), p.labels(), p.scores(), truth);
        LabelCurves.Set set = LabelCurves.of(LabelCurves.Kind.ROC, none, 0, 0.95, 1);
        assertThat(set.curves()).containsOnlyKeys("l0", "l1");
        assertThat(set.leftOut()).containsEntry("l2", "no positive bags");
        Path png = dir.resolve("roc.png");
        CurveFigure.write(png, set, ClassColours.of(none.labels()), "ROC");
        assertThat(Files.readString(Charts.svgBeside(png))).contains("left out, no positive bags: l2");
    }

    static Predictions random(int labels, int n, long seed) {
        Random r = new Random(seed);
        double[][] s = new double[n][labels];
        int[][] y = new int[n][labels];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < labels; k++) {
                y[i][k] = r.nextBoolean() ? 1 : 0;
                s[i][k] = Math.min(1, Math.max(0, 0.5 + (y[i][k] - 0.5) * 0.4 * (k % 3 + 1) / 3 + r.nextGaussian() * 0.2));
            }
        }
        return new Predictions(java.util.stream.IntStream.range(0, n).mapToObj(i -> "b" + i).toList(),
                java.util.stream.IntStream.range(0, labels).mapToObj(k -> "l" + k).toList(), s, y);
    }

    @Test
    void forestPlotOfTwoMethods() throws IOException {
        Map<String, Map<Metric, Bootstrap.Interval>> m = new LinkedHashMap<>();
        for (String method : List.of("DRAGN-L1", "MI_mean")) {
            Map<Metric, Bootstrap.Interval> v = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                v.put(metric, new Bootstrap.Interval(0.8, 0.75, 0.85));
            }
            m.put(method, v);
        }
        Path png = dir.resolve("forest.png");
        ForestPlot.write(png, "compare", "Test split, 4 bags.", m, List.of(Metric.AUC_MACRO, Metric.F1_MACRO), "95 % bootstrap interval");
        assertPng(png, 700, 160 + 46 * 2);
        assertThat(Files.readString(Charts.svgBeside(png))).contains("DRAGN-L1").contains("MI_mean");
    }

    @Test
    void tsneSeparatesTwoDistantClustersAndIsPlotted() throws IOException {
        Random r = new Random(4);
        int n = 60;
        double[][] f = new double[n][10];
        List<List<String>> group = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean second = i >= n / 2;
            for (int d = 0; d < 10; d++) {
                f[i][d] = r.nextGaussian() + (second ? 8 : 0);
            }
            group.add(List.of(second ? "B" : "A"));
        }
        double[][] xy = EmbeddingPlot.tsne(f, 7, 500);
        assertThat(xy).hasNumberOfRows(n);
        assertThat(EmbeddingPlot.tsne(f, 7, 500)).isDeepEqualTo(xy);
        // every point is nearer its own cluster's centre than the other's
        double[] ca = centre(xy, 0, n / 2);
        double[] cb = centre(xy, n / 2, n);
        for (int i = 0; i < n; i++) {
            double da = dist(xy[i], ca);
            double db = dist(xy[i], cb);
            assertThat(i < n / 2 ? da < db : db < da).as("point %d", i).isTrue();
        }
        Path png = dir.resolve("tsne.png");
        EmbeddingPlot.write(png, xy, group, ClassColours.of(List.of("A", "B")), "bags");
        assertPng(png, 900, 800);
        assertThat(Files.readString(Charts.svgBeside(png))).contains("colour: the bag&apos;s label");
        // multi-label bags: the overview, then one map per label
        group.set(0, List.of("A", "B"));
        assertThat(EmbeddingPlot.write(png, xy, group, ClassColours.of(List.of("A", "B")), "bags"))
                .containsExactly(png, dir.resolve("tsne_per_label.png"));
        assertPng(dir.resolve("tsne_per_label.png"), 2 * 320, 36 + 320);
    }

    private static double[] centre(double[][] xy, int from, int to) {
        double[] c = new double[2];
        for (int i = from; i < to; i++) {
            c[0] += xy[i][0] / (to - from);
            c[1] += xy[i][1] / (to - from);
        }
        return c;
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    static void assertPng(Path png, int width, int height) throws IOException {
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(png)) {
            assertThat(in.read(head)).isEqualTo(8);
        }
        assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(width);
        assertThat(img.getHeight()).isEqualTo(height);
        assertThat(Files.size(png)).isBetween(5_000L, 2_000_000L);
    }
}
