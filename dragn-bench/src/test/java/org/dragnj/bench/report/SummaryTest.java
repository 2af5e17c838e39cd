package org.dragnj.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import org.dragnj.bench.aggregation.AggregationCost;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The report from made-up measurements: tables, targets, JSON and plots. No timing. */
class SummaryTest {

    private static final String SMALL = "512x6x10";
    private static final String BIG = "2048x8x8";

    @TempDir
    Path dir;

    /** Times that make the DRAGN-L1 target pass (3 %), the loop target pass forward (6×) and fail fwd+bwd (4×), and frozen training 25×. */
    static List<Measurement> fake() {
        List<Measurement> ms = new ArrayList<>();
        for (String shape : List.of(SMALL, BIG)) {
            double scale = shape.equals(SMALL) ? 1 : 4;
            for (Aggregation a : List.of(Aggregation.DRAGN_L1, Aggregation.DRAGN_L2, Aggregation.DRAGN_L3,
                    Aggregation.MEAN, Aggregation.MAX, Aggregation.NAN)) {
                for (int n : List.of(1, 8, 50)) {
                    double units = a.unitDepth().isPresent() ? new UnitArchitecture(a.unitDepth().orElseThrow(), false).macsPerPixel() / 27.0 : 0.01;
                    double fwd = scale * (1e-3 + 2e-4 * units * n * n / 4);
                    ms.add(m("depth", "AggregationBenchmark.forward", Map.of("aggregation", a.name(), "n", "" + n,
                            "map", shape), fwd, Map.of()));
                    ms.add(m("depth", "AggregationBenchmark.forwardBackward", Map.of("aggregation", a.name(), "n",
                            "" + n, "map", shape), 4 * fwd, Map.of()));
                }
            }
        }
        double l1Forward50 = 1e-3 + 2e-4 * 2500 / 4;
        for (int n : List.of(8, 50)) {
            double fwd = 1e-3 + 2e-4 * n * n / 4;
            ms.add(m("loop", "WindowLoopBenchmark.forward", Map.of("unit", "L1", "n", "" + n, "map", SMALL), 6 * fwd,
                    Map.of()));
            ms.add(m("loop", "WindowLoopBenchmark.forwardBackward", Map.of("unit", "L1", "n", "" + n, "map", SMALL),
                    4 * 4 * fwd, Map.of()));
        }
        // ResNet18 forward+backward of 50 images: DRAGN-L1 fwd+bwd at n=50 is 3 % of it
        double resnet = 4 * l1Forward50 / 0.03;
        ms.add(m("trunk", "TrunkBenchmark.forwardBackward", Map.of("trunk", "RESNET18@180x320", "batch", "50"), resnet,
                Map.of("images", 50.0, "flopsPerImage", 4.2e9)));
        ms.add(m("trunk", "TrunkBenchmark.forward", Map.of("trunk", "RESNET18@180x320", "batch", "8"), 0.6,
                Map.of("images", 8.0, "flopsPerImage", 4.2e9)));
        ms.add(m("trunk", "TrunkBenchmark.forward", Map.of("trunk", "SMALL_CNN@32x32", "batch", "32"), 0.02,
                Map.of("images", 32.0, "flopsPerImage", 5e6)));
        ms.add(m("training", "TrainingBenchmark.epoch", Map.of("variant", "FULL", "feed", "ITERATOR", "threads", "0"),
                5.0, Map.of("bags", 400.0)));
        ms.add(m("training", "TrainingBenchmark.epoch", Map.of("variant", "FROZEN", "feed", "ITERATOR", "threads", "0"),
                0.2, Map.of("bags", 400.0)));
        ms.add(m("training", "TrainingBenchmark.epoch", Map.of("variant", "FROZEN", "feed", "ITERATOR", "threads", "1"),
                Double.NaN, Map.of("bags", 400.0))); // a failed benchmark
        ms.add(m("pipeline", "PipelineBenchmark.epoch", Map.of("dataset", "DEMO"), 0.8, Map.of("images", 1600.0)));
        ms.add(m("hpa", "HpaCropBenchmark.crop", Map.of("mode", "NUCLEI", "threads", "1", "size", "1024", "images", "2"),
                0.5, Map.of("crops", 27.0, "images", 2.0, "threads", 1.0)));
        ms.add(m("hpa", "HpaCropBenchmark.crop", Map.of("mode", "NUCLEI", "threads", "0", "size", "1024", "images", "2"),
                0.3, Map.of("crops", 27.0, "images", 2.0, "threads", 2.0)));
        return ms;
    }

