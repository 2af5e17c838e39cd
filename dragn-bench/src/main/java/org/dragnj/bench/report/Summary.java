package org.dragnj.bench.report;

import static org.dragnj.bench.report.Format.number;
import static org.dragnj.bench.report.Format.percent;
import static org.dragnj.bench.report.Format.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bench.aggregation.AggregationCost;
import org.dragnj.bench.aggregation.MapShape;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.Recursion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Turns measurements into the report's rows (depth, fits, loop speed-ups, throughput, targets)
 * and writes it: {@link SummaryJson}, {@link SummaryMarkdown} and the PNG plots ({@link Plots}).
 */
public final class Summary {

    public static final String JSON = "summary.json";
    public static final String MARKDOWN = "summary.md";

    static final String AGGREGATION = "AggregationBenchmark";
    static final String LOOP = "WindowLoopBenchmark";
    static final String FORWARD = "forward";
    static final String FORWARD_BACKWARD = "forwardBackward";
    static final List<Aggregation> ORDER = List.of(Aggregation.DRAGN_L1, Aggregation.DRAGN_L2, Aggregation.DRAGN_L3,
            Aggregation.MEAN, Aggregation.MAX, Aggregation.NAN);

    private Summary() {
    }

    /** One aggregation at one bag length on one shape; either measurement may be missing. */
    public record DepthRow(String shape, Aggregation aggregation, int n, Measurement forward,
            Measurement forwardBackward) {

        public long[] dims() {
            return MapShape.parse(shape);
        }

        public double forwardFlops() {
            return AggregationCost.forwardFlops(aggregation, n, dims());
        }

        public double forwardBackwardFlops() {
            return AggregationCost.forwardBackwardFlops(aggregation, n, dims());
        }

        public double seconds(boolean backward) {
            Measurement m = backward ? forwardBackward : forward;
            return m == null ? Double.NaN : m.seconds();
        }

        public double gflops(boolean backward) {
            return (backward ? forwardBackwardFlops() : forwardFlops()) / seconds(backward) / 1e9;
        }
    }

    /** The fit a + b·n²/4 of one DRAGN series. */
    public record FitRow(String shape, Aggregation aggregation, boolean backward, QuarterSquareFit fit, int points) {
    }

    /** Batched vertex against the per-window loop at one n. */
    public record LoopRow(String unit, String shape, int n, double batchedForward, double loopForward,
            double batchedForwardBackward, double loopForwardBackward) {

        public long windows() {
            return Recursion.unitApplications(n);
        }

        public double speedupForward() {
            return loopForward / batchedForward;
        }

        public double speedupForwardBackward() {
            return loopForwardBackward / batchedForwardBackward;
        }
    }

    /** One throughput figure. gflops is NaN where no FLOP count applies. */
    public record ThroughputRow(String group, String item, String setting, String label, double value, String unit,
            double secondsPerOp, double gflops, String note) {
    }

    /** One target of the issue. */
    public record Target(String name, double measured, String unit, String required, boolean pass, String margin,
            String detail) {
    }

    /** Everything the report shows. */
    public record Report(BenchContext context, List<String> shapes, List<DepthRow> depth, List<FitRow> fits,
            List<LoopRow> loop, List<ThroughputRow> throughput, List<Target> targets, double meanLoad,
            double maxLoad, List<Measurement> failed, List<Measurement> measurements) {

        public boolean busy() {
            return meanLoad > context.busyLoad();
        }
    }

    /** Writes summary.json, summary.md and the plots into {@code out}; returns the files written. */
    public static List<Path> write(Path out, BenchContext context, List<Measurement> measurements) throws IOException {
        Files.createDirectories(out);
        Report r = analyse(context, measurements);
        List<Path> files = new ArrayList<>();
        Path json = out.resolve(JSON);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(json, o -> mapper.writeValue(o, SummaryJson.of(r)));
        files.add(json);
        List<Path> plots = Plots.write(out, r);
        Path md = out.resolve(MARKDOWN);
        AtomicFiles.writeString(md, SummaryMarkdown.render(r, plots.stream().map(p -> p.getFileName().toString()).toList()));
        files.add(md);
        files.addAll(plots);
        return files;
    }

