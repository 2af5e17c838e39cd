package org.dragnj.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.Csv;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.LabelResult;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;

/**
 * Methods side by side in the paper's layout (Tables 1–3): rows metrics, columns methods, values
 * in percent; with bootstrap intervals when given, and the best of a row in bold only when its
 * interval is clear of the others' ({@link #boldRule()}). Written as
 * Markdown, CSV and JSON, plus per-label tables of F1 and AUC.
 */
public final class ComparisonReport {

    private final Map<String, MetricsResult> methods;
    private final Map<String, Map<Metric, Bootstrap.Interval>> intervals;

    /** @param methods  method name → its metrics, in column order */
    public ComparisonReport(Map<String, MetricsResult> methods, Map<String, Map<Metric, Bootstrap.Interval>> intervals) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one method");
        }
        this.methods = new LinkedHashMap<>(methods);
        this.intervals = intervals == null ? Map.of() : new LinkedHashMap<>(intervals);
    }

    /** Method name → its metrics, in column order. */
    public Map<String, MetricsResult> methods() {
        return Collections.unmodifiableMap(methods);
    }

    /** Method name → its metrics' intervals (empty without bootstrap). */
    public Map<String, Map<Metric, Bootstrap.Interval>> intervals() {
        return Collections.unmodifiableMap(intervals);
    }

    /** Whether the table carries bootstrap intervals. */
    public boolean hasIntervals() {
        return !intervals.isEmpty();
    }

    /** The method with the highest value of a metric, and whether its interval is clear of every other method's. */
    public record Leader(String method, boolean clear) {
    }

    /** Empty when no method has a value (or there is one method only). */
    public Optional<Leader> leader(Metric m) {
        if (methods.size() < 2) {
            return Optional.empty();
        }
        String best = null;
        for (Map.Entry<String, MetricsResult> e : methods.entrySet()) {
            double v = e.getValue().get(m);
            if (Double.isFinite(v) && (best == null || v > methods.get(best).get(m))) {
                best = e.getKey();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Bootstrap.Interval mine = intervals.getOrDefault(best, Map.of()).get(m);
        boolean clear = mine != null && Double.isFinite(mine.lower());
        for (String other : methods.keySet()) {
            if (!other.equals(best) && clear) {
                Bootstrap.Interval theirs = intervals.getOrDefault(other, Map.of()).get(m);
                clear = theirs != null && (!Double.isFinite(theirs.upper()) || theirs.upper() < mine.lower());
            }
        }
        return Optional.of(new Leader(best, clear));
    }

    /** What bold means in {@link #markdown()}: it differs with and without intervals. */
    public String boldRule() {
        return hasIntervals() ? "Bold: the highest value whose 95 % interval lies above every other method's interval;"
                + " where the intervals overlap nothing is bold (the data do not separate the methods)."
                : "Bold: the highest value (no intervals: whether the difference is real is not known).";
    }

    public String markdown() {
        List<String> names = new ArrayList<>(methods.keySet());
        StringBuilder sb = new StringBuilder("| Metric (%) |");
        names.forEach(n -> sb.append(' ').append(n).append(" |"));
        sb.append("\n|---|").append("---|".repeat(names.size())).append('\n');
        for (Metric m : Metric.values()) {
            sb.append("| ").append(m.title()).append(" |");
            Optional<Leader> leader = leader(m);
            for (String n : names) {
                double v = methods.get(n).get(m);
                String cell = pct(v);
                Bootstrap.Interval ci = intervals.getOrDefault(n, Map.of()).get(m);
                if (ci != null && Double.isFinite(ci.lower())) {
                    cell += " [" + pct(ci.lower()) + ", " + pct(ci.upper()) + "]";
                }
                boolean bold = leader.isPresent() && leader.get().method().equals(n)
                        && (leader.get().clear() || !hasIntervals());
                sb.append(' ').append(bold ? "**" + cell + "**" : cell).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public String csv() {
        List<String> names = new ArrayList<>(methods.keySet());
        StringBuilder sb = new StringBuilder("metric");
        names.forEach(n -> sb.append(',').append(Csv.field(n)));
        sb.append('\n');
        for (Metric m : Metric.values()) {
            sb.append(m.key());
            for (String n : names) {
                double v = methods.get(n).get(m);
                sb.append(',').append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("methods", new ArrayList<>(methods.keySet()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            methods.forEach((n, r) -> row.put(n, Double.isFinite(r.get(m)) ? r.get(m) : null));
            metrics.put(m.key(), row);
        }
        out.put("metrics", metrics);
        return out;
    }

    /** Rows labels, columns methods, for one per-label quantity (F1, AUC, ...). */
    public String perLabelMarkdown(String title, ToDoubleFunction<LabelResult> value) {
        List<String> names = new ArrayList<>(methods.keySet());
        List<LabelResult> first = methods.get(names.get(0)).perLabel();
        StringBuilder sb = new StringBuilder("| ").append(title).append(" (%) |");
        names.forEach(n -> sb.append(' ').append(n).append(" |"));
        sb.append("\n|---|").append("---|".repeat(names.size())).append('\n');
        for (int k = 0; k < first.size(); k++) {
            sb.append("| ").append(first.get(k).label()).append(" |");
            for (String n : names) {
                sb.append(' ').append(pct(value.applyAsDouble(methods.get(n).perLabel().get(k)))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * comparison.md (under {@code caption}: split, decision rule, bags), comparison.csv, comparison.json and
     * per_label.md in {@code folder}.
     */
    public void write(Path folder, String caption) throws IOException {
        AtomicFiles.writeString(folder.resolve("comparison.md"), caption + "\n\n" + markdown() + "\n" + boldRule() + "\n");
        AtomicFiles.writeString(folder.resolve("comparison.csv"), csv());
        Map<String, Object> json = json();
        AtomicFiles.write(folder.resolve("comparison.json"), out -> MetricsJson.JSON.writeValue(out, json));
        AtomicFiles.writeString(folder.resolve("per_label.md"), perLabelMarkdown("F1", LabelResult::f1) + "\n"
                + perLabelMarkdown("AUC", LabelResult::auc));
    }

    /** A fraction as a percentage with two decimals, "–" where it has no value. */
    public static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", 100 * v) : "–";
    }
}
