package org.dragnj.bench.report;

import java.util.List;
import java.util.Map;

/**
 * What the summary needs besides the measurements.
 *
 * @param preset        preset name
 * @param command       the command line that produced the results
 * @param notes         what the preset measures and leaves out
 * @param cpu           CPU model as /proc/cpuinfo names it
 * @param cores         cores the JVM sees (the benchmarks keep them all busy)
 * @param peakGflops    peak FP32 GFLOP/s (estimate or given)
 * @param peakDescription how the peak was obtained
 * @param shapes        feature-map shapes by role: "resnet18" → 512x6x10, "zoo-resnet50" → …
 * @param startedAt     ISO time the run started
 * @param wallSeconds   wall time of the whole run
 * @param environment   Java, backend, threads …
 */
public record BenchContext(String preset, String command, List<String> notes, String cpu, int cores, double peakGflops,
        String peakDescription, Map<String, String> shapes, String startedAt, double wallSeconds,
        Map<String, String> environment) {

    /**
     * The mean 1-minute load average above which other processes shared the CPU: the benchmarks
     * themselves keep every core busy, plus one for JIT, GC and the runner (their peaks pass it).
     */
    public double busyLoad() {
        return cores + 1.0;
    }
}
