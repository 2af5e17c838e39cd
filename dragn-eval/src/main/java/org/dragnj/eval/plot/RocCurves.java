package org.dragnj.eval.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

import org.dragnj.eval.metrics.Predictions;
import org.dragnj.eval.metrics.RocAuc;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** ROC curve of every label (those with both classes in the truth), with its AUC in the legend. */
public final class RocCurves {

    private RocCurves() {
    }

    public static void write(Path png, Predictions p, String title) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int k = 0; k < p.labelCount(); k++) {
            double[] s = new double[p.size()];
            int[] y = new int[p.size()];
            for (int i = 0; i < p.size(); i++) {
                s[i] = p.scores()[i][k];
                y[i] = p.truth()[i][k];
            }
            double auc = RocAuc.of(s, y);
            if (Double.isNaN(auc)) {
                continue;
            }
            data.addSeries(curve(String.format(Locale.ROOT, "%s (AUC %.3f)", p.labels().get(k), auc), s, y));
        }
        XYSeries chance = new XYSeries("chance");
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        NumberAxis fpr = new NumberAxis("false positive rate");
        NumberAxis tpr = new NumberAxis("true positive rate");
        fpr.setRange(0, 1);
        tpr.setRange(0, 1);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount() - 1; i++) {
            r.setSeriesPaint(i, Charts.colour(i));
        }
        r.setSeriesPaint(data.getSeriesCount() - 1, java.awt.Color.LIGHT_GRAY);
        XYPlot plot = new XYPlot(data, fpr, tpr, r);
        Charts.style(plot);
        Charts.writePng(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 800, 800);
    }

    /** ROC points: thresholds swept over distinct scores from high to low; ties move diagonally. */
    static XYSeries curve(String name, double[] s, int[] y) {
        Integer[] order = new Integer[s.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
        long pos = Arrays.stream(y).filter(v -> v == 1).count();
        long neg = y.length - pos;
        XYSeries series = new XYSeries(name, false, true);
        series.add(0, 0);
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && s[order[j]] == s[order[i]]) {
                if (y[order[j]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            series.add((double) fp / neg, (double) tp / pos);
            i = j;
        }
        return series;
    }
}
