package org.dragnj.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bench.aggregation.AggregationBenchmark;
import org.dragnj.bench.aggregation.AggregationCost;
import org.dragnj.bench.aggregation.MapShape;
import org.dragnj.bench.aggregation.WindowLoopBenchmark;
import org.dragnj.bench.throughput.HpaCropBenchmark;
import org.dragnj.bench.throughput.PipelineBenchmark;
import org.dragnj.bench.throughput.TrainingBenchmark;
import org.dragnj.bench.throughput.TrunkBenchmark;
import org.dragnj.bench.throughput.Workloads;
import org.dragnj.model.aggregation.Aggregation;

/**
 * The benchmarks a preset runs, in order, with their warm-up and measurement.
 *
 * <ul>
 *   <li>{@code quick} (under 15 minutes on a 2-core machine): every DRAGN depth at every bag length
 *       on the ResNet18 shape, fewer lengths for the baselines, the zoo ResNet50 shape and the
 *       per-window loop, short iterations.</li>
 *   <li>{@code full}: every aggregation at every length on both shapes, the loop at every length
 *       for L1 and L3, longer iterations, bigger HPA runs.</li>
 * </ul>
 */
public final class Plan {

    /** The bag lengths of the issue. */
    public static final List<Integer> LENGTHS = List.of(1, 2, 3, 4, 5, 8, 16, 32, 50);
    public static final List<Aggregation> DRAGN = List.of(Aggregation.DRAGN_L1, Aggregation.DRAGN_L2,
            Aggregation.DRAGN_L3);
    public static final List<Aggregation> BASELINES = List.of(Aggregation.MEAN, Aggregation.MAX, Aggregation.NAN);
    public static final List<String> SECTIONS = List.of("depth", "loop", "trunk", "training", "pipeline", "hpa");

    /** Trunk inputs of the throughput section: the demo's small CNN, ResNet18 on FlyExpress, ResNet50 on HPA crops. */
    public static final String SMALL_CNN = "SMALL_CNN@32x32";
    public static final String RESNET18 = "RESNET18@180x320";
    public static final String RESNET50 = "RESNET50@512x512";
    public static final String ZOO_RESNET50 = "ZOO_RESNET50@512x512";
    /** Images of the ResNet18 forward+backward the DRAGN target compares with: one bag of 50. */
    public static final int TARGET_BAG = 50;

    /** Facts the runner computes (FLOPs of a trunk, sizes of the datasets) for the jobs' extras. */
    public interface Facts {
        double trunkForwardFlopsPerImage(String trunk);

        int trainingBagsPerEpoch();

        long pipelineImagesPerEpoch(Workloads.Dataset dataset);
    }

    /** A preset: its jobs and what it leaves out. */
    public record Preset(String name, List<Job> jobs, List<String> notes) {
    }

    private Plan() {
    }

    /**
     * @param resnet18Shape    "CxHxW" of ResNet18 features on 180×320
     * @param zooResnet50Shape "CxHxW" of the zoo ResNet50's features on 512×512
     */
    public static Preset of(String preset, String resnet18Shape, String zooResnet50Shape, Facts facts) {
        boolean full = switch (preset.toLowerCase(Locale.ROOT)) {
            case "quick" -> false;
            case "full" -> true;
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "'; use quick, full or peer");
        };
        List<Job> jobs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Timing t = full ? Timing.FULL : Timing.QUICK;

        // 1. Aggregation depth.
        List<Integer> baselineLengths = full ? LENGTHS : List.of(1, 8, 50);
        depth(jobs, t, resnet18Shape, DRAGN, LENGTHS);
        depth(jobs, t, resnet18Shape, BASELINES, baselineLengths);
        if (full) {
            depth(jobs, t, zooResnet50Shape, DRAGN, LENGTHS);
            depth(jobs, t, zooResnet50Shape, BASELINES, LENGTHS);
        } else {
            depth(jobs, t, zooResnet50Shape, List.of(Aggregation.DRAGN_L1), List.of(1, 4, 16, 50));
            depth(jobs, t, zooResnet50Shape, List.of(Aggregation.DRAGN_L2, Aggregation.DRAGN_L3), List.of(4, 16));
            depth(jobs, t, zooResnet50Shape, BASELINES, List.of(50));
            notes.add("quick: on " + resnet18Shape + " every DRAGN depth runs at every n, MEAN/MAX/NAN at n = "
                    + baselineLengths + "; on " + zooResnet50Shape + " DRAGN-L1 at n = [1, 4, 16, 50], L2/L3 at"
                    + " n = [4, 16], MEAN/MAX/NAN at n = 50 (the full preset runs everything at every n).");
        }