    public static Report analyse(BenchContext context, List<Measurement> ms) {
        List<String> shapes = ms.stream().filter(m -> m.benchmark().startsWith(AGGREGATION + "."))
                .map(m -> m.param("map")).distinct().toList();
        List<DepthRow> depth = new ArrayList<>();
        List<FitRow> fits = new ArrayList<>();
        for (String shape : shapes) {
            for (Aggregation a : ORDER) {
                Set<Integer> lengths = new java.util.TreeSet<>();
                for (Measurement m : ms) {
                    if (m.benchmark().startsWith(AGGREGATION + ".") && m.is(m.benchmark(), "map", shape,
                            "aggregation", a.name())) {
                        lengths.add(Integer.parseInt(m.param("n")));
                    }
                }
                for (int n : lengths) {
                    depth.add(new DepthRow(shape, a, n, find(ms, AGGREGATION + "." + FORWARD, a.name(), n, shape),
                            find(ms, AGGREGATION + "." + FORWARD_BACKWARD, a.name(), n, shape)));
                }
                if (a.unitDepth().isPresent()) {
                    for (boolean backward : new boolean[] {false, true}) {
                        List<DepthRow> pts = depth.stream().filter(d -> d.shape.equals(shape) && d.aggregation == a
                                && Double.isFinite(d.seconds(backward))).toList();
                        if (pts.size() >= 2) {
                            double[] n = pts.stream().mapToDouble(DepthRow::n).toArray();
                            double[] t = pts.stream().mapToDouble(d -> d.seconds(backward)).toArray();
                            fits.add(new FitRow(shape, a, backward, QuarterSquareFit.of(n, t), pts.size()));
                        }
                    }
                }
            }
        }

        List<LoopRow> loop = new ArrayList<>();
        Set<String> loopKeys = new LinkedHashSet<>();
        for (Measurement m : ms) {
            if (m.benchmark().startsWith(LOOP + ".")) {
                loopKeys.add(m.param("unit") + "|" + m.param("map"));
            }
        }
        for (String key : loopKeys) {
            String unit = key.split("\\|")[0];
            String shape = key.split("\\|")[1];
            Set<Integer> lengths = new java.util.TreeSet<>();
            ms.stream().filter(m -> m.benchmark().startsWith(LOOP + ".") && unit.equals(m.param("unit"))
                    && shape.equals(m.param("map"))).forEach(m -> lengths.add(Integer.parseInt(m.param("n"))));
            for (int n : lengths) {
                String agg = "DRAGN_" + unit;
                loop.add(new LoopRow(unit, shape, n, seconds(find(ms, AGGREGATION + "." + FORWARD, agg, n, shape)),
                        seconds(findLoop(ms, FORWARD, unit, n, shape)),
                        seconds(find(ms, AGGREGATION + "." + FORWARD_BACKWARD, agg, n, shape)),
                        seconds(findLoop(ms, FORWARD_BACKWARD, unit, n, shape))));
            }
        }

        List<ThroughputRow> throughput = throughput(ms);
        List<Target> targets = targets(ms, depth, loop, shapes);
        double maxLoad = 0;
        double sum = 0;
        int count = 0;
        for (Measurement m : ms) {
            for (double l : new double[] {m.loadBefore(), m.loadAfter()}) {
                if (Double.isFinite(l)) {
                    maxLoad = Math.max(maxLoad, l);
                    sum += l;
                    count++;
                }
            }
        }
        List<Measurement> failed = ms.stream().filter(m -> !m.ok()).toList();
        return new Report(context, shapes, depth, fits, loop, throughput, targets, count == 0 ? Double.NaN : sum / count,
                count == 0 ? Double.NaN : maxLoad, failed, List.copyOf(ms));
    }

    private static Measurement find(List<Measurement> ms, String benchmark, String aggregation, int n, String shape) {
        return ms.stream().filter(m -> m.ok() && m.is(benchmark, "aggregation", aggregation, "n", Integer.toString(n),
                "map", shape)).findFirst().orElse(null);
    }

    private static Measurement findLoop(List<Measurement> ms, String method, String unit, int n, String shape) {
        return ms.stream().filter(m -> m.ok() && m.is(LOOP + "." + method, "unit", unit, "n", Integer.toString(n),
                "map", shape)).findFirst().orElse(null);
    }

    private static double seconds(Measurement m) {
        return m == null ? Double.NaN : m.seconds();
    }

    // ---- throughput ---------------------------------------------------------------------------------

    static String trunkLabel(String trunk) {
        String[] p = trunk.split("@");
        return p[0] + " " + p[1].replace("x", "×");
    }

