package org.dragnj.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DJL/PyTorch peer computes the same whole model as DL4J (runs only with -Ppeer-djl): from DL4J's
 * weights, on the same batch, both frameworks' losses and inference outputs agree, and so do the losses
 * after each framework's own backward pass and Adam step.
 */
class PeerModelCheckTest {

    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    @ParameterizedTest
    @EnumSource(PeerModel.class)
    void bothFrameworksComputeTheSameModel(PeerModel model) {
        PeerModelCheck.Result r = PeerModelCheck.run(model);

        // ten labels at p ≈ 1/2 cost about 10 · ln 2 ≈ 6.9 per bag; a second step lowers it
        assertThat(r.dl4jLoss()).isBetween(4.0, 12.0);
        assertThat(r.torchLoss()).isCloseTo(r.dl4jLoss(), within(1e-4 * r.dl4jLoss()));
        assertThat(r.dl4jSecondLoss()).isLessThan(r.dl4jLoss());
        assertThat(r.torchSecondLoss()).isCloseTo(r.dl4jSecondLoss(), within(1e-3 * r.dl4jSecondLoss()));
        assertThat(r.maxOutputDifference()).isLessThan(1e-4);
        assertThat(r.passes()).isTrue();
    }
}
