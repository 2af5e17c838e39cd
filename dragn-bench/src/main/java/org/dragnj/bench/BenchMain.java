package org.dragnj.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bench.aggregation.MapShape;
import org.dragnj.bench.hardware.CpuPeak;
import org.dragnj.bench.hardware.GraphFlops;
import org.dragnj.bench.report.BenchContext;
import org.dragnj.bench.report.Format;
import org.dragnj.bench.report.Measurement;
import org.dragnj.bench.report.Summary;
import org.dragnj.bench.throughput.HpaCropBenchmark;
import org.dragnj.bench.throughput.TrainingBenchmark;
import org.dragnj.bench.throughput.TrunkBenchmark;
import org.dragnj.bench.throughput.Workloads;
import org.dragnj.datasets.hpa.crops.HpaCropReport;
import org.dragnj.datasets.hpa.proposals.ProposalMode;
import org.dragnj.model.trunk.Trunk;
import org.dragnj.platform.Backend;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one benchmark command: runs a preset's JMH benchmarks (each in its own forked JVM, with
 * explicit warm-up and measurement, through {@link Runner}) and writes into the output folder
 * JMH's JSON ({@code jmh-results.json}), JMH's console log ({@code jmh.log}), {@code summary.json},
 * {@code summary.md} and the PNG plots, with one progress line per benchmark.
 *
 * <pre>
 * mvn -pl dragn-bench exec:exec -Dbench.main=org.dragnj.bench.BenchMain -Dbench.args="--preset quick --out target/bench"
 * </pre>
 */
public final class BenchMain {

    private static final String USAGE = """
            usage: BenchMain [--preset quick|full|peer] [--out DIR] [--work DIR] [--only SECTIONS] [--filter REGEX] [--dry-run]
              --preset   quick (default; under 15 minutes on 2 cores), full, or peer (whole models against
                         DJL/PyTorch: needs a build with the Maven profile -Ppeer-djl; writes peer-models.md/json)
              --out      output folder (default target/bench)
              --work     generated data, feature cache and crops (default target/bench-work; reused)
              --only     comma-separated sections: depth, loop, trunk, training, pipeline, hpa
              --filter   run only the benchmarks whose description matches REGEX (e.g. 'DRAGN_L1.*n=50 ')
              --dry-run  list the benchmarks and exit
            """;