    private static List<ThroughputRow> throughput(List<Measurement> ms) {
        List<ThroughputRow> rows = new ArrayList<>();
        for (Measurement m : ms) {
            if (!m.ok()) {
                continue;
            }
            switch (m.benchmark()) {
                case "TrunkBenchmark.forward" -> {
                    double ips = m.extra("images") / m.seconds();
                    rows.add(new ThroughputRow("Trunk forward", trunkLabel(m.param("trunk")), "batch " + m.param("batch")
                            + ", inference", trunkLabel(m.param("trunk")) + " fwd", ips, "images/s", m.seconds(), m.extra("flopsPerImage") * ips / 1e9, ""));
                }
                case "TrunkBenchmark.forwardBackward" -> {
                    double ips = m.extra("images") / m.seconds();
                    rows.add(new ThroughputRow("Trunk forward+backward", trunkLabel(m.param("trunk")), "batch "
                            + m.param("batch") + ", training mode, all weight gradients",
                            trunkLabel(m.param("trunk")) + " fwd+bwd", ips, "images/s", m.seconds(),
                            3 * m.extra("flopsPerImage") * ips / 1e9, String.format(Locale.ROOT, "%s per %s images",
                                    time(m.seconds()), m.param("batch"))));
                }
                case "TrainingBenchmark.epoch" -> rows.add(new ThroughputRow("Training (demo)", trainingItem(m),
                        trainingSetting(m), trainingLabel(m), m.extra("bags") / m.seconds(), "bags/s", m.seconds(), Double.NaN,
                        String.format(Locale.ROOT, "%.0f bags per epoch", m.extra("bags"))));
                case "PipelineBenchmark.epoch" -> rows.add(new ThroughputRow("Data pipeline", pipelineItem(m.param("dataset")),
                        "PNG decode + augment, BagIterator, batches of 8", pipelineItem(m.param("dataset")),
                        m.extra("images") / m.seconds(), "images/s",
                        m.seconds(), Double.NaN, String.format(Locale.ROOT, "%.0f images per epoch", m.extra("images"))));
                case "HpaCropBenchmark.crop" -> {
                    double crops = m.extra("crops");
                    double images = m.extra("images");
                    rows.add(new ThroughputRow("HPA cropping", m.param("mode").toLowerCase(Locale.ROOT).replace('_', ' '),
                            hpaThreads(m), m.param("mode").toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
                                    + hpaThreads(m), crops / m.seconds(), "crops/s", m.seconds(), Double.NaN,
                            String.format(Locale.ROOT, "%.0f crops from %.0f %s² fields per run, %.2f images/s", crops,
                                    images, m.param("size"), images / m.seconds())));
                }
                default -> {
                }
            }
        }
        return rows;
    }

    static String trainingItem(Measurement m) {
        return "FULL".equals(m.param("variant")) ? "full model (trunk + DRAGN-L1 + head)"
                : "frozen trunk (head on cached features)";
    }

    static String trainingSetting(Measurement m) {
        String feed = "PRELOADED".equals(m.param("feed")) ? "optimizer steps only (batches in memory)"
                : "through BagIterator, as dragn train";
        String threads = m.param("threads");
        return feed + ", ND4J threads " + (threads == null || "0".equals(threads) ? "default" : threads);
    }

    static String trainingLabel(Measurement m) {
        String threads = m.param("threads");
        return ("FULL".equals(m.param("variant")) ? "full" : "frozen") + ", "
                + ("PRELOADED".equals(m.param("feed")) ? "steps only" : "iterator")
                + (threads == null || "0".equals(threads) ? "" : ", " + threads + " thread");
    }

    static String pipelineItem(String dataset) {
        return switch (dataset) {
            case "DEMO" -> "demo bags, 32×32 PNG";
            case "FLY_180X320" -> "FlyExpress-size bags, 180×320 PNG";
            default -> dataset;
        };
    }

    static String hpaThreads(Measurement m) {
        int t = Integer.parseInt(m.param("threads"));
        double effective = m.extra("threads");
        return t == 1 ? "1 worker thread" : String.format(Locale.ROOT, "all cores (%.0f threads)", effective);
    }

    // ---- targets ------------------------------------------------------------------------------------

