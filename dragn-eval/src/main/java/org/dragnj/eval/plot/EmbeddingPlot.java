package org.dragnj.eval.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * t-SNE maps of features coloured by label, like the paper's figures 6 and 7: instance features
 * before aggregation and bag features after. The projection is Smile's t-SNE; points are
 * coloured by their bag's label in the run's class colours, by a rule stated on the figure.
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

    /** Colour of points whose bag has several labels, or none: not a class colour. */
    private static final Color OTHER = new Color(0x555555);
    private static final Color FADED = new Color(0xDDDDDD);

    /**
     * One map, each point coloured by its bag's label (the rule is stated under the title: a bag with
     * several labels, or none, is drawn dark grey); when any bag has several labels, also small
     * multiples in {@code <name>_per_label.png}, one map per label: bags with that label in its colour,
     * the others faded.
     *
     * @param labels each point's bag labels
     * @return the PNGs written (each with its SVG)
     */
    public static List<Path> write(Path png, double[][] xy, List<List<String>> labels, ClassColours colours,
            String title) throws IOException {
        if (xy.length != labels.size()) {
            throw new IllegalArgumentException(xy.length + " points but " + labels.size() + " label lists");
        }
        boolean multiLabel = labels.stream().anyMatch(l -> l.size() > 1);
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (String label : colours.labels()) {
            series.put(label, new XYSeries(label, false, true));
        }
        XYSeries several = new XYSeries("several labels", false, true);
        XYSeries none = new XYSeries("no label", false, true);
        for (int i = 0; i < xy.length; i++) {
            List<String> l = labels.get(i);
            XYSeries s = l.isEmpty() ? none : l.size() > 1 ? several : series.get(l.get(0));
            (s == null ? none : s).add(xy[i][0], xy[i][1]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> paints = new ArrayList<>();
        for (Map.Entry<String, XYSeries> e : series.entrySet()) {
            if (e.getValue().getItemCount() > 0) {
                data.addSeries(e.getValue());
                paints.add(colours.of(e.getKey()));
            }
        }
        for (XYSeries s : List.of(several, none)) {
            if (s.getItemCount() > 0) {
                data.addSeries(s);
                paints.add(OTHER);
            }
        }
        JFreeChart overview = map(data, paints, title, true);
        overview.addSubtitle(new TextTitle(multiLabel ? "colour: the bag's label; dark grey: bags with several labels"
                + " (one map per label follows)" : "colour: the bag's label", new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        Charts.write(overview, png, 900, 800);
        if (!multiLabel) {
            return List.of(png);
        }
        List<JFreeChart> panels = new ArrayList<>();
        for (String label : colours.labels()) {
            XYSeries with = new XYSeries(label, false, true);
            XYSeries without = new XYSeries("other bags", false, true);
            for (int i = 0; i < xy.length; i++) {
                (labels.get(i).contains(label) ? with : without).add(xy[i][0], xy[i][1]);
            }
            XYSeriesCollection d = new XYSeriesCollection();
            d.addSeries(without);
            d.addSeries(with);
            panels.add(map(d, List.of(FADED, colours.of(label)), label + " (" + with.getItemCount() + ")", false));
        }
        Path perLabel = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", "_per_label.png"));
        Charts.writeGrid(panels, 320, 320, title + ": one map per label, bags with the label in colour",
                perLabel);
        return List.of(png, perLabel);
    }

    private static JFreeChart map(XYSeriesCollection data, List<Color> paints, String title, boolean legend) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, paints.get(i));
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        NumberAxis x = new NumberAxis("t-SNE 1");
        NumberAxis y = new NumberAxis("t-SNE 2");
        x.setTickLabelsVisible(legend);
        y.setTickLabelsVisible(legend);
        XYPlot plot = new XYPlot(data, x, y, r);
        Charts.style(plot);
        return new JFreeChart(title, legend ? JFreeChart.DEFAULT_TITLE_FONT : new Font(Font.SANS_SERIF, Font.BOLD, 13),
                plot, legend);
    }
}
