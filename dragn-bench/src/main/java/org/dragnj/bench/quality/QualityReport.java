package org.dragnj.bench.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.plot.SeedBars;
import org.dragnj.eval.report.SeedComparison;
import org.dragnj.model.trunk.Trunk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The suite's results: for every benchmark and trunk, each aggregation's test AUC and macro F1 as
 * mean ± sd over the seeds (and every seed's AUC; order-dependent ones also with test-time order
 * averaging), which differences hold across seeds, and a bar chart. {@code quality.md}, {@code quality.json}, and per benchmark and trunk
 * {@code <benchmark>/<trunk>/comparison.{md,csv,json}} and {@code <benchmark>-<trunk>.png}.
 */
final class QualityReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One table: a benchmark on one trunk. */
    record Table(QualityBenchmark benchmark, Trunk trunk, SeedComparison comparison, List<String> missing) {
    }

    private final List<Table> tables;

    private QualityReport(List<Table> tables) {
        this.tables = tables;
    }

    /** Reads every run's result; runs that have none yet are listed as missing. */
    static QualityReport collect(List<QualityMain.Run> runs, Path out, List<Long> seeds) throws IOException {
        Map<String, Map<String, List<MetricsResult>>> byTable = new LinkedHashMap<>();
        Map<String, QualityMain.Run> first = new LinkedHashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (QualityMain.Run r : runs) {
            String key = r.benchmark().id() + "/" + r.trunk();
            first.putIfAbsent(key, r);
            missing.putIfAbsent(key, new ArrayList<>());
            Path folder = r.folder(out);
            if (!Files.isRegularFile(folder.resolve(QualityMain.RESULT))) {
                missing.get(key).add(r.aggregation() + " seed " + r.seed());
                continue;
            }
            byTable.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.aggregation().displayName(), k -> new ArrayList<>())
                    .add(QualityMain.readResult(folder));
            if (Files.isRegularFile(folder.resolve(QualityMain.orderedResult()))) {
                byTable.get(key).computeIfAbsent(r.aggregation().displayName() + ", K = " + QualityMain.ORDERS,
                        k -> new ArrayList<>()).add(QualityMain.readResult(folder, QualityMain.orderedResult()));
            }
        }
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, QualityMain.Run> e : first.entrySet()) {
            Map<String, List<MetricsResult>> complete = new LinkedHashMap<>();
            byTable.getOrDefault(e.getKey(), Map.of()).forEach((method, results) -> {
                if (results.size() == seeds.size()) {
                    complete.put(method, results);
                }
            });
            if (!complete.isEmpty()) {
                tables.add(new Table(e.getValue().benchmark(), e.getValue().trunk(), new SeedComparison(seeds, complete),
                        missing.get(e.getKey())));
            }
        }
        return new QualityReport(tables);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            SeedComparison c = t.comparison();
            sb.append(String.format(Locale.ROOT, "### %s, %s trunk (test split, %d seeds)%n%n", t.benchmark().id(),
                    t.trunk(), c.seeds().size()));
            sb.append("| aggregation | AUC (macro) | F1 (macro) | AUC per seed |\n|---|---|---|---|\n");
            String bestAuc = c.best(Metric.AUC_MACRO);
            for (String m : c.methods()) {
                SeedComparison.Spread auc = c.spread(m, Metric.AUC_MACRO);
                SeedComparison.Spread f1 = c.spread(m, Metric.F1_MACRO);
                StringBuilder perSeed = new StringBuilder();
                for (double v : c.values(m, Metric.AUC_MACRO)) {
                    perSeed.append(perSeed.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
                }
                String aucCell = String.format(Locale.ROOT, "%.3f ± %.3f", auc.mean(), auc.sd());
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f ± %.3f | %s |%n", m,
                        m.equals(bestAuc) ? "**" + aucCell + "**" : aucCell, f1.mean(), f1.sd(), perSeed));
            }
            List<SeedComparison.Difference> holds = c.differences().stream()
                    .filter(d -> d.metric() == Metric.AUC_MACRO).toList();
            if (!holds.isEmpty()) {
                sb.append("\nAUC lead of ").append(bestAuc).append(" over: ");
                List<String> parts = new ArrayList<>();
                for (SeedComparison.Difference d : holds) {
                    parts.add(String.format(Locale.ROOT, "%s %+.3f (%d/%d seeds, p %s%s)", d.other(),
                            d.difference().mean(), d.seedsAhead(), d.seeds(),
                            Double.isNaN(d.p()) ? "n/a" : String.format(Locale.ROOT, "%.2g", d.p()),
                            d.holds() ? ", holds" : ""));
                }
                sb.append(String.join("; ", parts)).append(".\n");
            }
            if (!t.missing().isEmpty()) {
                sb.append("\nNot run yet: ").append(String.join(", ", t.missing())).append(".\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    void write(Path out) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Table t : tables) {
            String stem = t.benchmark().id() + "-" + t.trunk().name().toLowerCase(Locale.ROOT);
            t.comparison().write(out.resolve(t.benchmark().id()).resolve(t.trunk().name().toLowerCase(Locale.ROOT)));
            SeedBars.write(out.resolve(stem + ".png"), t.benchmark().id() + ", " + t.trunk() + " trunk",
                    t.comparison(), List.of(Metric.AUC_MACRO, Metric.F1_MACRO));
            for (String m : t.comparison().methods()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("benchmark", t.benchmark().id());
                row.put("trunk", t.trunk().name());
                row.put("aggregation", m);
                for (Metric metric : List.of(Metric.AUC_MACRO, Metric.F1_MACRO, Metric.F1_MICRO)) {
                    SeedComparison.Spread s = t.comparison().spread(m, metric);
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("mean", s.mean());
                    v.put("sd", s.sd());
                    v.put("per_seed", t.comparison().values(m, metric));
                    row.put(metric.key(), v);
                }
                rows.add(row);
            }
        }
        AtomicFiles.writeString(out.resolve("quality.md"), "# Learning quality\n\n" + markdown());
        AtomicFiles.write(out.resolve("quality.json"), o -> JSON.writeValue(o, Map.of("rows", rows)));
    }
}
