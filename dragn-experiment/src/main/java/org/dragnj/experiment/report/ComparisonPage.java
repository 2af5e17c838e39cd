package org.dragnj.experiment.report;

import static org.dragnj.eval.report.ComparisonReport.pct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dragnj.eval.html.HtmlPage;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.LabelResult;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.plot.ClassColours;
import org.dragnj.eval.plot.ForestPlot;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.eval.report.SeedComparison;
import org.dragnj.experiment.evaluation.CropFields;
import org.dragnj.experiment.evaluation.Evaluator;
import org.dragnj.experiment.evaluation.ImportanceMontage;

/**
 * {@code report.html} of a comparison: which method won, by how much and how certainly (first line),
 * the forest plot of the headline metrics, the full table with intervals, per-label results, and
 * each method's curves with a link to its run's own report.
 */
public final class ComparisonPage {

    public static final String FOREST_FIGURE = "comparison_forest.png";
    /** The metrics of the forest plot and the headline. */
    static final List<Metric> HEADLINE = List.of(Metric.AUC_MACRO, Metric.F1_MACRO, Metric.F1_MICRO);

    private ComparisonPage() {
    }

    /**
     * @param runs method name → its run folder (the first seed's with several seeds)
     * @param seeds the summary over seeds, or null for one seed
     */
    public static Path write(Path folder, String title, String caption, ComparisonReport report, SeedComparison seeds,
            Map<String, Path> runs, List<String> labels) throws IOException {
        HtmlPage page = new HtmlPage(folder, title, 0);
        Map<String, Map<Metric, Bootstrap.Interval>> bars = seeds == null ? report.intervals() : spreads(seeds);
        String barName = seeds == null ? "95 % bootstrap interval over the test bags"
                : "mean ± 1 sd over " + seeds.seeds().size() + " training seeds";
        page.lead(HtmlPage.escape(caption) + "<br>" + verdicts(report, seeds));
        page.heading(2, "Headline metrics");
        if (!bars.isEmpty()) {
            ForestPlot.write(folder.resolve(FOREST_FIGURE), title, caption, bars, HEADLINE, barName);
            page.figure(folder.resolve(FOREST_FIGURE), "Each method's value (dot) and " + barName + " (bar), per"
                    + " metric: overlapping bars mean the data do not separate the methods.");
        }
        page.table(caption, header(report), rows(report, seeds));
        page.note(HtmlPage.escape(seeds == null ? report.boldRule() : "Bold: the best mean; whether a lead holds over"
                + " seeds is tested in comparison.md (same sign in every seed and a paired t-test)."));
        page.heading(2, "Per label");
        page.table("F1 and AUC per label on the test split (first seed), in %; the colour is the label's in every"
                + " figure", perLabelHeader(report), perLabelRows(report, labels));
        page.heading(2, "Each method");
        for (Map.Entry<String, Path> e : runs.entrySet()) {
            Path run = e.getValue();
            page.heading(3, e.getKey());
            page.raw("<p>" + page.link(run.resolve(RunReport.FILE), "its report") + " · "
                    + page.link(run.resolve("history.csv"), "history.csv") + " · "
                    + page.link(run.resolve("test/metrics.json"), "test/metrics.json") + "</p>");
            page.raw("<div class=\"grid\" style=\"grid-template-columns:repeat(3,1fr)\">"
                    + page.figureHtml(run.resolve("training_curves.png"), "training", null)
                    + page.figureHtml(run.resolve("test").resolve(Evaluator.ROC_FIGURE), "ROC, test", null)
                    + page.figureHtml(run.resolve("test").resolve(Evaluator.PR_FIGURE), "precision–recall, test", null)
                    + "</div>");
            Path montage = run.resolve("test").resolve(ImportanceMontage.FILE);
            if (Files.isRegularFile(montage)) {
                page.raw(page.figureHtml(montage, "Which instances mattered: " + RunReport.MONTAGE_CAPTION, null));
            }
            Path fields = run.resolve("test").resolve(CropFields.FILE);
            if (Files.isRegularFile(fields)) {
                page.raw(page.figureHtml(fields, RunReport.FIELDS_CAPTION, null));
            }
        }
        page.heading(2, "Files");
        page.raw("<p>" + String.join(" · ", List.of(page.link(folder.resolve("comparison.md"), "comparison.md"),
                page.link(folder.resolve("comparison.csv"), "comparison.csv"),
                page.link(folder.resolve("comparison.json"), "comparison.json"),
                page.link(folder.resolve("config.yaml"), "config.yaml"))) + "</p>");
        return page.write(RunReport.FILE);
    }

