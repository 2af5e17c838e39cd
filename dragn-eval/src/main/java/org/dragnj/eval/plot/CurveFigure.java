package org.dragnj.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.eval.metrics.LabelCurves;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * ROC or precision–recall curves of a split: every label's curve in its class colour, the macro
 * average with its bootstrap band, the chance level, and the labels without a curve named under
 * the title. Up to {@link #ONE_PANEL} labels share one panel; more are drawn as small multiples (the
 * macro average first, then one panel per label with the macro average in grey behind it), so that
 * 10–30 labels stay readable.
 */
public final class CurveFigure {

    /** Labels drawn in one panel; beyond, one panel each. */
    static final int ONE_PANEL = 8;
    private static final Color MACRO = new Color(0x222222);
    private static final Color BAND = new Color(0, 0, 0, 40);

    private CurveFigure() {
    }

    public static void write(Path png, LabelCurves.Set set, ClassColours colours, String title) throws IOException {
        String leftOut = leftOut(set.leftOut());
        if (set.curves().size() <= ONE_PANEL) {
            JFreeChart chart = panel(set, colours, set.curves().keySet().stream().toList(), true, title);
            if (!leftOut.isEmpty()) {
                chart.addSubtitle(subtitle(leftOut));
            }
            Charts.write(chart, png, 820, 820);
            return;
        }
        List<JFreeChart> panels = new ArrayList<>();
        panels.add(panel(set, colours, List.of(), false, String.format(Locale.ROOT, "macro average (%s %.3f)",
                set.kind().areaName(), set.macro().area())));
        for (Map.Entry<String, LabelCurves.Curve> e : set.curves().entrySet()) {
            panels.add(panel(set, colours, List.of(e.getKey()), false, String.format(Locale.ROOT, "%s (%s %.3f)",
                    e.getKey(), set.kind().areaName(), e.getValue().area())));
        }
        Charts.writeGrid(panels, 300, 300, title + (leftOut.isEmpty() ? "" : " — " + leftOut), png);
    }

    /** "left out, no positive bags: a, b" or "". */
    static String leftOut(Map<String, String> leftOut) {
        if (leftOut.isEmpty()) {
            return "";
        }
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        leftOut.forEach((label, why) -> byReason.computeIfAbsent(why, w -> new ArrayList<>()).add(label));
        List<String> parts = new ArrayList<>();
        byReason.forEach((why, labels) -> parts.add("left out, " + why + ": " + String.join(", ", labels)));
        return String.join("; ", parts);
    }

    private static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        t.setPaint(Color.DARK_GRAY);
        return t;
    }

    /**
     * One panel: the given labels' curves, the macro average (with its band when {@code labels} is empty or
     * when {@code legend} is on, thin and grey behind a single label otherwise) and the chance level.
     */
    private static JFreeChart panel(LabelCurves.Set set, ClassColours colours, List<String> labels, boolean legend,
            String title) {
        LabelCurves.Kind kind = set.kind();
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        for (String label : labels) {
            LabelCurves.Curve c = set.curves().get(label);
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (%s %.3f)", label, kind.areaName(), c.area()),
                    false, true);
            for (int i = 0; i < c.x().length; i++) {
                s.add(c.x()[i], c.y()[i]);
            }
            int i = lines.getSeriesCount();
            lines.addSeries(s);
            lineRenderer.setSeriesPaint(i, colours.of(label));
            lineRenderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        if (kind == LabelCurves.Kind.ROC) {
            XYSeries chance = new XYSeries("chance", false, true);
            chance.add(0, 0);
            chance.add(1, 1);
            int i = lines.getSeriesCount();
            lines.addSeries(chance);
            lineRenderer.setSeriesPaint(i, ClassColours.REFERENCE);
            lineRenderer.setSeriesStroke(i, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 4f}, 0f));
            lineRenderer.setSeriesVisibleInLegend(i, legend);
        }
        boolean macroInFront = labels.isEmpty() || legend;
        YIntervalSeriesCollection macro = new YIntervalSeriesCollection();
        LabelCurves.Macro m = set.macro();
        YIntervalSeries ms = new YIntervalSeries(String.format(Locale.ROOT, "macro average (%s %.3f), 95 %% band",
                kind.areaName(), m.area()), false, true);
        for (int g = 0; g < m.x().length; g++) {
            if (Double.isFinite(m.y()[g])) {
                double lo = Double.isFinite(m.lower()[g]) ? m.lower()[g] : m.y()[g];
                double hi = Double.isFinite(m.upper()[g]) ? m.upper()[g] : m.y()[g];
                ms.add(m.x()[g], m.y()[g], lo, hi);
            }
        }
        macro.addSeries(ms);
        DeviationRenderer macroRenderer = new DeviationRenderer(true, false);
        macroRenderer.setSeriesPaint(0, macroInFront ? MACRO : ClassColours.REFERENCE);
        macroRenderer.setSeriesStroke(0, new BasicStroke(macroInFront ? 3f : 1.2f));
        macroRenderer.setSeriesFillPaint(0, macroInFront ? BAND : new Color(0, 0, 0, 0));
        macroRenderer.setAlpha(1f);
        NumberAxis x = axis(kind.xTitle());
        NumberAxis y = axis(kind.yTitle());
        XYPlot plot = new XYPlot(lines, x, y, lineRenderer);
        plot.setDataset(1, macro);
        plot.setRenderer(1, macroRenderer);
        Charts.style(plot);
        JFreeChart chart = new JFreeChart(title, legend ? JFreeChart.DEFAULT_TITLE_FONT
                : new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, legend);
        return chart;
    }

    /** 0–1 with a margin, so that curves along the frame stay visible and the 1.0 tick is drawn. */
    private static NumberAxis axis(String title) {
        NumberAxis a = new NumberAxis(title);
        a.setRange(-0.02, 1.02);
        a.setTickUnit(new NumberTickUnit(0.2));
        return a;
    }
}