    private static Measurement m(String section, String benchmark, Map<String, String> params, double seconds,
            Map<String, Double> extras) {
        return new Measurement(section, benchmark, params, seconds, seconds * 1.05, seconds * 0.1, 3,
                new LinkedHashMap<>(extras), 3.5, 3.2, 4.0);
    }

    static BenchContext context() {
        return new BenchContext("quick", "BenchMain --preset quick", List.of("a note"), "Test CPU, 2 cores", 2, 157,
                "estimate", Map.of("ResNet18 on 180×320", SMALL, "zoo ResNet50 on 512×512", BIG), "2026-01-01T00:00:00Z",
                600, Map.of("cores", "2"));
    }

    @Test
    void targetsAreEvaluatedFromTheMeasurements() {
        Summary.Report r = Summary.analyse(context(), fake());
        assertThat(r.shapes()).containsExactly(SMALL, BIG);
        List<Summary.Target> t = r.targets();
        assertThat(t.get(0).measured()).isCloseTo(3.0, within(1e-9));
        assertThat(t.get(0).pass()).isTrue();
        assertThat(t.get(1).measured()).isCloseTo(6.0, within(1e-9));
        assertThat(t.get(1).pass()).isTrue();
        assertThat(t.get(2).measured()).isCloseTo(4.0, within(1e-9));
        assertThat(t.get(2).pass()).isFalse();
        assertThat(t.get(3).measured()).isCloseTo(25.0, within(1e-9));
        assertThat(t.get(3).pass()).isTrue();
        assertThat(r.failed()).hasSize(1);
        assertThat(r.busy()).isTrue();
        assertThat(r.maxLoad()).isEqualTo(3.5);
        assertThat(r.meanLoad()).isCloseTo(3.35, within(1e-9));
    }

    @Test
    void depthRowsCarryTheAnalyticCountsAndTheFitFollowsTheData() {
        Summary.Report r = Summary.analyse(context(), fake());
        Summary.DepthRow row = r.depth().stream().filter(d -> d.shape().equals(SMALL)
                && d.aggregation() == Aggregation.DRAGN_L1 && d.n() == 50).findFirst().orElseThrow();
        assertThat(row.forwardFlops()).isEqualTo(AggregationCost.forwardFlops(Aggregation.DRAGN_L1, 50,
                new long[] {512, 6, 10}));
        assertThat(row.gflops(false)).isCloseTo(row.forwardFlops() / row.seconds(false) / 1e9, within(1e-9));
        Summary.FitRow fit = r.fits().stream().filter(f -> f.shape().equals(SMALL)
                && f.aggregation() == Aggregation.DRAGN_L1 && !f.backward()).findFirst().orElseThrow();
        assertThat(fit.fit().a()).isCloseTo(1e-3, within(1e-9));
        assertThat(fit.fit().b()).isCloseTo(2e-4, within(1e-9));
        Summary.LoopRow loop = r.loop().stream().filter(l -> l.n() == 50).findFirst().orElseThrow();
        assertThat(loop.windows()).isEqualTo(600);
        assertThat(loop.speedupForward()).isCloseTo(6, within(1e-9));
    }

    @Test
    void writesJsonMarkdownAndPlots() throws IOException {
        List<Path> files = Summary.write(dir, context(), fake());
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("summary.json", "summary.md",
                "depth-512x6x10.png", "depth-2048x8x8.png", "loop-speedup.png", "throughput.png");
        for (Path p : files) {
            assertThat(Files.size(p)).as(p.toString()).isPositive();
            if (p.toString().endsWith(".png")) {
                BufferedImage img = ImageIO.read(p.toFile());
                assertThat(img.getWidth()).isGreaterThan(500);
            }
        }
        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).contains("## Targets", "## Aggregation depth", "## Batched rounds vs the per-window loop",
                "## Throughput", "| DRAGN_L1 | 50 | 24 | 600 |", "**pass**", "**FAIL**", "3.00 %", "mean above 3.0",
                "Failed benchmarks", "depth-2048x8x8.png", "a note", "25.0×");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(json.get("preset").asText()).isEqualTo("quick");
        assertThat(json.get("targets")).hasSize(4);
        assertThat(json.get("targets").get(0).get("pass").asBoolean()).isTrue();
        assertThat(json.get("targets").get(2).get("pass").asBoolean()).isFalse();
        assertThat(json.get("depth").get(0).get("unitApplications").asLong()).isZero();
        assertThat(json.get("machine").get("busy").asBoolean()).isTrue();
        assertThat(json.get("throughput").findValuesAsText("unit")).contains("images/s", "bags/s", "crops/s");
        JsonNode failed = null;
        for (JsonNode m : json.get("measurements")) {
            if (m.get("medianMsPerOp").isNull()) {
                failed = m;
            }
        }
        assertThat(failed).isNotNull();
    }
}
