package org.dragnj.bench.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bench.ForkOptions;
import org.dragnj.bench.hardware.CpuPeak;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the DL4J and DJL/PyTorch ResNet benchmarks in one go and writes {@code peer.json} (JMH)
 * and {@code peer.md}: time per batch, achieved GFLOP/s and fraction of the CPU's peak for each
 * framework, model and operation, and DL4J's throughput relative to PyTorch's.
 *
 * <p>Usage: {@code PeerMain [output folder]} (default target/peer). DJL runs offline
 * ({@code ai.djl.offline=true}); its native cache lives in the output folder.
 */
public final class PeerMain {

    private PeerMain() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/peer").toAbsolutePath();
        Files.createDirectories(out);
        Path cache = out.resolve("djl-cache");
        Path json = out.resolve(".peer.json.tmp");
        Options options = new OptionsBuilder()
                .include(Dl4jResNetBenchmark.class.getName())
                .include(DjlResNetBenchmark.class.getName())
                .jvmArgsAppend("-Xmx12g", ForkOptions.VECTOR_API, "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + cache,
                        "-DENGINE_CACHE_DIR=" + cache)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Files.move(json, out.resolve("peer.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String table = table(results, CpuPeak.detect());
        Path md = out.resolve(".peer.md.tmp");
        Files.writeString(md, table);
        Files.move(md, out.resolve("peer.md"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(table);
        System.out.println("written: " + out.resolve("peer.json") + ", " + out.resolve("peer.md"));
    }

    static String table(Collection<RunResult> results, CpuPeak peak) {
        // key: model/op → framework → ms per batch
        Map<String, Map<String, Double>> ms = new LinkedHashMap<>();
        Map<String, Integer> batch = new LinkedHashMap<>();
        Map<String, Integer> size = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String framework = bench.contains("Djl") ? "DJL/PyTorch" : "DL4J";
            String op = bench.substring(bench.lastIndexOf('.') + 1);
            String key = r.getParams().getParam("model") + " " + op;
            ms.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(framework, r.getPrimaryResult().getScore());
            batch.put(key, Integer.parseInt(r.getParams().getParam("batch")));
            size.put(key, Integer.parseInt(r.getParams().getParam("size")));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# DL4J vs DJL/PyTorch, torchvision ResNets on the CPU\n\n");
        sb.append("Peak FP32: ").append(peak.describe()).append(".\n");
        sb.append("FLOPs counted analytically (2 per multiply-accumulate; a training step = 3 forward passes).\n\n");
        sb.append("| model, operation | batch | GFLOP | DL4J ms | DL4J GFLOP/s | DL4J % peak "
                + "| PyTorch ms | PyTorch GFLOP/s | PyTorch % peak | DL4J / PyTorch |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, Double>> e : ms.entrySet()) {
            String[] parts = e.getKey().split(" ");
            ResNetGeometry g = ResNetGeometry.named(parts[0]);
            int b = batch.get(e.getKey());
            int s = size.get(e.getKey());
            double gflop = parts[1].equals("forward") ? g.forwardGflop(s, 1000, b) : g.trainStepGflop(s, 1000, b);
            Double dl4j = e.getValue().get("DL4J");
            Double torch = e.getValue().get("DJL/PyTorch");
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s |%n", e.getKey(), b,
                    gflop, fmt(dl4j), rate(gflop, dl4j), pct(gflop, dl4j, peak), fmt(torch), rate(gflop, torch),
                    pct(gflop, torch, peak), dl4j == null || torch == null ? "–"
                            : String.format(Locale.ROOT, "%.0f %%", 100 * torch / dl4j)));
        }
        return sb.toString();
    }

    private static String fmt(Double ms) {
        return ms == null ? "–" : String.format(Locale.ROOT, "%.0f", ms);
    }

    private static String rate(double gflop, Double ms) {
        return ms == null ? "–" : String.format(Locale.ROOT, "%.1f", gflop / (ms / 1000));
    }

    private static String pct(double gflop, Double ms, CpuPeak peak) {
        return ms == null ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * gflop / (ms / 1000) / peak.gflops());
    }
}
