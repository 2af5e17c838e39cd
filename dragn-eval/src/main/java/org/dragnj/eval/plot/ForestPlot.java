package org.dragnj.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.Metric;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * A comparison as a forest plot: one column per metric, one row per method, each value (in %) with
 * its interval as a horizontal bar. Whether two methods differ is read off the overlap of their bars.
 */
public final class ForestPlot {

    private ForestPlot() {
    }

    /**
     * @param intervals per method (in row order, top to bottom), each metric's value and interval
     * @param caption what the numbers are (split, bags, rule), drawn under the title
     * @param intervalName what the bars are, e.g. "95 % bootstrap interval"
     */
    public static void write(Path png, String title, String caption,
            Map<String, Map<Metric, Bootstrap.Interval>> intervals, List<Metric> metrics, String intervalName)
            throws IOException {
        List<String> methods = new ArrayList<>(intervals.keySet());
        // top to bottom in the order given: the symbol axis counts upwards
        String[] symbols = new String[methods.size()];
        for (int i = 0; i < methods.size(); i++) {
            symbols[i] = methods.get(methods.size() - 1 - i);
        }
        SymbolAxis methodAxis = new SymbolAxis(null, symbols);
        methodAxis.setGridBandsVisible(false);
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(methodAxis);
        plot.setGap(14);
        for (Metric metric : metrics) {
            XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
            XYErrorRenderer r = new XYErrorRenderer();
            r.setDrawYError(false);
            r.setErrorStroke(new BasicStroke(2.5f));
            r.setCapLength(6);
            double low = 100;
            double high = 0;
            for (int i = 0; i < methods.size(); i++) {
                Bootstrap.Interval v = intervals.get(methods.get(i)).get(metric);
                if (v == null || !Double.isFinite(v.value())) {
                    continue;
                }
                double lo = Double.isFinite(v.lower()) ? v.lower() : v.value();
                double hi = Double.isFinite(v.upper()) ? v.upper() : v.value();
                double y = methods.size() - 1 - i;
                XYIntervalSeries s = new XYIntervalSeries(methods.get(i));
                s.add(100 * v.value(), 100 * lo, 100 * hi, y, y, y);
                int k = data.getSeriesCount();
                data.addSeries(s);
                Color c = ClassColours.SERIES.get(i % ClassColours.SERIES.size());
                r.setSeriesPaint(k, c);
                r.setSeriesShape(k, new Ellipse2D.Double(-5, -5, 10, 10));
                low = Math.min(low, 100 * lo);
                high = Math.max(high, 100 * hi);
            }
            r.setErrorPaint(null); // each bar in its series' colour
            NumberAxis x = new NumberAxis(metric.title() + " (%)");
            double pad = Math.max(1, (high - low) * 0.1);
            x.setRange(Math.max(0, low - pad), Math.min(100, high + pad));
            XYPlot sub = new XYPlot(data, x, null, r);
            Charts.style(sub);
            plot.add(sub, 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        chart.addSubtitle(new TextTitle(caption, small));
        chart.addSubtitle(new TextTitle("dot: value; bar: " + intervalName, small));
        Charts.write(chart, png, Math.max(700, 260 * metrics.size()), 160 + 46 * methods.size());
    }
}
