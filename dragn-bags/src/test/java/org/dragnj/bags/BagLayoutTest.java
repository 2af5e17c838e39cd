package org.dragnj.bags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BagLayoutTest {

    @Test
    void maskRoundTripGivesLengthsOffsetsAndGroups() {
        BagLayout layout = new BagLayout(new int[] {3, 1, 3, 2});
        assertThat(layout.toMask(DataType.FLOAT).toDoubleMatrix()).isEqualTo(new double[][] {
            {1, 1, 1}, {1, 0, 0}, {1, 1, 1}, {1, 1, 0}});
        assertThat(BagLayout.fromMask(layout.toMask(DataType.DOUBLE))).isEqualTo(layout);
        assertThat(layout.offsets()).containsExactly(0, 3, 4, 7);
        assertThat(layout.offset(3)).isEqualTo(7);
        assertThat(layout.totalInstances()).isEqualTo(9);
        assertThat(layout.maxLength()).isEqualTo(3);
        assertThat(layout.isUniform()).isFalse();
        assertThat(layout.bagsByLength()).containsOnlyKeys(1, 2, 3);
        assertThat(layout.bagsByLength().get(3)).containsExactly(0, 2);
        assertThat(layout.bagsByLength().keySet()).containsExactly(1, 2, 3);
        assertThat(BagLayout.uniform(2, 4).isUniform()).isTrue();
    }

    @Test
    void aHoleInAMaskRowIsRejectedWithTheRow() {
        assertThatThrownBy(() -> BagLayout.fromMask(Nd4j.createFromArray(new float[][] {{1, 1}, {1, 0}, {0, 1}})))
                .hasMessageContaining("row 2").hasMessageContaining("ones followed by zeros");
    }

    @Test
    void anEmptyBagIsRejected() {
        assertThatThrownBy(() -> BagLayout.fromMask(Nd4j.createFromArray(new float[][] {{1, 1}, {0, 0}})))
                .hasMessageContaining("bag 1").hasMessageContaining("empty");
    }

    @Test
    void instanceCountMustMatch() {
        assertThatThrownBy(() -> new BagLayout(new int[] {2, 3}).requireInstances(6))
                .hasMessageContaining("5 instances").hasMessageContaining("6 rows");
    }
}
