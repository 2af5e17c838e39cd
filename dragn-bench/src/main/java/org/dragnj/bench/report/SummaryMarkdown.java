package org.dragnj.bench.report;

import static org.dragnj.bench.report.Format.duration;
import static org.dragnj.bench.report.Format.gflops;
import static org.dragnj.bench.report.Format.number;
import static org.dragnj.bench.report.Format.percent;
import static org.dragnj.bench.report.Format.time;
import static org.dragnj.bench.report.Format.times;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.dragnj.model.aggregation.dragn.Recursion;

/** summary.md: targets, depth tables with fits, the loop speed-ups, throughput, notes and files. */
final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    static String render(Summary.Report r, List<String> plots) {
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
        for (Summary.Target t : r.targets()) {
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
            for (Summary.DepthRow d : r.depth()) {
                if (!d.shape().equals(shape)) {
                    continue;
                }
                boolean dragn = d.aggregation().unitDepth().isPresent();
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        d.aggregation(), d.n(), dragn ? Integer.toString(Recursion.rounds(d.n())) : "–",
                        dragn ? Long.toString(Recursion.unitApplications(d.n())) : "–", time(d.seconds(false)),
                        gflops(d.gflops(false)), percent(100 * d.gflops(false) / c.peakGflops()), time(d.seconds(true)),
                        gflops(d.gflops(true)), percent(100 * d.gflops(true) / c.peakGflops())));
            }
            List<Summary.FitRow> shapeFits = r.fits().stream().filter(f -> f.shape().equals(shape)).toList();
            if (!shapeFits.isEmpty()) {
                md.append("\nFit t(n) = a + b·n²/4 (relative least squares): ").append(shapeFits.stream()
                        .map(f -> String.format(Locale.ROOT, "%s %s a = %s, b = %s", f.aggregation(),
                                f.backward() ? "fwd+bwd" : "fwd", time(f.fit().a()), time(f.fit().b())))
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
            for (Summary.LoopRow l : r.loop()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |%n", l.unit(),
                        l.shape(), l.n(), l.windows(), time(l.batchedForward()), time(l.loopForward()),
                        times(l.speedupForward()), time(l.batchedForwardBackward()), time(l.loopForwardBackward()),
                        times(l.speedupForwardBackward())));
            }
        }

        if (!r.throughput().isEmpty()) {
            md.append("\n## Throughput\n\n| stage | what | setting | throughput | time per op | GFLOP/s | % peak |"
                    + " note |\n|---|---|---|---:|---:|---:|---:|---|\n");
            for (Summary.ThroughputRow t : r.throughput()) {
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

    private static void ratioLines(StringBuilder md, Summary.Report r) {
        List<Summary.ThroughputRow> hpa = r.throughput().stream().filter(t -> t.group().equals("HPA cropping")).toList();
        for (Summary.ThroughputRow one : hpa) {
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
}
