package org.dragnj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dragn-spark follows dragn's conventions: one error line naming the input, the bad-input exit code, no stack trace. */
class SparkMainTest {

    @TempDir
    Path dir;

    /** What dragn-spark printed on stderr, and its exit code. */
    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = SparkMain.execute(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aMissingGroupingFileIsNamedWithExitCodeThreeAndNoStackTrace() {
        Run r = run("prepare-hpa", "--master", "local[1]", "--grouping", dir.resolve("missing.csv").toString(),
                "--grouping-format", "BAG_CSV", "--images", dir.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("error: " + dir.resolve("missing.csv").toUri() + ": no such file")
                .doesNotContain("\tat ");
    }

    /** One JVM's ParallelWrapper threads and Spark's replicas are two different things: mixing them is refused. */
    @Test
    void trainSaysWhichFlagSetsTheReplicasAndRefusesSeveralSeeds() {
        Run workers = run("train", "--config", "demo", "--master", "local[1]", "--workers", "2", "--out",
                dir.resolve("a").toString());
        assertThat(workers.code()).isEqualTo(2);
        assertThat(workers.err()).contains("error: --workers (training.workers) is ParallelWrapper's threads in one JVM;"
                + " on Spark the replicas are --replicas");
        Run seeds = run("train", "--config", "demo", "--master", "local[1]", "--seeds", "1,2");
        assertThat(seeds.code()).isEqualTo(2);
        assertThat(seeds.err()).contains("run it once per seed (--seed S --out <folder>/seed-S)");
        assertThat(dir.resolve("a")).doesNotExist();
    }
}