    /** One sentence per headline metric: who leads, by how much, and whether the data separate it from the rest. */
    static String verdicts(ComparisonReport report, SeedComparison seeds) {
        List<String> out = new ArrayList<>();
        for (Metric m : HEADLINE) {
            if (seeds != null) {
                String best = seeds.best(m);
                SeedComparison.Spread s = seeds.spread(best, m);
                String runnerUp = null;
                for (String other : seeds.methods()) {
                    if (!other.equals(best) && (runnerUp == null
                            || seeds.spread(other, m).mean() > seeds.spread(runnerUp, m).mean())) {
                        runnerUp = other;
                    }
                }
                boolean holds = seeds.differences().stream().anyMatch(d -> d.metric() == m && d.best().equals(best)
                        && d.holds());
                out.add(String.format(Locale.ROOT, "%s: <b>%s</b> %.2f ± %.2f %%%s", HtmlPage.escape(m.title()),
                        HtmlPage.escape(best), 100 * s.mean(), 100 * s.sd(), runnerUp == null ? ""
                                : String.format(Locale.ROOT, ", %+.2f points over %s (%s)", 100 * (s.mean()
                                        - seeds.spread(runnerUp, m).mean()), HtmlPage.escape(runnerUp),
                                        holds ? "the lead holds across seeds" : "not a lead that holds across seeds")));
                continue;
            }
            Optional<ComparisonReport.Leader> leader = report.leader(m);
            if (leader.isEmpty()) {
                continue;
            }
            String best = leader.get().method();
            double v = report.methods().get(best).get(m);
            String runnerUp = null;
            for (String other : report.methods().keySet()) {
                double o = report.methods().get(other).get(m);
                if (!other.equals(best) && Double.isFinite(o)
                        && (runnerUp == null || o > report.methods().get(runnerUp).get(m))) {
                    runnerUp = other;
                }
            }
            Bootstrap.Interval ci = report.intervals().getOrDefault(best, Map.of()).get(m);
            out.add(String.format(Locale.ROOT, "%s: <b>%s</b> %s%s", HtmlPage.escape(m.title()), HtmlPage.escape(best),
                    RunReport.percentWithInterval(v, ci), runnerUp == null ? "" : String.format(Locale.ROOT,
                            ", %+.2f points over %s (%s)", 100 * (v - report.methods().get(runnerUp).get(m)),
                            HtmlPage.escape(runnerUp), !report.hasIntervals() ? "no intervals"
                                    : leader.get().clear() ? "intervals clear of every other method's"
                                    : "intervals overlap: not separated by these data")));
        }
        return String.join("<br>", out);
    }

    private static Map<String, Map<Metric, Bootstrap.Interval>> spreads(SeedComparison seeds) {
        Map<String, Map<Metric, Bootstrap.Interval>> out = new LinkedHashMap<>();
        for (String method : seeds.methods()) {
            Map<Metric, Bootstrap.Interval> m = new LinkedHashMap<>();
            for (Metric metric : Metric.values()) {
                SeedComparison.Spread s = seeds.spread(method, metric);
                m.put(metric, new Bootstrap.Interval(s.mean(), s.mean() - s.sd(), s.mean() + s.sd()));
            }
            out.put(method, m);
        }
        return out;
    }

    private static List<String> header(ComparisonReport report) {
        List<String> h = new ArrayList<>(List.of("metric (%)"));
        h.addAll(report.methods().keySet());
        return h;
    }

    private static List<List<String>> rows(ComparisonReport report, SeedComparison seeds) {
        List<List<String>> rows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            List<String> row = new ArrayList<>(List.of(HtmlPage.escape(m.title())));
            Optional<ComparisonReport.Leader> leader = report.leader(m);
            for (String method : report.methods().keySet()) {
                String cell;
                boolean bold;
                if (seeds != null) {
                    SeedComparison.Spread s = seeds.spread(method, m);
                    cell = String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.sd());
                    bold = method.equals(seeds.best(m));
                } else {
                    Bootstrap.Interval ci = report.intervals().getOrDefault(method, Map.of()).get(m);
                    cell = RunReport.percentWithInterval(report.methods().get(method).get(m), ci).replace(" %", "");
                    bold = leader.isPresent() && leader.get().method().equals(method)
                            && (leader.get().clear() || !report.hasIntervals());
                }
                row.add(bold ? "<b>" + cell + "</b>" : cell);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> perLabelHeader(ComparisonReport report) {
        List<String> h = new ArrayList<>(List.of("label", "positive bags"));
        for (String method : report.methods().keySet()) {
            h.add(method + " F1");
            h.add(method + " AUC");
        }
        return h;
    }

    private static List<List<String>> perLabelRows(ComparisonReport report, List<String> labels) {
        ClassColours colours = ClassColours.of(labels);
        List<List<String>> rows = new ArrayList<>();
        List<String> methods = new ArrayList<>(report.methods().keySet());
        List<LabelResult> first = report.methods().get(methods.get(0)).perLabel();
        for (int k = 0; k < first.size(); k++) {
            String label = first.get(k).label();
            List<String> row = new ArrayList<>(List.of("<span class=\"swatch\" style=\"background:"
                    + ClassColours.hex(colours.of(label)) + "\"></span>" + HtmlPage.escape(label),
                    Long.toString(first.get(k).support())));
            for (String method : methods) {
                LabelResult l = report.methods().get(method).perLabel().get(k);
                row.add(pct(l.f1()));
                row.add(pct(l.auc()));
            }
            rows.add(row);
        }
        return rows;
    }
}
