package org.dragnj.experiment.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The divergence test on finite losses, on hand-made loss sequences. */
class LossWatchTest {

    private static final LossWatch WATCH = new LossWatch(4);

    @Test
    void aLossThatJumpsAndStaysUpStopsOneHardBagDoesNot() {
        // running median of [2.8, 1.0, 0.9, 0.8, 0.7] is 0.9, first loss 2.8: the limit is 4 × 2.8 = 11.2
        List<Double> calm = List.of(2.8, 1.0, 0.9, 0.8, 0.7);
        assertThat(WATCH.verdict(with(calm, 30.0, 0.6, 0.5), 2.8)).isNull(); // median of the last 3: 0.6
        assertThat(WATCH.verdict(with(calm, 30.0, 11.0, 0.5), 2.8)).isNull(); // median 11.0 ≤ 11.2
        assertThat(WATCH.verdict(with(calm, 30.0, 11.3, 0.5), 2.8)).isEqualTo("the median loss of the last 3"
                + " batches, 11.30, is above 4.0 × 2.800 (the larger of the running median 0.9000 and the first loss"
                + " 2.800; training.divergence_factor)");
    }

    @Test
    void aLossAboveItsOwnRunningMedianCountsWhenThatIsAboveTheFirstLoss() {
        List<Double> high = new ArrayList<>(Collections.nCopies(10, 5.0));
        assertThat(WATCH.verdict(with(high, 19.0, 19.0, 19.0), 1.0)).isNull(); // 4 × max(5, 1) = 20
        assertThat(WATCH.verdict(with(high, 21.0, 21.0, 21.0), 1.0)).startsWith("the median loss of the last 3"
                + " batches, 21.00, is above 4.0 × 5.000");
    }

    @Test
    void offNeedsEnoughLossesAndKeepsAWindow() {
        assertThat(new LossWatch(0).verdict(List.of(1.0, 1.0, 1.0, 100.0, 100.0, 100.0), 1.0)).isNull();
        assertThat(WATCH.verdict(List.of(100.0, 100.0, 100.0), 1.0)).isNull();
        List<Double> kept = List.of();
        for (int i = 0; i < 60; i++) {
            kept = LossWatch.kept(kept, i);
        }
        assertThat(kept).hasSize(LossWatch.RECENT + LossWatch.WINDOW).startsWith(7.0).endsWith(59.0);
        assertThatThrownBy(() -> new LossWatch(1)).hasMessageContaining("0 (off) or a finite number > 1");
        assertThatThrownBy(() -> new LossWatch(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Double> with(List<Double> before, Double... recent) {
        List<Double> all = new ArrayList<>(before);
        all.addAll(List.of(recent));
        return all;
    }
}
