package org.dragnj.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.math3.distribution.TDistribution;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.Csv;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Methods compared over several seeds: every metric as mean ± sample sd with each seed's value, and
 * for the threshold-free AUC and for macro F1 whether the best method's lead over each other method
 * holds across seeds: the same sign in every seed and a paired t-test (over seeds) below 0.05. One
 * seed decides nothing at the sizes these tables are made on; the spread between seeds is part of
 * the result. Written as Markdown, CSV and JSON.
 */
public final class SeedComparison {

    /** The metrics whose differences are tested. */
    static final List<Metric> TESTED = List.of(Metric.AUC_MACRO, Metric.F1_MACRO);
    private static final double ALPHA = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Long> seeds;
    private final Map<String, List<MetricsResult>> methods;

    /**
     * @param seeds   the seeds, in the order of every method's results
     * @param methods method name → its results, one per seed, in column order
     */
    public SeedComparison(List<Long> seeds, Map<String, List<MetricsResult>> methods) {
        if (methods.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("a seed comparison needs at least one method and one seed");
        }
        methods.forEach((name, results) -> {
            if (results.size() != seeds.size()) {
                throw new IllegalArgumentException(name + " has " + results.size() + " results for " + seeds.size()
                        + " seeds");
            }
        });
        this.seeds = List.copyOf(seeds);
        this.methods = new LinkedHashMap<>(methods);
    }

    /** Mean and sample standard deviation (0 for one value) of a method's metric over the seeds. */
    public record Spread(double mean, double sd) {
        static Spread of(double[] v) {
            double mean = 0;
            for (double x : v) {
                mean += x / v.length;
            }
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return new Spread(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0);
        }
    }

    /**
     * The best method's lead on a metric over another: per-seed differences, their mean and sd, in how
     * many seeds the best was ahead, and the paired t-test's two-sided p (NaN for one seed).
     */
    public record Difference(Metric metric, String best, String other, Spread difference, int seedsAhead, int seeds,
            double p) {
        /** Whether the lead holds across seeds: ahead in every seed and p below 0.05. */
        public boolean holds() {
            return seedsAhead == seeds && seeds > 1 && p < ALPHA;
        }
    }

    public List<Long> seeds() {
        return seeds;
    }

    /** The methods, in column order. */
    public List<String> methods() {
        return List.copyOf(methods.keySet());
    }

    public double[] values(String method, Metric metric) {
        return methods.get(method).stream().mapToDouble(r -> r.get(metric)).toArray();
    }

    public Spread spread(String method, Metric metric) {
        return Spread.of(values(method, metric));
    }

    /** The method with the highest mean on a metric. */
    public String best(Metric metric) {
        return methods.keySet().stream().max((a, b) -> Double.compare(spread(a, metric).mean(),
                spread(b, metric).mean())).orElseThrow();
    }

    public List<Difference> differences() {
        List<Difference> out = new ArrayList<>();
        for (Metric m : TESTED) {
            String best = best(m);
            double[] b = values(best, m);
            for (String other : methods.keySet()) {
                if (other.equals(best)) {
                    continue;
                }
                double[] o = values(other, m);
                double[] d = new double[b.length];
                int ahead = 0;
                for (int i = 0; i < d.length; i++) {
                    d[i] = b[i] - o[i];
                    ahead += d[i] > 0 ? 1 : 0;
                }
                Spread s = Spread.of(d);
                out.add(new Difference(m, best, other, s, ahead, d.length, pairedP(s, d.length)));
            }
        }
        return out;
    }

    /** Two-sided p of the paired t-test on n differences with this mean and sd. */
    static double pairedP(Spread d, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        if (d.sd() == 0) {
            return d.mean() == 0 ? 1 : 0;
        }
        double t = d.mean() / (d.sd() / Math.sqrt(n));
        return 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
    }

    public String markdown() {
        List<String> names = new ArrayList<>(methods.keySet());
        StringBuilder sb = new StringBuilder("| Metric (%), mean ± sd over " + seeds.size() + " seeds |");
        names.forEach(n -> sb.append(' ').append(n).append(" |"));
        sb.append("\n|---|").append("---|".repeat(names.size())).append('\n');
        for (Metric m : Metric.values()) {
            sb.append("| ").append(m.title()).append(" |");
            String best = names.size() > 1 ? best(m) : null;
            for (String n : names) {
                Spread s = spread(n, m);
                String cell = String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.sd());
                sb.append(' ').append(n.equals(best) ? "**" + cell + "**" : cell).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nSeeds: ").append(seeds).append(". Per seed, ").append(Metric.AUC_MACRO.title()).append(":\n\n");
        for (String n : names) {
            sb.append("- ").append(n).append(": ");
            double[] v = values(n, Metric.AUC_MACRO);
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", 100 * v[i]));
            }
            sb.append('\n');
        }
        if (names.size() > 1) {
            sb.append("\nDifferences (best minus other, paired over seeds; \"holds\": ahead in every seed and paired"
                    + " t-test p < 0.05):\n\n");
            for (Difference d : differences()) {
                sb.append(String.format(Locale.ROOT, "- %s: %s ahead of %s by %.2f ± %.2f points, in %d of %d seeds"
                        + " (p = %s): %s%n", d.metric().title(), d.best(), d.other(), 100 * d.difference().mean(),
                        100 * d.difference().sd(), d.seedsAhead(), d.seeds(), Double.isNaN(d.p()) ? "n/a"
                                : String.format(Locale.ROOT, "%.3g", d.p()), d.holds() ? "holds" : "does not hold"));
            }
        }
        return sb.toString();
    }

    public String csv() {
        StringBuilder sb = new StringBuilder("method,seed");
        for (Metric m : Metric.values()) {
            sb.append(',').append(m.key());
        }
        sb.append('\n');
        for (Map.Entry<String, List<MetricsResult>> e : methods.entrySet()) {
            for (int i = 0; i < seeds.size(); i++) {
                sb.append(Csv.field(e.getKey())).append(',').append(seeds.get(i));
                for (Metric m : Metric.values()) {
                    sb.append(',').append(String.format(Locale.ROOT, "%.6f", e.getValue().get(i).get(m)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seeds", seeds);
        Map<String, Object> byMethod = new LinkedHashMap<>();
        for (String n : methods.keySet()) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Metric m : Metric.values()) {
                Spread s = spread(n, m);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("mean", s.mean());
                v.put("sd", s.sd());
                v.put("per_seed", values(n, m));
                metrics.put(m.key(), v);
            }
            byMethod.put(n, metrics);
        }
        root.put("methods", byMethod);
        if (methods.size() > 1) {
            List<Map<String, Object>> diffs = new ArrayList<>();
            for (Difference d : differences()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("metric", d.metric().key());
                v.put("best", d.best());
                v.put("other", d.other());
                v.put("mean_difference", d.difference().mean());
                v.put("sd_difference", d.difference().sd());
                v.put("seeds_ahead", d.seedsAhead());
                v.put("seeds", d.seeds());
                v.put("p_paired_t", Double.isNaN(d.p()) ? null : d.p());
                v.put("holds", d.holds());
                diffs.add(v);
            }
            root.put("differences", diffs);
        }
        return root;
    }

    /** comparison.md, comparison.csv (every seed) and comparison.json. */
    public void write(Path folder) throws IOException {
        AtomicFiles.writeString(folder.resolve("comparison.md"), markdown());
        AtomicFiles.writeString(folder.resolve("comparison.csv"), csv());
        AtomicFiles.write(folder.resolve("comparison.json"), out -> JSON.writeValue(out, json()));
    }
}