    /** The whole-model peer's entry point, in src/peer (profile peer-djl). */
    static final String PEER_MAIN = "org.dragnj.bench.peer.PeerModelsMain";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        if (opts.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        if ("peer".equals(opts.get("preset"))) {
            runPeer(Path.of(opts.getOrDefault("out", "target/bench")).toAbsolutePath());
            return;
        }
        long start = System.nanoTime();
        String startedAt = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)
                .withNano(0)) + "Z";
        System.setProperty("java.awt.headless", "true");
        Backend.Selection backend = Backend.configure();
        Path out = Path.of(opts.getOrDefault("out", "target/bench")).toAbsolutePath();
        Path work = Path.of(opts.getOrDefault("work", "target/bench-work")).toAbsolutePath();
        System.setProperty(Workloads.WORK, work.toString());
        Files.createDirectories(out);
        Files.createDirectories(work);

        String resnet18 = MapShape.format(MapShape.trunkOutput(Trunk.RESNET18, 180, 320));
        String zoo = MapShape.format(MapShape.trunkOutput(Trunk.ZOO_RESNET50, 512, 512));
        Set<String> only = new LinkedHashSet<>();
        if (opts.containsKey("only")) {
            for (String s : opts.get("only").split(",")) {
                if (!Plan.SECTIONS.contains(s.trim())) {
                    throw new IllegalArgumentException("unknown section '" + s + "'; sections: " + Plan.SECTIONS);
                }
                only.add(s.trim());
            }
        }
        boolean needData = only.isEmpty() || only.contains("training") || only.contains("pipeline");
        Plan.Preset preset = Plan.of(opts.getOrDefault("preset", "quick"), resnet18, zoo, new HostFacts(needData));
        Pattern filter = opts.containsKey("filter") ? Pattern.compile(opts.get("filter")) : null;
        List<Job> jobs = preset.jobs().stream().filter(j -> only.isEmpty() || only.contains(j.section()))
                .filter(j -> filter == null || filter.matcher(j.describe() + " ").find()).toList();
        CpuPeak peak = CpuPeak.detect();

        System.out.printf(Locale.ROOT, "DRAGN-J benchmarks, %s preset: %d benchmarks (one forked JVM each) -> %s%n",
                preset.name(), jobs.size(), out);
        System.out.printf(Locale.ROOT, "feature maps: ResNet18 on 180x320 -> %s, zoo ResNet50 on 512x512 -> %s%n",
                resnet18, zoo);
        System.out.println("peak FP32: " + peak.describe());
        System.out.println("backend: " + backend.build() + " (" + backend.reason() + "); load average now "
                + String.format(Locale.ROOT, "%.2f", loadAverage()));
        if (opts.containsKey("dry-run")) {
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                System.out.printf(Locale.ROOT, "%4d %-9s %s  [%d+%d x %.1f s]%n", i + 1, j.section(), j.describe(),
                        j.warmups(), j.iterations(), j.iterationSeconds());
            }
            return;
        }

        List<RunResult> results = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        try (PrintStream log = new PrintStream(new FileOutputStream(out.resolve("jmh.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                double loadBefore = loadAverage();
                long t0 = System.nanoTime();
                RunResult result = null;
                String failure = null;
                try {
                    log.println("==== " + (i + 1) + "/" + jobs.size() + " " + job.describe());
                    result = run(job, work, log);
                } catch (Exception e) {
                    failure = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                    e.printStackTrace(log);
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                Measurement m = measurement(job, result, loadBefore, loadAverage(), wall);
                measurements.add(m);
                if (result != null) {
                    results.add(result);
                    writeJmhJson(out.resolve("jmh-results.json"), results);
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double eta = elapsed / (i + 1) * (jobs.size() - i - 1);
                System.out.printf(Locale.ROOT, "[%3d/%d %s, ~%s left, load %.1f] %-8s %-70s %s%n", i + 1, jobs.size(),
                        clock(elapsed), clock(eta), m.loadAfter(), job.section(), job.describe(),
                        m.ok() ? String.format(Locale.ROOT, "median %s/op, mean %s%s (%.0f s)", Format.time(m.seconds()),
                                Format.time(m.meanSeconds()), Double.isFinite(m.errorSeconds()) ? String.format(Locale.ROOT,
                                        " ±%.0f%% (JMH 99.9%% CI)", 100 * m.errorSeconds() / m.meanSeconds()) : "", wall)
                                : "FAILED: " + failure + " (see jmh.log)");
            }
        }

        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("ResNet18 on 180×320", resnet18);
        shapes.put("zoo ResNet50 on 512×512", zoo);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("Java", System.getProperty("java.version"));
        env.put("ND4J build", backend.build().toString());
        String command = "BenchMain " + String.join(" ", args);
        BenchContext context = new BenchContext(preset.name(), command, preset.notes(), cpuModel(),
                Runtime.getRuntime().availableProcessors(), peak.gflops(),
                peak.describe(), shapes, startedAt, wall, env);
        List<Path> files = Summary.write(out, context, measurements);
        System.out.printf(Locale.ROOT, "done in %s; wrote %s%n", clock(wall), files.stream()
                .map(p -> out.relativize(p).toString()).toList() + " and jmh-results.json, jmh.log");
        Summary.Report report = Summary.analyse(context, measurements);
        for (Summary.Target t : report.targets()) {
            System.out.printf(Locale.ROOT, "target: %s -> %s (%s)%n", t.name(), Double.isFinite(t.measured())
                    ? String.format(Locale.ROOT, "%.2f %s, %s", t.measured(), t.unit(), t.pass() ? "pass" : "FAIL")
                    : "not measured", t.required());
        }
        if (report.busy()) {
            System.out.printf(Locale.ROOT, "note: the mean 1-minute load average was %.2f during the run (> %.1f):"
                    + " other processes shared the CPU%n", report.meanLoad(), context.busyLoad());
        }
    }

    /**
     * The peer preset: whole models against DJL/PyTorch (PeerModelsMain, which checks that both compute
     * the same model before timing them). Loaded by name because the DJL sources exist only in builds
     * with the peer-djl profile; the default build must not need DJL.
     */
    static void runPeer(Path out) throws Exception {
        Class<?> main;
        try {
            main = Class.forName(PEER_MAIN);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("--preset peer needs the DJL/PyTorch peer, which this build does not"
                    + " contain: build dragn-bench with the Maven profile -Ppeer-djl (mvn -Ppeer-djl -pl dragn-bench"
                    + " -am package) and run from that build", e);
        }
        try {
            main.getMethod("main", String[].class).invoke(null, (Object) new String[] {out.toString()});
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** One job through JMH's Runner in its own forked JVM; JMH's console output goes to {@code log}. */
    static RunResult run(Job job, Path work, PrintStream log) throws Exception {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(job.benchmark().getName() + "." + job.method()) + "$")
                .forks(1)
                .warmupIterations(job.warmups())
                .measurementIterations(job.iterations())
                .jvmArgsAppend(forkArgs(work))
                .shouldFailOnError(true);
        if (job.iterationSeconds() > 0) {
            TimeValue t = TimeValue.milliseconds(Math.round(job.iterationSeconds() * 1000));
            b.warmupTime(t).measurementTime(t);
        }
        for (Map.Entry<String, String> p : job.params().entrySet()) {
            b.param(p.getKey(), p.getValue());
        }
        Runner runner = new Runner(b.build(), OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL));
        var results = runner.run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result for " + job.describe() + ", got " + results.size());
        }
        return results.iterator().next();
    }

    private static String[] forkArgs(Path work) {
        List<String> args = new ArrayList<>(List.of("-Xmx4g", ForkOptions.VECTOR_API, "-Dorg.bytedeco.javacpp.maxbytes=14g",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=16g", "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=bench-fork-logback.xml", "-D" + Workloads.WORK + "=" + work));
        for (String passed : List.of(Backend.SETTING, "dragn.bench.peakGflops")) {
            if (System.getProperty(passed) != null) {
                args.add("-D" + passed + "=" + System.getProperty(passed));
            }
        }
        return args.toArray(String[]::new);
    }

    static Measurement measurement(Job job, RunResult r, double loadBefore, double loadAfter, double wall) {
        Map<String, Double> extras = new LinkedHashMap<>(job.extras());
        double median = Double.NaN;
        double mean = Double.NaN;
        double error = Double.NaN;
        int samples = 0;
        if (r != null) {
            var primary = r.getPrimaryResult();
            double scale = secondsPer(primary.getScoreUnit());
            mean = primary.getScore() * scale;
            error = Double.isFinite(primary.getScoreError()) ? primary.getScoreError() * scale : Double.NaN;
            List<Double> iterations = new ArrayList<>();
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    iterations.add(i.getPrimaryResult().getScore() * scale);
                }
            }
            samples = iterations.size();
            median = iterations.isEmpty() ? mean : median(iterations);
        }
        if (job.benchmark() == HpaCropBenchmark.class && r != null) {
            try {
                hpaExtras(job, extras);
            } catch (IOException e) {
                median = Double.NaN;
            }
        }
        return new Measurement(job.section(), job.benchmarkName(), job.params(), median, mean, error, samples, extras,
                loadBefore, loadAfter, wall);
    }

    static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int k = v.size() / 2;
        return v.size() % 2 == 1 ? v.get(k) : (v.get(k - 1) + v.get(k)) / 2;
    }

    /** Crops and images of the last cropping run, from its report.json. */
    private static void hpaExtras(Job job, Map<String, Double> extras) throws IOException {
        Map<String, String> p = job.params();
        int threads = Integer.parseInt(p.get("threads"));
        Path report = HpaCropBenchmark.outputFolder(ProposalMode.valueOf(p.get("mode")), threads,
                Integer.parseInt(p.get("size")), Integer.parseInt(p.get("images"))).resolve(HpaCropReport.FILE);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        extras.put("crops", json.get("cropsWritten").asDouble());
        extras.put("images", json.get("imagesTotal").asDouble());
        extras.put("threads", (double) HpaCropBenchmark.effectiveThreads(threads));
    }

    static double secondsPer(String unit) {
        String u = unit.split("/")[0].trim();
        return switch (u) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
        };
    }

    private static void writeJmhJson(Path file, List<RunResult> results) throws IOException {
        AtomicFiles.write(file, o -> {
            PrintStream ps = new PrintStream(o, false, StandardCharsets.UTF_8);
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
            ps.flush();
        });
    }

    /** The runner's facts for the jobs' extras: FLOPs from the DL4J graphs, dataset sizes (generating the data once). */
    private record HostFacts(boolean data) implements Plan.Facts {

        @Override
        public double trunkForwardFlopsPerImage(String trunk) {
            int[] hw = TrunkBenchmark.imageSize(trunk);
            return GraphFlops.forwardFlops(TrunkBenchmark.configuration(trunk), InputType.convolutional(hw[0], hw[1], 3));
        }

        @Override
        public int trainingBagsPerEpoch() {
            return data ? TrainingBenchmark.bagsPerEpoch() : 0;
        }

        @Override
        public long pipelineImagesPerEpoch(Workloads.Dataset dataset) {
            return data ? Workloads.bagsAndInstances(Workloads.manifest(dataset), Split.TRAIN)[1] : 0;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> m.put("help", "");
                case "--dry-run" -> m.put("dry-run", "");
                case "--preset", "--out", "--work", "--only", "--filter" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
                    }
                    m.put(a.substring(2), args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'\n" + USAGE);
            }
        }
        return m;
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU")
                    + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
