package org.dragnj.bench.peer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bench.ForkOptions;
import org.dragnj.platform.Backend;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whole multi-instance models, DL4J against DJL/PyTorch, side by side in one run: first
 * {@link PeerModelCheck} for every model (fails the run when the peer does not compute the same
 * model), then one JMH fork per framework, model and operation (training step, inference; DL4J and
 * PyTorch of a model and operation back to back), then
 * {@code peer-models.md} and {@code peer-models.json} (the table, {@link PeerModelsReport}) and
 * {@code peer-models-jmh.json} (JMH's raw results).
 *
 * <pre>
 * PeerModelsMain [output folder] [--models SMALL_DRAGN_L1,...] [--check-only] [--quick]
 * </pre>
 * Default folder target/peer; {@code --quick} shortens warm-up and measurement (2 + 3 iterations of 1 s).
 * DJL runs offline ({@code ai.djl.offline=true}); its native cache lives in the output folder.
 */
public final class PeerModelsMain {

    private PeerModelsMain() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Backend.configure();
        Path out = Path.of("target/peer");
        List<PeerModel> models = List.of(PeerModel.values());
        boolean checkOnly = false;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(PeerModel::valueOf).toList();
                case "--check-only" -> checkOnly = true;
                case "--quick" -> quick = true;
                default -> out = Path.of(args[i]);
            }
        }
        run(out.toAbsolutePath(), models, checkOnly, quick);
    }

    /** Entry point for BenchMain's peer preset (by reflection: the default build has no DJL). */
    public static void run(Path out, List<PeerModel> models, boolean checkOnly, boolean quick)
            throws IOException, RunnerException {
        Files.createDirectories(out);
        String loadAtStart = load();
        Path cache = out.resolve("djl-cache");
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        System.setProperty("ENGINE_CACHE_DIR", cache.toString());

        List<PeerModelCheck.Result> checks = new ArrayList<>();
        for (PeerModel m : models) {
            PeerModelCheck.Result r = PeerModelCheck.require(m);
            System.out.println("same model: " + r.describe());
            checks.add(r);
        }
        if (checkOnly) {
            return;
        }
        // One short JMH run per model and operation, DL4J then PyTorch: on a shared machine the load drifts
        // over the run, and both frameworks' numbers of a row should see the same conditions.
        List<RunResult> results = new ArrayList<>();
        for (PeerModel m : models) {
            for (String op : List.of("trainStep", "inference")) {
                for (Class<?> bench : List.of(Dl4jModelBenchmark.class, DjlModelBenchmark.class)) {
                    ChainedOptionsBuilder options = new OptionsBuilder()
                            .include("^" + Pattern.quote(bench.getName() + "." + op) + "$")
                            .param("model", m.name())
                            .jvmArgsAppend("-Xmx4g", ForkOptions.VECTOR_API, "-Dorg.bytedeco.javacpp.maxbytes=10g", "-Dai.djl.offline=true",
                                    "-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache)
                            .shouldFailOnError(true);
                    if (quick) {
                        options.warmupIterations(2).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                                .measurementTime(TimeValue.seconds(1));
                    }
                    results.addAll(new Runner(options.build()).run());
                }
            }
        }
        AtomicFiles.write(out.resolve("peer-models-jmh.json"), o -> {
            PrintStream ps = new PrintStream(o, false, StandardCharsets.UTF_8);
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
            ps.flush();
        });
        List<PeerModelsReport.Row> rows = PeerModelsReport.rows(results, checks);
        String table = PeerModelsReport.markdown(rows, loadAtStart + " at the start, " + load() + " at the end");
        AtomicFiles.writeString(out.resolve("peer-models.md"), table);
        AtomicFiles.writeString(out.resolve("peer-models.json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        System.out.println(table);
        System.out.println("written: " + out.resolve("peer-models.json") + ", " + out.resolve("peer-models.md"));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
