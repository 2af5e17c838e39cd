package org.dragnj.eval.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * t-SNE maps of features coloured by label, like the paper's figures 6 and 7: instance features
 * before aggregation and bag features after. The projection is Smile's t-SNE; points are
 * coloured by a group name per point (for multi-label bags, e.g. the first positive label).
 */
public final class EmbeddingPlot {

    private EmbeddingPlot() {
    }

    /**
     * Two-dimensional t-SNE coordinates of the rows of {@code features}. Perplexity is at most 30
     * and below a third of the points, as t-SNE needs; Smile's random start uses its global
     * generator, seeded here so that the map repeats.
     */
    public static double[][] tsne(double[][] features, long seed, int iterations) {
        if (features.length < 4) {
            throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + features.length);
        }
        double perplexity = Math.max(2, Math.min(30, (features.length - 1) / 3.0));
        MathEx.setSeed(seed);
        return new TSNE(features, 2, perplexity, 200, iterations).coordinates;
    }

    public static void write(Path png, double[][] xy, List<String> groups, String title) throws IOException {
        if (xy.length != groups.size()) {
            throw new IllegalArgumentException(xy.length + " points but " + groups.size() + " group names");
        }
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (int i = 0; i < xy.length; i++) {
            series.computeIfAbsent(groups.get(i), g -> new XYSeries(g, false, true)).add(xy[i][0], xy[i][1]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, Charts.colour(i));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("t-SNE 1"), new NumberAxis("t-SNE 2"), r);
        Charts.style(plot);
        Charts.writePng(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 900, 800);
    }
}
