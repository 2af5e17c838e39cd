package org.dragnj.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.testing.TinyRuns;
import org.dragnj.model.DragnModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run killed part-way and resumed from its last checkpoint ends exactly where the uninterrupted
 * run with the same seed ends: same weights, same test metrics.
 */
class ResumeTest {

    @TempDir
    static Path dir;
    static Manifest manifest;

    @BeforeAll
    static void data() throws IOException {
        manifest = TinyRuns.manifest(dir.resolve("data"));
    }

    /** Stands in for a kill: thrown from the progress callbacks, i.e. in the middle of training. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed");
        }
    }

    /** Throws once epoch {@code epoch} (1-based) has seen {@code batches} batches (0: as the epoch starts). */
    static ProgressListener killAt(int epoch, int batches) {
        AtomicInteger seen = new AtomicInteger(-1);
        return new ProgressListener() {
            @Override
            public void started(String task, long total, String unit) {
                if (task.startsWith("epoch " + epoch + "/")) {
                    seen.set(0);
                    if (batches == 0) {
                        throw new Killed();
                    }
                }
            }

            @Override
            public void advanced(long done, String status) {
                if (seen.get() >= 0 && seen.incrementAndGet() == batches) {
                    throw new Killed();
                }
            }

            @Override
            public void finished() {
            }
        };
    }

    @ParameterizedTest(name = "frozen trunk {0}, killed in epoch {1} after {2} batches")
    @CsvSource({"false, 2, 0", "false, 2, 3", "false, 1, 5", "true, 2, 3"})
    void aResumedRunEndsWhereTheUninterruptedRunEnds(boolean frozen, int epoch, int batches) throws IOException {
        ExperimentConfig config = TinyRuns.config(manifest.folder(), "training.frozen_trunk", Boolean.toString(frozen));
        Path cache = dir.resolve("features");
        Path whole = dir.resolve("whole-" + frozen + epoch + batches);
        Experiment.Outcome a = Experiment.run(config, manifest, whole, ResumePolicy.NEW_RUN, cache, List.of("test"), ProgressListener.NONE);

        Path killed = dir.resolve("killed-" + frozen + epoch + batches);
        assertThatThrownBy(() -> Experiment.run(config, manifest, killed, ResumePolicy.NEW_RUN, cache, List.of("test"),
                killAt(epoch, batches))).isInstanceOf(Killed.class);
        Experiment.Outcome b = Experiment.run(config, manifest, killed, ResumePolicy.RESUME, cache, List.of("test"),
                ProgressListener.NONE);

        assertThat(b.state().history()).hasSize(2);
        for (Metric m : Metric.values()) {
            double expected = a.test().metrics().get(m);
            double actual = b.test().metrics().get(m);
            assertThat(Double.isNaN(actual) ? 0 : actual - expected).as(m.name()).isCloseTo(0,
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Double.isNaN(actual)).isEqualTo(Double.isNaN(expected));
        }
        DragnModel lastA = DragnModel.load(whole.resolve("checkpoints/last.zip"));
        DragnModel lastB = DragnModel.load(killed.resolve("checkpoints/last.zip"));
        assertThat(lastB.graph().params().equalsWithEps(lastA.graph().params(), 1e-6)).isTrue();
        for (int e = 0; e < 2; e++) {
            assertThat(b.state().history().get(e).trainLoss()).isCloseTo(a.state().history().get(e).trainLoss(),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