        // 2. Batched rounds against the per-window loop (the loop's n=1 and n=2 apply no unit).
        List<Integer> loopLengths = full ? LENGTHS : List.of(3, 5, 8, 16, 32, 50);
        for (String unit : full ? List.of("L1", "L3") : List.of("L1")) {
            for (int n : loopLengths) {
                for (String method : List.of("forward", "forwardBackward")) {
                    double est = 4.5 * estimate(Aggregation.valueOf("DRAGN_" + unit), n, resnet18Shape,
                            method.equals("forwardBackward"));
                    jobs.add(t.job("loop", WindowLoopBenchmark.class, method,
                            Map.of("unit", unit, "n", Integer.toString(n), "map", resnet18Shape), est, Map.of()));
                }
            }
        }
        if (!full) {
            notes.add("quick: the per-window loop runs for L1 at n = " + loopLengths + " (full: every n, L1 and L3).");
        }

        // 3. Throughput.
        Map<String, Integer> forwardBatch = new LinkedHashMap<>();
        forwardBatch.put(SMALL_CNN, 32);
        forwardBatch.put(RESNET18, 8);
        forwardBatch.put(RESNET50, 2);
        if (full) {
            forwardBatch.put(ZOO_RESNET50, 2);
        }
        for (Map.Entry<String, Integer> e : forwardBatch.entrySet()) {
            jobs.add(t.slowJob("trunk", TrunkBenchmark.class, "forward",
                    Map.of("trunk", e.getKey(), "batch", Integer.toString(e.getValue())),
                    Map.of("images", (double) e.getValue(), "flopsPerImage", facts.trunkForwardFlopsPerImage(e.getKey()))));
        }
        jobs.add(t.slowJob("trunk", TrunkBenchmark.class, "forwardBackward",
                Map.of("trunk", RESNET18, "batch", Integer.toString(TARGET_BAG)),
                Map.of("images", (double) TARGET_BAG, "flopsPerImage", facts.trunkForwardFlopsPerImage(RESNET18))));

        double bags = facts.trainingBagsPerEpoch();
        for (String feed : List.of("ITERATOR", "PRELOADED")) {
            jobs.add(t.slowJob("training", TrainingBenchmark.class, "epoch",
                    Map.of("variant", "FULL", "feed", feed, "threads", "0"), Map.of("bags", bags)));
            for (String threads : List.of("0", "1")) {
                jobs.add(t.warmJob("training", TrainingBenchmark.class, "epoch",
                        Map.of("variant", "FROZEN", "feed", feed, "threads", threads), Map.of("bags", bags)));
            }
        }
        if (full) {
            jobs.add(t.slowJob("training", TrainingBenchmark.class, "epoch",
                    Map.of("variant", "FULL", "feed", "ITERATOR", "threads", "1"), Map.of("bags", bags)));
        }

        for (Workloads.Dataset d : Workloads.Dataset.values()) {
            jobs.add(t.warmJob("pipeline", PipelineBenchmark.class, "epoch", Map.of("dataset", d.name()),
                    Map.of("images", (double) facts.pipelineImagesPerEpoch(d))));
        }

