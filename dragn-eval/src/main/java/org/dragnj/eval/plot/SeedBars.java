package org.dragnj.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.report.SeedComparison;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/** Methods over seeds as bars of the mean with ± one standard deviation, one bar group per metric. */
public final class SeedBars {

    private SeedBars() {
    }

    /** @param metrics the metrics to draw, one bar per method in each */
    public static void write(Path file, String title, SeedComparison c, List<Metric> metrics) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Metric m : metrics) {
            for (String method : c.methods()) {
                SeedComparison.Spread s = c.spread(method, m);
                data.add(100 * s.mean(), 100 * s.sd(), method, m.title());
            }
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.2f));
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < c.methods().size(); i++) {
            renderer.setSeriesPaint(i, ClassColours.SERIES.get(i % ClassColours.SERIES.size()));
        }
        NumberAxis y = new NumberAxis("% (mean ± sd over " + c.seeds().size() + " seeds)");
        double low = 100;
        for (Metric m : metrics) {
            for (String method : c.methods()) {
                SeedComparison.Spread s = c.spread(method, m);
                low = Math.min(low, 100 * (s.mean() - s.sd()));
            }
        }
        y.setRange(Math.max(0, Math.floor(low / 10) * 10 - 5), 100.5);
        CategoryAxis x = new CategoryAxis();
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.write(chart, file, 200 + 70 * c.methods().size() * metrics.size() / 2, 480);
    }
}
