package org.dragnj.experiment.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.experiment.testing.TwoReplicaStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --workers 2: each replica takes one batch from the same weights, then their weights are averaged. */
class ParallelTrainingTest {

    @TempDir
    Path dir;

    @Test
    void twoWorkersTakeTheAverageOfTwoIndependentSteps() throws IOException {
        TwoReplicaStep s = TwoReplicaStep.prepare(dir);
        new Trainer(s.config().training(), s.config().evaluation(), new Checkpoints(dir.resolve("ckpt")),
                ProgressListener.NONE, Optional.of(new ParallelWrapperTraining(2)))
                .run(s.target(), TrainingState.start(s.config().training().learningRate()), st -> { });
        assertThat(s.model().graph().params().equalsWithEps(s.expected(), 1e-6)).isTrue();
    }
}
