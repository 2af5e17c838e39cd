package org.dragnj.eval.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

import org.dragnj.eval.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every plot is produced on small data and is a valid PNG of the intended size. */
class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void trainingCurves() throws IOException {
        List<TrainingCurves.Point> pts = new ArrayList<>();
        for (int e = 1; e <= 8; e++) {
            pts.add(new TrainingCurves.Point(e, 1.0 / e, 1.2 / e, 1 - 1.0 / (e + 1)));
        }
        Path png = dir.resolve("curves.png");
        TrainingCurves.write(png, pts, "DRAGN-L1");
        assertPng(png, 900, 700);
    }

    @Test
    void rocCurves() throws IOException {
        Random r = new Random(1);
        int n = 60;
        double[][] s = new double[n][3];
        int[][] y = new int[n][3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                y[i][k] = r.nextBoolean() ? 1 : 0;
                s[i][k] = Math.min(1, Math.max(0, 0.5 + (y[i][k] - 0.5) * 0.4 * (k + 1) / 3 + r.nextGaussian() * 0.2));
            }
        }
        Predictions p = new Predictions(java.util.stream.IntStream.range(0, n).mapToObj(i -> "b" + i).toList(),
                List.of("a", "b", "c"), s, y);
        Path png = dir.resolve("roc.png");
        RocCurves.write(png, p, "ROC");
        assertPng(png, 800, 800);
        // the curve ends at (1, 1) and moves diagonally over ties
        var c = RocCurves.curve("t", new double[] {0.9, 0.5, 0.5, 0.1}, new int[] {1, 1, 0, 0});
        assertThat(c.getItemCount()).isEqualTo(4);
        assertThat(c.getX(2).doubleValue()).isEqualTo(0.5);
        assertThat(c.getY(2).doubleValue()).isEqualTo(1.0);
        assertThat(c.getX(3).doubleValue()).isEqualTo(1.0);
    }

    @Test
    void tsneSeparatesTwoDistantClustersAndIsPlotted() throws IOException {
        Random r = new Random(4);
        int n = 60;
        double[][] f = new double[n][10];
        List<String> group = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean second = i >= n / 2;
            for (int d = 0; d < 10; d++) {
                f[i][d] = r.nextGaussian() + (second ? 8 : 0);
            }
            group.add(second ? "B" : "A");
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
        EmbeddingPlot.write(png, xy, group, "bags");
        assertPng(png, 900, 800);
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
