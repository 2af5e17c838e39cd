package org.dragnj.experiment.report;

import static org.dragnj.eval.report.ComparisonReport.pct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.eval.html.HtmlPage;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.LabelResult;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.plot.ClassColours;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.evaluation.CropFields;
import org.dragnj.experiment.evaluation.Evaluator;
import org.dragnj.experiment.evaluation.ImportanceMontage;
import org.dragnj.experiment.training.EpochRecord;
import org.dragnj.experiment.training.ModelSelection;
import org.dragnj.experiment.training.TrainingState;

/**
 * {@code report.html} of a run folder: what was trained on what, how training went, the test metrics
 * with their intervals per label, every figure, the files. While the run trains, the page carries the
 * epochs so far and reloads itself every {@link #REFRESH_SECONDS} seconds: opened in a browser it is
 * a live view of training; the final page (after the test evaluation) does not reload.
 */
public final class RunReport {

    public static final String FILE = "report.html";
    static final int REFRESH_SECONDS = 15;
    static final String FIELDS_CAPTION = "The same bags' crops as boxes on the fields they were cut from (positions"
            + " from the HPA preparation), numbered by importance rank.";
    static final String MONTAGE_CAPTION = "The most confident correct bag and the most wrong bag of the test split,"
            + " their instances ordered by how much the label's score drops without them (leave-one-out, the bag's"
            + " other instances kept in order); importance.csv has every test bag with the gradient × input and,"
            + " where the aggregation has them, the attention weights.";

    /** The test evaluation, when there is one. */
    public record Test(MetricsResult metrics, Map<Metric, Bootstrap.Interval> intervals, int bootstrap) {
    }

    private RunReport() {
    }

    /**
     * @param test null while training
     * @param provenance the provenance.json text
     */
    public static Path write(Path run, String title, ExperimentConfig config, String configYaml, String provenance,
            TrainingState state, List<String> labels, Test test) throws IOException {
        boolean live = test == null && !state.finished();
        HtmlPage page = new HtmlPage(run, title, live ? REFRESH_SECONDS : 0);
        ModelSelection selection = config.training().selection();
        String kept = state.bestEpoch() < 0 ? "no epoch kept yet" : String.format(Locale.ROOT,
                "kept epoch %d of %d by %s %.4f", state.bestEpoch() + 1, state.history().size(), selection.description(),
                selection.value(state.bestScore()));
        if (test == null) {
            page.lead(String.format(Locale.ROOT, "%s: %d of %d epochs done, %s. %s",
                    live ? "Training" : "Trained", state.history().size(), config.training().epochs(),
                    HtmlPage.escape(kept), live ? "This page reloads every " + REFRESH_SECONDS + " s; the test"
                            + " evaluation is added when training ends." : ""));
        } else {
            page.lead(headline(test) + "<br>" + HtmlPage.escape(capitalised(kept) + "; " + state.stopReason() + "."));
        }
        page.heading(2, "Model and data");
        page.paragraph(String.format(Locale.ROOT, "%s aggregation (%s) on a %s trunk, %d×%d×%d instances, %s loss, %s"
                + " lr %s, batch %d bags, %d epochs, seed %d.", config.model().aggregation(), config.model().mode(),
                config.model().trunk(), config.model().inputHeight(), config.model().inputWidth(),
                config.model().channels(), config.training().loss(), config.training().optimizer(),
                config.training().learningRate(), config.training().batchSize(), config.training().epochs(),
                config.training().seed()));
        if (test != null) {
            testSection(page, run, test, labels);
        }
        page.heading(2, "Training");
        page.figure(run.resolve("training_curves.png"), "Losses and validation scores per epoch; the dashed line"
                + " marks the epoch kept.");
        page.table(null, List.of("epoch", "train loss", "val loss", "val macro F1", "val macro AUC", "learning rate",
                "seconds"), historyRows(state));
        page.heading(2, "Files");
        List<String> files = new ArrayList<>();
        for (String f : List.of("config.yaml", "provenance.json", "history.csv", "checkpoints/best.zip",
                "checkpoints/last.zip", "test/metrics.json", "test/scores.csv", "test/report.md", "test/attention.csv",
                "test/importance.csv", "data-report.json")) {
            if (Files.exists(run.resolve(f)) || f.startsWith("checkpoints") || f.equals("config.yaml")) {
                files.add(page.link(run.resolve(f), f));
            }
        }
        page.raw("<p>" + String.join(" · ", files) + "</p>");
        page.details("config (config.yaml)", configYaml);
        page.details("provenance (provenance.json): versions, seed, command, data hash", provenance);
        return page.write(FILE);
    }

