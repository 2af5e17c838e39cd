package org.dragnj.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.model.aggregation.Aggregation;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNGs: time per bag against n for each shape (forward and forward+backward panels,
 * with the fitted a + b·n²/4 curve of each DRAGN depth), the loop speed-up against n, and the
 * throughput bars. Written with JFreeChart, headless.
 */
public final class Plots {

    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final BasicStroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);

    private Plots() {
    }

    /** Writes every plot the report has data for; returns the files. */
    public static List<Path> write(Path out, Summary.Report r) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> files = new ArrayList<>();
        for (String shape : r.shapes()) {
            Path f = out.resolve("depth-" + shape + ".png");
            writePanels(f, 1500, 620, List.of(depthChart(r, shape, false), depthChart(r, shape, true)), 2);
            files.add(f);
        }
        if (!r.loop().isEmpty()) {
            Path f = out.resolve("loop-speedup.png");
            writePanels(f, 900, 560, List.of(loopChart(r)), 1);
            files.add(f);
        }
        if (!r.throughput().isEmpty()) {
            Map<String, List<Summary.ThroughputRow>> groups = new LinkedHashMap<>();
            for (Summary.ThroughputRow t : r.throughput()) {
                String g = t.group().startsWith("Trunk") ? "Trunks" : t.group();
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(t);
            }
            List<JFreeChart> charts = new ArrayList<>();
            for (Map.Entry<String, List<Summary.ThroughputRow>> g : groups.entrySet()) {
                charts.add(barChart(g.getKey(), g.getValue()));
            }
            Path f = out.resolve("throughput.png");
            int columns = Math.min(2, charts.size());
            int rows = (charts.size() + columns - 1) / columns;
            writePanels(f, 1500, 420 * rows, charts, columns);
            files.add(f);
        }
        return files;
    }

    private static JFreeChart depthChart(Summary.Report r, String shape, boolean backward) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDrawSeriesLineAsPath(true); // keeps the fitted curves' dash pattern continuous
        int colour = 0;
        for (Aggregation a : Summary.ORDER) {
            List<Summary.DepthRow> rows = r.depth().stream().filter(d -> d.shape().equals(shape) && d.aggregation() == a
                    && Double.isFinite(d.seconds(backward)) && d.seconds(backward) > 0).toList();
            if (rows.isEmpty()) {
                colour++;
                continue;
            }
            XYSeries s = new XYSeries(a.displayName(), true, false);
            rows.forEach(d -> s.add(d.n(), 1e3 * d.seconds(backward)));
            int idx = data.getSeriesCount();
            data.addSeries(s);
            Color c = PALETTE[colour % PALETTE.length];
            renderer.setSeriesPaint(idx, c);
            renderer.setSeriesStroke(idx, new BasicStroke(a.unitDepth().isPresent() ? 2f : 1.2f));
            for (Summary.FitRow f : r.fits()) {
                if (f.shape().equals(shape) && f.aggregation() == a && f.backward() == backward && f.fit().b() > 0) {
                    XYSeries fit = new XYSeries(a.displayName() + " fit a + b·n²/4", true, false);
                    double lo = rows.get(0).n();
                    double hi = rows.get(rows.size() - 1).n();
                    for (double n = lo; n <= hi + 1e-9; n += Math.max(0.25, (hi - lo) / 200)) {
                        double ms = 1e3 * f.fit().at(n);
                        if (ms > 0) {
                            fit.add(n, ms);
                        }
                    }
                    int fi = data.getSeriesCount();
                    data.addSeries(fit);
                    renderer.setSeriesPaint(fi, c);
                    renderer.setSeriesStroke(fi, DASHED);
                    renderer.setSeriesShapesVisible(fi, false);
                }
            }
            colour++;
        }
        LogAxis x = new LogAxis("bag length n (log scale)");
        x.setBase(2);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new DecimalFormat("0"));
        LogAxis y = new LogAxis("time per bag (ms, log scale)");
        y.setBase(10);
        y.setTickUnit(new NumberTickUnit(1));
        y.setMinorTickCount(9);
        y.setMinorTickMarksVisible(true);
        y.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        style(plot);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "%s on %s", backward ? "Forward+backward" : "Forward",
                shape), TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static JFreeChart loopChart(Summary.Report r) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int colour = 0;
        Map<String, List<Summary.LoopRow>> series = new LinkedHashMap<>();
        for (Summary.LoopRow l : r.loop()) {
            series.computeIfAbsent(l.unit() + " on " + l.shape(), k -> new ArrayList<>()).add(l);
        }
        for (Map.Entry<String, List<Summary.LoopRow>> e : series.entrySet()) {
            for (boolean backward : new boolean[] {false, true}) {
                XYSeries s = new XYSeries(e.getKey() + (backward ? ", forward+backward" : ", forward"), true, false);
                for (Summary.LoopRow l : e.getValue()) {
                    double v = backward ? l.speedupForwardBackward() : l.speedupForward();
                    if (Double.isFinite(v)) {
                        s.add(l.n(), v);
                    }
                }
                int idx = data.getSeriesCount();
                data.addSeries(s);
                renderer.setSeriesPaint(idx, PALETTE[colour++ % PALETTE.length]);
                renderer.setSeriesStroke(idx, new BasicStroke(2f));
            }
        }
        NumberAxis x = new NumberAxis("bag length n");
        NumberAxis y = new NumberAxis("speed-up: loop time / batched time (×)");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        style(plot);
        ValueMarker target = new ValueMarker(5, new Color(0xd62728), new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
        target.setLabel("target ≥ 5× at n = 50");
        target.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        target.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        target.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        plot.addRangeMarker(target);
        ValueMarker one = new ValueMarker(1, Color.GRAY, new BasicStroke(0.8f));
        plot.addRangeMarker(one);
        JFreeChart chart = new JFreeChart("Batched rounds vs per-window loop", TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static JFreeChart barChart(String group, List<Summary.ThroughputRow> rows) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String unit = rows.get(0).unit();
        for (Summary.ThroughputRow t : rows) {
            data.addValue(t.value(), unit, t.label());
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, PALETTE[0]);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.#")));
        renderer.setDefaultItemLabelsVisible(true);
        double min = rows.stream().mapToDouble(Summary.ThroughputRow::value).filter(v -> v > 0).min().orElse(1);
        double max = rows.stream().mapToDouble(Summary.ThroughputRow::value).max().orElse(1);
        CategoryAxis cat = new CategoryAxis();
        cat.setMaximumCategoryLabelWidthRatio(0.45f);
        CategoryPlot plot;
        if (max / min > 30) {
            LogAxis axis = new LogAxis(unit + " (log scale)");
            axis.setRange(min / 3, max * 8);
            axis.setBase(10);
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setMinorTickCount(9);
            axis.setMinorTickMarksVisible(true);
            axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
            renderer.setBase(min / 3);
            plot = new CategoryPlot(data, cat, axis, renderer);
        } else {
            NumberAxis axis = new NumberAxis(unit);
            axis.setUpperMargin(0.25);
            plot = new CategoryPlot(data, cat, axis, renderer);
        }
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(group, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineStroke(new BasicStroke(0.5f));
    }

    /** Draws the charts into one image, {@code columns} per row, and writes it as a PNG. */
    private static void writePanels(Path file, int width, int height, List<JFreeChart> charts, int columns)
            throws IOException {
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double w = (double) width / columns;
            double h = (double) height / rows;
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double((i % columns) * w, (i / columns) * h, w, h));
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
