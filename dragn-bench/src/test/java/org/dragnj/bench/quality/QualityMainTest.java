package org.dragnj.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityMainTest {

    @Test
    void argumentsAndShards() {
        Map<String, String> a = QualityMain.parse(new String[] {"--seeds", "1,2", "--set", "training.epochs=2", "--set",
                "evaluation.bootstrap=0", "--shard", "1/2", "--no-position"});
        assertThat(a).containsEntry("seeds", "1,2").containsEntry("set", "training.epochs=2,evaluation.bootstrap=0")
                .containsKey("no-position");
        assertThat(QualityMain.shard("1/2")).containsExactly(1, 2);
        assertThatThrownBy(() -> QualityMain.shard("2/2")).hasMessageContaining("0 <= i < n");
        assertThatThrownBy(() -> QualityMain.parse(new String[] {"--bogus"})).hasMessageContaining("unknown argument");
        assertThat(QualityBenchmark.parse("digits-key-instance")).isEqualTo(QualityBenchmark.DIGITS_KEY_INSTANCE);
        assertThatThrownBy(() -> QualityBenchmark.parse("cifar")).hasMessageContaining("no quality benchmark");
    }

    @Test
    void resultsRoundTripAndRunsHaveOneFolderEach(@TempDir Path dir) throws IOException {
        Map<Metric, Double> v = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            v.put(m, 0.1 * (m.ordinal() + 1));
        }
        QualityMain.writeResult(dir, new MetricsResult(v, List.of(), DecisionRule.THRESHOLD_05, 3, List.of()));
        assertThat(QualityMain.readResult(dir).values()).isEqualTo(v);
        QualityMain.Run a = new QualityMain.Run(QualityBenchmark.DIGITS_KEY_INSTANCE, Trunk.LENET, Aggregation.DRAGN_L1, 3);
        assertThat(dir.relativize(a.folder(dir)).toString()).isEqualTo("runs/digits-key-instance/lenet/dragn_l1/seed-3");
    }
}
