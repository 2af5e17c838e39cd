package org.dragnj.bench.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The machine's peak FP32 FLOP/s, estimated from its CPU as cores × SIMD lanes × 2 (an FMA is two
 * FLOPs) × FMA units per core × clock, so that every measured figure can be read as a fraction
 * of the limit.
 *
 * <p>Assumptions, stated because /proc/cpuinfo does not give them: two FMA units per core on
 * AVX2/AVX-512 CPUs (Intel since Haswell, AMD since Zen 2), one otherwise; the clock is the
 * "cpu MHz" line (a virtual machine reports its nominal clock; boost may run higher). The system
 * property {@code dragn.bench.peakGflops} overrides the estimate with a measured value.
 *
 * @param cores       hardware threads available to the JVM
 * @param lanes       FP32 lanes per SIMD register
 * @param fmaUnits    FMA pipes per core
 * @param clockGhz    clock in GHz
 * @param overrideGflops a measured peak, or 0
 */
public record CpuPeak(int cores, int lanes, int fmaUnits, double clockGhz, double overrideGflops) {

    public static CpuPeak detect() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            lines = List.of();
        }
        Set<String> flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> Stream.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toSet()))
                .orElse(Set.of());
        double mhz = lines.stream().filter(l -> l.startsWith("cpu MHz")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim())).orElse(0.0);
        int lanes = flags.contains("avx512f") ? 16 : flags.contains("avx2") || flags.contains("avx") ? 8 : 4;
        int fma = flags.contains("fma") && (flags.contains("avx2") || flags.contains("avx512f")) ? 2 : 1;
        double override = Double.parseDouble(System.getProperty("dragn.bench.peakGflops", "0"));
        return new CpuPeak(Runtime.getRuntime().availableProcessors(), lanes, fma, mhz / 1000, override);
    }

    /** Peak GFLOP/s: the override if given, else the estimate. */
    public double gflops() {
        return overrideGflops > 0 ? overrideGflops : estimatedGflops();
    }

    public double estimatedGflops() {
        return cores * lanes * 2.0 * fmaUnits * clockGhz;
    }

    public String describe() {
        String estimate = String.format(Locale.ROOT, "%d cores x %d FP32 lanes x 2 (FMA) x %d FMA units x %.2f GHz = %.0f GFLOP/s",
                cores, lanes, fmaUnits, clockGhz, estimatedGflops());
        return overrideGflops > 0
                ? String.format(Locale.ROOT, "%.0f GFLOP/s (given; estimate: %s)", overrideGflops, estimate)
                : estimate;
    }
}
