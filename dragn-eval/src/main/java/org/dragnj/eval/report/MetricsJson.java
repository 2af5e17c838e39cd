package org.dragnj.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.eval.metrics.Bootstrap;
import org.dragnj.eval.metrics.LabelResult;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code metrics.json}: the metrics as fractions under their keys (auc_macro, precision_macro,
 * recall_macro, f1_macro, f1_micro, sensitivity, specificity), the decision rule, the number of
 * bags, labels left out of the AUC, optional bootstrap intervals, and a per_label section.
 * An undefined value (an AUC without both classes) is written as null, and {@code undefined} says
 * per label which metrics have no value on this split and why.
 */
public final class MetricsJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    public static Map<String, Object> toMap(MetricsResult r, Map<Metric, Bootstrap.Interval> intervals,
            int resamples, double level) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            out.put(m.key(), finite(r.get(m)));
        }
        out.put("decision_rule", r.rule().name());
        out.put("bags", r.bags());
        out.put("excluded_from_auc", r.excludedFromAuc());
        Map<String, String> undefined = new LinkedHashMap<>();
        r.perLabel().stream().filter(l -> l.undefined() != null).forEach(l -> undefined.put(l.label(), l.undefined()));
        out.put("undefined", undefined);
        if (intervals != null) {
            Map<String, Object> ci = new LinkedHashMap<>();
            for (Map.Entry<Metric, Bootstrap.Interval> e : intervals.entrySet()) {
                Map<String, Object> bounds = new LinkedHashMap<>(); // Map.of refuses the null of an undefined bound
                bounds.put("lower", finite(e.getValue().lower()));
                bounds.put("upper", finite(e.getValue().upper()));
                ci.put(e.getKey().key(), bounds);
            }
            out.put("confidence_intervals", Map.of("level", level, "resamples", resamples, "method",
                    "percentile bootstrap over bags", "intervals", ci));
        }
        Map<String, Object> perLabel = new LinkedHashMap<>();
        for (LabelResult l : r.perLabel()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("auc", finite(l.auc()));
            m.put("precision", l.precision());
            m.put("recall", l.recall());
            m.put("f1", l.f1());
            m.put("support", l.support());
            m.put("tp", l.tp());
            m.put("fp", l.fp());
            m.put("fn", l.fn());
            m.put("tn", l.tn());
            m.put("threshold", finite(l.threshold()));
            perLabel.put(l.label(), m);
        }
        out.put("per_label", perLabel);
        return out;
    }

    public static void write(Path file, MetricsResult r, Map<Metric, Bootstrap.Interval> intervals, int resamples,
            double level) throws IOException {
        Map<String, Object> map = toMap(r, intervals, resamples, level);
        AtomicFiles.write(file, out -> JSON.writeValue(out, map));
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