        int fields = full ? 6 : 2;
        for (String mode : List.of("SELECTIVE_SEARCH", "NUCLEI")) {
            for (String threads : List.of("1", "0")) {
                boolean slow = mode.equals("SELECTIVE_SEARCH");
                int warm = full ? (slow ? 1 : 2) : (slow ? 0 : 1);
                int measure = full ? (slow ? 2 : 5) : (slow ? 1 : 2);
                jobs.add(new Job("hpa", HpaCropBenchmark.class, "crop", Map.of("mode", mode, "threads", threads,
                        "size", "1024", "images", Integer.toString(fields)), warm, measure, 0, Map.of()));
            }
        }
        notes.add("HPA: " + fields + " synthetic 1024x1024 four-channel fields per run" + (full ? "" : " (full: 6)")
                + ", single-shot runs: selective search " + (full ? "1 warm-up + 2" : "1 run, no warm-up")
                + ", nuclei " + (full ? "2 + 5" : "1 warm-up + 2") + ".");
        notes.add("Iterations: " + t.describe() + ".");
        return new Preset(full ? "full" : "quick", jobs, notes);
    }

    private static void depth(List<Job> jobs, Timing t, String map, List<Aggregation> aggregations, List<Integer> lengths) {
        for (Aggregation a : aggregations) {
            for (int n : lengths) {
                for (String method : List.of("forward", "forwardBackward")) {
                    jobs.add(t.job("depth", AggregationBenchmark.class, method,
                            Map.of("aggregation", a.name(), "n", Integer.toString(n), "map", map),
                            estimate(a, n, map, method.equals("forwardBackward")), Map.of()));
                }
            }
        }
    }

    /** A rough guess of seconds per operation (≈ 5 GFLOP/s for DRAGN), only to size iterations. */
    static double estimate(Aggregation a, int n, String map, boolean backward) {
        if (!a.unitDepth().isPresent()) {
            return 0.01;
        }
        long[] s = MapShape.parse(map);
        double flops = backward ? AggregationCost.forwardBackwardFlops(a, n, s) : AggregationCost.forwardFlops(a, n, s);
        return flops / 5e9 * (backward ? 1.4 : 1);
    }

    /** Warm-up and measurement settings of a preset. */
    private enum Timing {
        QUICK(2, 3, 0.3, 1, 2, 1.0),
        FULL(3, 5, 1.0, 2, 4, 2.0);

        final int warmups;
        final int iterations;
        final double seconds;
        final int slowWarmups;
        final int slowIterations;
        final double slowSeconds;

        Timing(int warmups, int iterations, double seconds, int slowWarmups, int slowIterations, double slowSeconds) {
            this.warmups = warmups;
            this.iterations = iterations;
            this.seconds = seconds;
            this.slowWarmups = slowWarmups;
            this.slowIterations = slowIterations;
            this.slowSeconds = slowSeconds;
        }

        /** Short operations: time-based iterations; operations longer than an iteration: fewer iterations. */
        Job job(String section, Class<?> benchmark, String method, Map<String, String> params, double estimate,
                Map<String, Double> extras) {
            boolean slow = estimate > (this == QUICK ? 0.3 : 1.5);
            return new Job(section, benchmark, method, params, slow ? slowWarmups : warmups,
                    slow ? slowIterations + (this == QUICK ? 0 : 1) : iterations, seconds, extras);
        }

        /** Operations of seconds (trunk batches, training epochs with the full model). */
        Job slowJob(String section, Class<?> benchmark, String method, Map<String, String> params,
                Map<String, Double> extras) {
            return new Job(section, benchmark, method, params, slowWarmups, slowIterations, slowSeconds, extras);
        }

        /** Short operations whose JIT and caches need a longer warm-up (frozen heads, the data pipeline). */
        Job warmJob(String section, Class<?> benchmark, String method, Map<String, String> params,
                Map<String, Double> extras) {
            return new Job(section, benchmark, method, params, this == QUICK ? 3 : 5, slowIterations + 1, slowSeconds,
                    extras);
        }

        String describe() {
            return String.format(Locale.ROOT, "%d warm-up + %d measured iterations of %.1f s (operations longer than"
                    + " an iteration: %d + %d; trunks and full-model epochs %d + %d of %.0f s), one fork each",
                    warmups, iterations, seconds, slowWarmups, slowIterations + (this == QUICK ? 0 : 1), slowWarmups,
                    slowIterations, slowSeconds);
        }
    }
}
