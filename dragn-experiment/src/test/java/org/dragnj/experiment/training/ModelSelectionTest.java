package org.dragnj.experiment.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    /** Epoch 1: a near-constant predictor (good F1, chance AUC, high loss); epoch 2 ranks; epoch 3 is calibrated. */
    private static final List<EpochRecord> EPOCHS = List.of(
            new EpochRecord(0, 0.7, 0.69, 0.77, 0.50, 1e-3, 1),
            new EpochRecord(1, 0.5, 0.55, 0.60, 0.93, 1e-3, 1),
            new EpochRecord(2, 0.3, 0.40, 0.70, 0.91, 1e-3, 1));

    private static int best(ModelSelection s) {
        return EPOCHS.stream().max(Comparator.comparingDouble(s::score)).orElseThrow().epoch();
    }

    @Test
    void eachMeasureKeepsItsOwnBestEpochAndTheF1CanBeWonByAConstant() {
        assertThat(best(ModelSelection.VAL_F1)).isEqualTo(0);
        assertThat(best(ModelSelection.VAL_AUC)).isEqualTo(1);
        assertThat(best(ModelSelection.VAL_LOSS)).isEqualTo(2);
        assertThat(ModelSelection.VAL_LOSS.value(ModelSelection.VAL_LOSS.score(EPOCHS.get(2)))).isEqualTo(0.40);
    }
}
