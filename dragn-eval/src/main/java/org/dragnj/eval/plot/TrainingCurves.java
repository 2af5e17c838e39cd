package org.dragnj.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Training and validation loss above, validation macro AUC and F1 below, per epoch (from 1), the
 * selected epoch marked on both. The loss axis fits the losses rather than starting at zero, so
 * that their course is visible.
 */
public final class TrainingCurves {

    /** One epoch's numbers (epochs count from 1); NaN where a value was not measured. */
    public record Point(int epoch, double trainLoss, double valLoss, double valF1Macro, double valAucMacro) {
    }

    /** The epoch the run kept (1-based) and by what, e.g. "validation macro AUC 0.9503"; null if none yet. */
    public record Selection(int epoch, String reason) {
    }

    private TrainingCurves() {
    }

    public static void write(Path png, List<Point> points, Selection selected, String title) throws IOException {
        XYSeries train = new XYSeries("training loss");
        XYSeries val = new XYSeries("validation loss");
        XYSeries auc = new XYSeries("validation macro AUC");
        XYSeries f1 = new XYSeries("validation macro F1");
        for (Point p : points) {
            add(train, p.epoch(), p.trainLoss());
            add(val, p.epoch(), p.valLoss());
            add(auc, p.epoch(), p.valAucMacro());
            add(f1, p.epoch(), p.valF1Macro());
        }
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(train);
        losses.addSeries(val);
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(false);
        XYPlot lossPlot = new XYPlot(losses, null, lossAxis, renderer(0, 1));
        XYSeriesCollection scores = new XYSeriesCollection();
        scores.addSeries(auc);
        scores.addSeries(f1);
        NumberAxis scoreAxis = new NumberAxis("validation score");
        scoreAxis.setRange(0, 1.02); // room for a line at 1.0 and its tick
        XYPlot scorePlot = new XYPlot(scores, null, scoreAxis, renderer(2, 3));
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        int last = points.stream().mapToInt(Point::epoch).max().orElse(1);
        epochAxis.setRange(0.5, Math.max(last, 2) + 0.5);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        Charts.style(lossPlot);
        Charts.style(scorePlot);
        if (selected != null) {
            // the label goes on the side of the line with more room
            boolean leftOfLine = selected.epoch() > (Math.max(last, 2) + 1) / 2.0;
            mark(lossPlot, selected, true, leftOfLine);
            mark(scorePlot, selected, false, leftOfLine);
        }
        plot.add(lossPlot, 3);
        plot.add(scorePlot, 2);
        Charts.write(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 900, 700);
    }

    private static void mark(XYPlot plot, Selection selected, boolean labelled, boolean leftOfLine) {
        ValueMarker m = new ValueMarker(selected.epoch(), ClassColours.REFERENCE,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        if (labelled) {
            m.setLabel(String.format(Locale.ROOT, " kept: epoch %d (%s) ", selected.epoch(), selected.reason()));
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            m.setLabelPaint(Color.DARK_GRAY);
            m.setLabelAnchor(leftOfLine ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(leftOfLine ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        }
        plot.addDomainMarker(m);
    }

    private static void add(XYSeries s, int x, double y) {
        if (Double.isFinite(y)) {
            s.add(x, y);
        }
    }

    private static XYLineAndShapeRenderer renderer(int... colours) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colours.length; i++) {
            r.setSeriesPaint(i, ClassColours.SERIES.get(colours[i]));
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        return r;
    }
}
