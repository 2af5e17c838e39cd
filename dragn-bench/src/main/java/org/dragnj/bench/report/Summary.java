package org.dragnj.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.dragnj.bench.aggregation.AggregationCost;
import org.dragnj.bench.aggregation.MapShape;
import org.dragnj.data.io.AtomicFiles;
import org.dragnj.model.aggregation.Aggregation;

/**
 * Turns measurements into the report: summary.json, summary.md (depth, loop speed-up,
 * throughput and target tables) and the PNG plots ({@link Plots}).
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
            return AggregationCost.unitApplications(n);
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
        AtomicFiles.write(json, o -> mapper.writeValue(o, toJson(r)));
        files.add(json);
        List<Path> plots = Plots.write(out, r);
        Path md = out.resolve(MARKDOWN);
        AtomicFiles.writeString(md, markdown(r, plots.stream().map(p -> p.getFileName().toString()).toList()));
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
                if (a.isDragn()) {
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

    // ---- markdown -----------------------------------------------------------------------------------

    static String markdown(Report r, List<String> plots) {
        BenchContext c = r.context();
        StringBuilder md = new StringBuilder();
        md.append("# DRAGN-J benchmarks — ").append(c.preset()).append(" preset\n\n");
        md.append(String.format(Locale.ROOT, "Started %s, wall time %s. Command: `%s`%n%n", c.startedAt(),
                duration(c.wallSeconds()), c.command()));
        md.append(String.format(Locale.ROOT, "Machine: %s, peak FP32 %.0f GFLOP/s (%s).", c.cpu(), c.peakGflops(),
                c.peakDescription()));
        if (!c.environment().isEmpty()) {
            md.append(" ").append(c.environment().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "))).append(".");
        }
        md.append("\n\n");
        if (Double.isFinite(r.maxLoad())) {
            md.append(String.format(Locale.ROOT, "1-minute load average during the run: mean %.2f, max %.2f (the"
                    + " benchmarks alone keep %d cores busy)", r.meanLoad(), r.maxLoad(), c.cores()));
            md.append(r.busy() ? String.format(Locale.ROOT, " — **mean above %.1f: other processes were using the CPU while"
                    + " this ran, so times are pessimistic and noisier than on an idle machine.**%n%n", c.busyLoad())
                    : ".\n\n");
        }
        if (!r.failed().isEmpty()) {
            md.append("**Failed benchmarks** (see jmh.log): ").append(r.failed().stream()
                    .map(m -> m.benchmark() + " " + m.params()).collect(Collectors.joining("; "))).append("\n\n");
        }

        md.append("## Targets\n\n| target | measured | required | result | margin | detail |\n|---|---|---|---|---|---|\n");
        for (Target t : r.targets()) {
            md.append("| ").append(t.name()).append(" | ").append(Double.isFinite(t.measured())
                    ? String.format(Locale.ROOT, t.unit().equals("%") ? "%.2f %%" : "%.1f×", t.measured()) : "–")
                    .append(" | ").append(t.required()).append(" | ")
                    .append(Double.isFinite(t.measured()) ? (t.pass() ? "**pass**" : "**FAIL**") : "not measured")
                    .append(" | ").append(t.margin()).append(" | ").append(t.detail()).append(" |\n");
        }

        md.append("\n## Aggregation depth: time per bag\n\n");
        md.append("One bag of n instance maps through the aggregation vertex, outside any graph. Rounds ⌊(n−1)/2⌋,"
                + " unit applications r·(n−1−r) ≈ n²/4; FLOPs counted analytically (a MAC = 2 FLOPs; the unit's 3×3"
                + " convolutions: 27/108/189 MACs per pixel and channel for L1/L2/L3; forward+backward = 3 × forward;"
                + " MEAN/MAX/NAN counted per element). % peak = achieved GFLOP/s over the peak above.\n");
        for (String shape : r.shapes()) {
            md.append("\n### ").append(shape).append(shapeRole(c, shape)).append("\n\n");
            md.append("| aggregation | n | rounds | unit applications | forward | GFLOP/s | % peak | forward+backward |"
                    + " GFLOP/s | % peak |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (DepthRow d : r.depth()) {
                if (!d.shape.equals(shape)) {
                    continue;
                }
                boolean dragn = d.aggregation.isDragn();
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        d.aggregation, d.n, dragn ? Integer.toString(AggregationCost.rounds(d.n)) : "–",
                        dragn ? Long.toString(AggregationCost.unitApplications(d.n)) : "–", time(d.seconds(false)),
                        gflops(d.gflops(false)), percent(100 * d.gflops(false) / c.peakGflops()), time(d.seconds(true)),
                        gflops(d.gflops(true)), percent(100 * d.gflops(true) / c.peakGflops())));
            }
            List<FitRow> shapeFits = r.fits().stream().filter(f -> f.shape.equals(shape)).toList();
            if (!shapeFits.isEmpty()) {
                md.append("\nFit t(n) = a + b·n²/4 (relative least squares): ").append(shapeFits.stream()
                        .map(f -> String.format(Locale.ROOT, "%s %s a = %s, b = %s", f.aggregation,
                                f.backward ? "fwd+bwd" : "fwd", time(f.fit.a()), time(f.fit.b())))
                        .collect(Collectors.joining("; "))).append(".\n");
            }
        }

        if (!r.loop().isEmpty()) {
            md.append("\n## Batched rounds vs the per-window loop\n\n");
            md.append("The vertex runs each round as one batched pass over all windows; the reference loop"
                    + " (WindowLoopAggregation) stacks each window and calls libnd4j's conv2d (and conv2d_bp for"
                    + " backward) once per window. Speed-up = loop time / batched time.\n\n");
            md.append("| unit | map | n | windows | batched fwd | loop fwd | speed-up fwd | batched fwd+bwd | loop fwd+bwd |"
                    + " speed-up fwd+bwd |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (LoopRow l : r.loop()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |%n", l.unit,
                        l.shape, l.n, l.windows(), time(l.batchedForward), time(l.loopForward),
                        times(l.speedupForward()), time(l.batchedForwardBackward), time(l.loopForwardBackward),
                        times(l.speedupForwardBackward())));
            }
        }

        if (!r.throughput().isEmpty()) {
            md.append("\n## Throughput\n\n| stage | what | setting | throughput | time per op | GFLOP/s | % peak |"
                    + " note |\n|---|---|---|---:|---:|---:|---:|---|\n");
            for (ThroughputRow t : r.throughput()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s %s | %s | %s | %s | %s |%n", t.group(), t.item(),
                        t.setting(), number(t.value()), t.unit(), time(t.secondsPerOp()), gflops(t.gflops()),
                        percent(100 * t.gflops() / c.peakGflops()), t.note()));
            }
            ratioLines(md, r);
        }

        md.append("\n## Notes\n\n");
        for (String note : c.notes()) {
            md.append("- ").append(note).append('\n');
        }
        md.append("- Trunk FLOPs are counted from the DL4J graph's layer shapes (convolutions and fully connected"
                + " layers); forward+backward = 3 × forward.\n");
        md.append("- Times are the median over a benchmark's JMH measurement iterations (one forked JVM per"
                + " benchmark), which a burst of load from other processes moves less than the mean; JMH's means and"
                + " 99.9 % intervals are in summary.json and jmh-results.json.\n");
        md.append("\n## Files\n\n- `jmh-results.json`: JMH's own JSON of every benchmark\n- `summary.json`: the"
                + " tables above as data, with every raw measurement\n- `jmh.log`: JMH's console output\n");
        for (String p : plots) {
            md.append("- `").append(p).append("`\n");
        }
        return md.toString();
    }

    private static void ratioLines(StringBuilder md, Report r) {
        List<ThroughputRow> hpa = r.throughput().stream().filter(t -> t.group().equals("HPA cropping")).toList();
        for (ThroughputRow one : hpa) {
            if (!one.setting().startsWith("1 ")) {
                continue;
            }
            hpa.stream().filter(t -> t.item().equals(one.item()) && !t.setting().startsWith("1 ")).findFirst()
                    .ifPresent(all -> md.append(String.format(Locale.ROOT, "%nHPA %s: all cores are %.2f× one thread.",
                            one.item(), all.value() / one.value())));
        }
        if (!hpa.isEmpty()) {
            md.append('\n');
        }
    }

    private static String shapeRole(BenchContext c, String shape) {
        for (Map.Entry<String, String> e : c.shapes().entrySet()) {
            if (e.getValue().equals(shape)) {
                return " (" + e.getKey() + ")";
            }
        }
        return "";
    }

    // ---- JSON ---------------------------------------------------------------------------------------

    private static Map<String, Object> toJson(Report r) {
        BenchContext c = r.context();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("preset", c.preset());
        root.put("command", c.command());
        root.put("startedAt", c.startedAt());
        root.put("wallSeconds", num(c.wallSeconds()));
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", c.cpu());
        machine.put("peakGflops", num(c.peakGflops()));
        machine.put("peakDescription", c.peakDescription());
        machine.put("environment", c.environment());
        machine.put("meanLoad1m", num(r.meanLoad()));
        machine.put("maxLoad1m", num(r.maxLoad()));
        machine.put("busy", r.busy());
        root.put("machine", machine);
        root.put("shapes", c.shapes());
        root.put("notes", c.notes());
        List<Object> targets = new ArrayList<>();
        for (Target t : r.targets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("measured", num(t.measured()));
            m.put("unit", t.unit());
            m.put("required", t.required());
            m.put("pass", Double.isFinite(t.measured()) ? t.pass() : null);
            m.put("margin", t.margin());
            m.put("detail", t.detail());
            targets.add(m);
        }
        root.put("targets", targets);
        List<Object> depth = new ArrayList<>();
        for (DepthRow d : r.depth()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shape", d.shape);
            m.put("aggregation", d.aggregation.name());
            m.put("n", d.n);
            if (d.aggregation.isDragn()) {
                m.put("rounds", AggregationCost.rounds(d.n));
                m.put("unitApplications", AggregationCost.unitApplications(d.n));
            }
            m.put("forwardFlops", d.forwardFlops());
            m.put("forwardBackwardFlops", d.forwardBackwardFlops());
            m.put("forwardMs", num(1e3 * d.seconds(false)));
            m.put("forwardMeanMs", num(d.forward == null ? Double.NaN : 1e3 * d.forward.meanSeconds()));
            m.put("forwardErrorMs", num(d.forward == null ? Double.NaN : 1e3 * d.forward.errorSeconds()));
            m.put("forwardGflops", num(d.gflops(false)));
            m.put("forwardPeakFraction", num(d.gflops(false) / c.peakGflops()));
            m.put("forwardBackwardMs", num(1e3 * d.seconds(true)));
            m.put("forwardBackwardMeanMs", num(d.forwardBackward == null ? Double.NaN
                    : 1e3 * d.forwardBackward.meanSeconds()));
            m.put("forwardBackwardErrorMs", num(d.forwardBackward == null ? Double.NaN
                    : 1e3 * d.forwardBackward.errorSeconds()));
            m.put("forwardBackwardGflops", num(d.gflops(true)));
            m.put("forwardBackwardPeakFraction", num(d.gflops(true) / c.peakGflops()));
            depth.add(m);
        }
        root.put("depth", depth);
        List<Object> fits = new ArrayList<>();
        for (FitRow f : r.fits()) {
            fits.add(Map.of("shape", f.shape, "aggregation", f.aggregation.name(), "mode",
                    f.backward ? FORWARD_BACKWARD : FORWARD, "aMs", 1e3 * f.fit.a(), "bMsPerQuarterSquare",
                    1e3 * f.fit.b(), "points", f.points));
        }
        root.put("depthFits", fits);
        List<Object> loop = new ArrayList<>();
        for (LoopRow l : r.loop()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", l.unit);
            m.put("shape", l.shape);
            m.put("n", l.n);
            m.put("windows", l.windows());
            m.put("batchedForwardMs", num(1e3 * l.batchedForward));
            m.put("loopForwardMs", num(1e3 * l.loopForward));
            m.put("speedupForward", num(l.speedupForward()));
            m.put("batchedForwardBackwardMs", num(1e3 * l.batchedForwardBackward));
            m.put("loopForwardBackwardMs", num(1e3 * l.loopForwardBackward));
            m.put("speedupForwardBackward", num(l.speedupForwardBackward()));
            loop.add(m);
        }
        root.put("loop", loop);
        List<Object> throughput = new ArrayList<>();
        for (ThroughputRow t : r.throughput()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", t.group());
            m.put("item", t.item());
            m.put("setting", t.setting());
            m.put("value", num(t.value()));
            m.put("unit", t.unit());
            m.put("msPerOp", num(1e3 * t.secondsPerOp()));
            m.put("gflops", num(t.gflops()));
            m.put("peakFraction", num(t.gflops() / c.peakGflops()));
            m.put("note", t.note());
            throughput.add(m);
        }
        root.put("throughput", throughput);
        List<Object> raw = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("section", m.section());
            e.put("benchmark", m.benchmark());
            e.put("params", new java.util.TreeMap<>(m.params()));
            e.put("medianMsPerOp", num(m.millis()));
            e.put("meanMsPerOp", num(1e3 * m.meanSeconds()));
            e.put("errorMs", num(1e3 * m.errorSeconds()));
            e.put("samples", m.samples());
            Map<String, Object> extras = new LinkedHashMap<>();
            m.extras().forEach((k, v) -> extras.put(k, num(v)));
            e.put("extras", extras);
            e.put("load1mBefore", num(m.loadBefore()));
            e.put("load1mAfter", num(m.loadAfter()));
            e.put("wallSeconds", num(m.wallSeconds()));
            raw.add(e);
        }
        root.put("measurements", raw);
        return root;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    // ---- formatting ---------------------------------------------------------------------------------

    static String time(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "–";
        }
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.3g µs", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.3g ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.3g s", seconds);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    static String gflops(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, v < 0.1 ? "%.3f" : "%.2f", v) : "–";
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, v < 0.1 ? "%.3f %%" : "%.1f %%", v) : "–";
    }

    static String times(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f×", v) : "–";
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }
}