    /** "Test split, 200 bags, THRESHOLD_05: macro AUC 93.6 % [91.6, 95.3], macro F1 …". */
    static String headline(Test test) {
        MetricsResult m = test.metrics();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Test split, %d bags, decision rule %s: ",
                m.bags(), m.rule()));
        List<String> parts = new ArrayList<>();
        for (Metric metric : List.of(Metric.AUC_MACRO, Metric.F1_MACRO, Metric.F1_MICRO)) {
            parts.add("<b>" + HtmlPage.escape(metric.title()) + " " + percentWithInterval(m.get(metric),
                    test.intervals() == null ? null : test.intervals().get(metric)) + "</b>");
        }
        s.append(String.join(", ", parts));
        if (test.intervals() != null) {
            s.append(String.format(Locale.ROOT, " (95 %% bootstrap intervals over %d resamples of the bags)",
                    test.bootstrap()));
        }
        return s.append('.').toString();
    }

    private static void testSection(HtmlPage page, Path run, Test test, List<String> labels) throws IOException {
        MetricsResult m = test.metrics();
        page.heading(2, "Test metrics");
        List<List<String>> rows = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            Bootstrap.Interval ci = test.intervals() == null ? null : test.intervals().get(metric);
            rows.add(List.of(HtmlPage.escape(metric.title()), pct(m.get(metric)),
                    ci == null ? "–" : "[" + pct(ci.lower()) + ", " + pct(ci.upper()) + "]"));
        }
        page.table(String.format(Locale.ROOT, "%d test bags, decision rule %s; values in %%", m.bags(), m.rule()),
                List.of("metric", "value", "95 % interval"), rows);
        ClassColours colours = ClassColours.of(labels);
        List<List<String>> perLabel = new ArrayList<>();
        List<String> undefined = new ArrayList<>();
        for (LabelResult l : m.perLabel()) {
            perLabel.add(List.of("<span class=\"swatch\" style=\"background:" + ClassColours.hex(colours.of(l.label()))
                    + "\"></span>" + HtmlPage.escape(l.label()), Long.toString(l.support()), pct(l.auc()),
                    pct(l.precision()), pct(l.recall()), pct(l.f1()),
                    Double.isFinite(l.threshold()) ? String.format(Locale.ROOT, "%.2f", l.threshold()) : "–"));
            if (l.undefined() != null) {
                undefined.add(HtmlPage.escape(l.label() + ": " + l.undefined()));
            }
        }
        page.table("Per label (the colour is the label's in every figure); values in %", List.of("label",
                "positive bags", "AUC", "precision", "recall", "F1", "threshold"), perLabel);
        if (!undefined.isEmpty()) {
            page.note("Undefined on this split: " + String.join("; ", undefined));
        }
        Path testFolder = run.resolve("test");
        page.figure(testFolder.resolve(Evaluator.ROC_FIGURE), "ROC curves per label, the macro average and its 95 %"
                + " bootstrap band; labels without positive (or negative) test bags are named under the title.");
        page.figure(testFolder.resolve(Evaluator.PR_FIGURE), "Precision–recall curves per label, the macro average"
                + " (interpolated precision) and its 95 % bootstrap band; AP is the average precision.");
        if (Files.isRegularFile(testFolder.resolve(ImportanceMontage.FILE))) {
            page.heading(2, "Which instances mattered");
            page.figure(testFolder.resolve(ImportanceMontage.FILE), MONTAGE_CAPTION);
            if (Files.isRegularFile(testFolder.resolve(CropFields.FILE))) {
                page.figure(testFolder.resolve(CropFields.FILE), FIELDS_CAPTION);
            }
        }
    }

    private static List<List<String>> historyRows(TrainingState state) {
        List<List<String>> rows = new ArrayList<>();
        for (EpochRecord r : state.history()) {
            String epoch = Integer.toString(r.epoch() + 1);
            rows.add(List.of(r.epoch() == state.bestEpoch() ? "<b>" + epoch + " (kept)</b>" : epoch,
                    num(r.trainLoss()), num(r.valLoss()), num(r.valF1Macro()), num(r.valAucMacro()),
                    String.format(Locale.ROOT, "%.3g", r.learningRate()), String.format(Locale.ROOT, "%.1f", r.seconds())));
        }
        return rows;
    }

    static String percentWithInterval(double v, Bootstrap.Interval ci) {
        return pct(v) + " %" + (ci == null || !Double.isFinite(ci.lower()) ? ""
                : " [" + pct(ci.lower()) + ", " + pct(ci.upper()) + "]");
    }


    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
