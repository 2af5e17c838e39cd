package org.dragnj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;

import org.dragnj.bench.throughput.Workloads;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** What the presets run: every benchmark exists with the parameters it is given, and the coverage. */
class PlanTest {

    private static final Plan.Facts FACTS = new Plan.Facts() {
        @Override
        public double trunkForwardFlopsPerImage(String trunk) {
            return 1e9;
        }

        @Override
        public int trainingBagsPerEpoch() {
            return 400;
        }

        @Override
        public long pipelineImagesPerEpoch(Workloads.Dataset dataset) {
            return 1600;
        }
    };

    @Test
    void everyJobNamesABenchmarkMethodAndItsParams() throws Exception {
        for (String preset : List.of("quick", "full")) {
            for (Job j : Plan.of(preset, "512x6x10", "2048x8x8", FACTS).jobs()) {
                Method m = j.benchmark().getMethod(j.method(), j.method().equals("epoch")
                        && j.benchmark().getSimpleName().equals("PipelineBenchmark")
                        ? new Class<?>[] {org.openjdk.jmh.infra.Blackhole.class} : new Class<?>[0]);
                assertThat(m.isAnnotationPresent(Benchmark.class)).as(j.describe()).isTrue();
                for (String p : j.params().keySet()) {
                    Field f = j.benchmark().getField(p);
                    assertThat(f.isAnnotationPresent(Param.class)).as(j.describe() + " " + p).isTrue();
                }
                assertThat(j.iterations()).isPositive();
            }
        }
    }

    @Test
    void quickCoversEveryDragnDepthAtEveryLengthOnTheResNet18Shape() {
        List<Job> jobs = Plan.of("quick", "512x6x10", "2048x8x8", FACTS).jobs();
        for (String a : List.of("DRAGN_L1", "DRAGN_L2", "DRAGN_L3")) {
            for (int n : Plan.LENGTHS) {
                for (String method : List.of("forward", "forwardBackward")) {
                    assertThat(jobs).as(a + " " + n + " " + method).anyMatch(j -> j.method().equals(method)
                            && a.equals(j.params().get("aggregation")) && ("" + n).equals(j.params().get("n"))
                            && "512x6x10".equals(j.params().get("map")));
                }
            }
        }
        for (String a : List.of("MEAN", "MAX", "NAN")) {
            for (String map : List.of("512x6x10", "2048x8x8")) {
                assertThat(jobs).anyMatch(j -> a.equals(j.params().get("aggregation")) && map.equals(j.params().get("map")));
            }
        }
        assertThat(jobs).anyMatch(j -> j.benchmarkName().equals("WindowLoopBenchmark.forward")
                && "50".equals(j.params().get("n")));
        assertThat(jobs).anyMatch(j -> j.benchmarkName().equals("TrunkBenchmark.forwardBackward")
                && "50".equals(j.params().get("batch")));
        assertThat(jobs).anyMatch(j -> j.benchmarkName().equals("TrainingBenchmark.epoch")
                && "FROZEN".equals(j.params().get("variant")));
        assertThat(jobs.stream().filter(j -> j.section().equals("hpa")).map(j -> j.params().get("mode")).distinct())
                .containsExactlyInAnyOrder("SELECTIVE_SEARCH", "NUCLEI");
    }

    @Test
    void fullRunsEverythingAtEveryLength() {
        List<Job> jobs = Plan.of("full", "512x6x10", "2048x8x8", FACTS).jobs();
        long depth = jobs.stream().filter(j -> j.section().equals("depth")).count();
        assertThat(depth).isEqualTo(2L * 6 * Plan.LENGTHS.size() * 2);
        assertThatThrownBy(() -> Plan.of("medium", "512x6x10", "2048x8x8", FACTS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
