package org.dragnj.eval.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Loss (training and validation) and validation macro F1 per epoch, one above the other. */
public final class TrainingCurves {

    /** One epoch's numbers; NaN where a value was not measured. */
    public record Point(int epoch, double trainLoss, double valLoss, double valF1Macro) {
    }

    private TrainingCurves() {
    }

    public static void write(Path png, List<Point> points, String title) throws IOException {
        XYSeries train = new XYSeries("training loss");
        XYSeries val = new XYSeries("validation loss");
        XYSeries f1 = new XYSeries("validation macro F1");
        for (Point p : points) {
            add(train, p.epoch(), p.trainLoss());
            add(val, p.epoch(), p.valLoss());
            add(f1, p.epoch(), p.valF1Macro());
        }
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(train);
        losses.addSeries(val);
        XYPlot lossPlot = new XYPlot(losses, null, new NumberAxis("loss"), renderer(0, 1));
        NumberAxis f1Axis = new NumberAxis("macro F1");
        f1Axis.setRange(0, 1);
        XYPlot f1Plot = new XYPlot(new XYSeriesCollection(f1), null, f1Axis, renderer(2));
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        Charts.style(lossPlot);
        Charts.style(f1Plot);
        plot.add(lossPlot, 2);
        plot.add(f1Plot, 1);
        Charts.writePng(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 900, 700);
    }

    private static void add(XYSeries s, int x, double y) {
        if (Double.isFinite(y)) {
            s.add(x, y);
        }
    }

    private static XYLineAndShapeRenderer renderer(int... colours) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colours.length; i++) {
            r.setSeriesPaint(i, Charts.colour(colours[i]));
        }
        return r;
    }
}