    private static List<Target> targets(List<Measurement> ms, List<DepthRow> depth, List<LoopRow> loop,
            List<String> shapes) {
        List<Target> out = new ArrayList<>();
        String small = shapes.isEmpty() ? "512x6x10" : shapes.get(0);
        Optional<Measurement> resnet = ms.stream().filter(m -> m.ok() && m.is("TrunkBenchmark.forwardBackward",
                "batch", "50") && m.param("trunk").startsWith("RESNET18@")).findFirst();
        double[] pct = new double[3];
        for (int i = 0; i < 3; i++) {
            Aggregation a = ORDER.get(i);
            double t = depth.stream().filter(d -> d.shape.equals(small) && d.aggregation == a && d.n == 50)
                    .mapToDouble(d -> d.seconds(true)).findFirst().orElse(Double.NaN);
            pct[i] = resnet.map(r -> 100 * t / r.seconds()).orElse(Double.NaN);
        }
        double r18 = resnet.map(Measurement::seconds).orElse(Double.NaN);
        out.add(new Target("DRAGN-L1 vertex, n = 50 on " + small + ", forward+backward, as a share of ResNet18"
                + " forward+backward of the same 50 images (180×320)", pct[0], "%", "< 5 %", pct[0] < 5,
                Double.isFinite(pct[0]) ? String.format(Locale.ROOT, "%.2f× under the limit", 5 / pct[0]) : "not measured",
                String.format(Locale.ROOT, "ResNet18 forward+backward of 50 images: %s; DRAGN-L2: %s, DRAGN-L3: %s",
                        time(r18), percent(pct[1]), percent(pct[2]))));
        Optional<LoopRow> at50 = loop.stream().filter(l -> l.unit.equals("L1") && l.shape.equals(small) && l.n == 50)
                .findFirst();
        double fwd = at50.map(LoopRow::speedupForward).orElse(Double.NaN);
        double fb = at50.map(LoopRow::speedupForwardBackward).orElse(Double.NaN);
        out.add(new Target("Batched rounds vs per-window loop, DRAGN-L1, n = 50 on " + small + ", forward", fwd, "×",
                "≥ 5×", fwd >= 5, ratioMargin(fwd, 5), at50.map(l -> "batched " + time(l.batchedForward) + ", loop "
                        + time(l.loopForward)).orElse("not measured")));
        out.add(new Target("Batched rounds vs per-window loop, DRAGN-L1, n = 50 on " + small + ", forward+backward", fb,
                "×", "≥ 5×", fb >= 5, ratioMargin(fb, 5), at50.map(l -> "batched " + time(l.batchedForwardBackward)
                        + ", loop " + time(l.loopForwardBackward)).orElse("not measured")));
        for (String[] pair : new String[][] {{"ITERATOR", "0", "0"}, {"PRELOADED", "0", "0"}, {"ITERATOR", "1", "0"},
                {"PRELOADED", "1", "0"}}) {
            Optional<Measurement> full = training(ms, "FULL", pair[0], pair[2]);
            Optional<Measurement> frozen = training(ms, "FROZEN", pair[0], pair[1]);
            boolean primary = pair[0].equals("ITERATOR") && pair[1].equals("0");
            if (!primary && (frozen.isEmpty() || full.isEmpty())) {
                continue;
            }
            double ratio = full.isPresent() && frozen.isPresent() ? full.get().seconds() / frozen.get().seconds()
                    : Double.NaN;
            String feed = pair[0].equals("ITERATOR") ? "through BagIterator (as dragn train)" : "optimizer steps only";
            String threads = pair[1].equals("0") ? "default ND4J threads for both"
                    : "frozen head with 1 ND4J thread, full model with the default";
            out.add(new Target("Frozen-trunk vs full training on the demo, bags/s, " + feed + ", " + threads, ratio,
                    "×", "≥ 20×", ratio >= 20, ratioMargin(ratio, 20),
                    String.format(Locale.ROOT, "full %s bags/s, frozen %s bags/s",
                            full.map(m -> number(m.extra("bags") / m.seconds())).orElse("–"),
                            frozen.map(m -> number(m.extra("bags") / m.seconds())).orElse("–"))));
        }
        return out;
    }

    private static Optional<Measurement> training(List<Measurement> ms, String variant, String feed, String threads) {
        return ms.stream().filter(m -> m.ok() && m.is("TrainingBenchmark.epoch", "variant", variant, "feed", feed)
                && threads.equals(m.params().getOrDefault("threads", "0"))).findFirst();
    }

    private static String ratioMargin(double value, double required) {
        if (!Double.isFinite(value)) {
            return "not measured";
        }
        return value >= required ? String.format(Locale.ROOT, "%.2f× above the bar", value / required)
                : String.format(Locale.ROOT, "%.0f %% of the bar", 100 * value / required);
    }
}
