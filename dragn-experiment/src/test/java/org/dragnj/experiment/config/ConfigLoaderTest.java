package org.dragnj.experiment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.dragnj.datasets.iterator.Augmentation;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.experiment.training.ModelSelection;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.loss.Loss;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void thePaperConfigsCarryThePapersSettings() throws IOException {
        ExperimentConfig hpa = ConfigLoader.load("hpa-paper", Map.of());
        assertThat(hpa.model().trunk()).isEqualTo(Trunk.RESNET50);
        assertThat(hpa.model().inputHeight()).isEqualTo(512);
        assertThat(hpa.training().batchSize()).isEqualTo(16);
        assertThat(hpa.training().loss()).isEqualTo(Loss.BCE);
        assertThat(hpa.training().learningRate()).isEqualTo(1e-4);
        assertThat(hpa.training().beta1()).isEqualTo(0.9);
        assertThat(hpa.compare()).containsExactly(Aggregation.DRAGN_L1, Aggregation.SINGLE_INSTANCE, Aggregation.MEAN,
                Aggregation.MAX, Aggregation.NAN, Aggregation.SPOC);

        ExperimentConfig fly = ConfigLoader.load("flyexpress-paper", Map.of());
        assertThat(fly.model().trunk()).isEqualTo(Trunk.RESNET18);
        assertThat(fly.model().aggregation()).isEqualTo(Aggregation.DRAGN_L1);
        assertThat(fly.model().inputWidth()).isEqualTo(320);
        assertThat(fly.training().batchSize()).isEqualTo(4);
        assertThat(fly.training().weightDecay()).isEqualTo(0.01);
        assertThat(fly.training().schedule().type()).isEqualTo(ExperimentConfig.ScheduleType.PLATEAU);
        assertThat(fly.evaluation().decisionRule()).isEqualTo(DecisionRule.TOP_LABEL);

        assertThat(fly.training().selection()).as("the authors keep the best macro F1").isEqualTo(ModelSelection.VAL_F1);
        assertThat(fly.model().unitInit()).as("the authors' unit initialisation").isEqualTo(UnitInit.UNIFORM);
        assertThat(fly.training().augmentation()).as("standardised embryo orientation").isEqualTo(Augmentation.NONE);
        assertThat(hpa.training().augmentation()).as("microscopy").isEqualTo(Augmentation.FLIPS_ROT90);

        assertThat(hpa.model().pretrainedFile()).as("torchvision's ImageNet ResNet-50")
                .isEqualTo(java.nio.file.Path.of("weights/resnet50-0676ba61.pth"));
        assertThat(fly.model().pretrainedFile()).isEqualTo(java.nio.file.Path.of("weights/resnet18-f37072fd.pth"));
        assertThat(ConfigLoader.load("hpa-paper", Map.of("model.pretrained", "none")).model().trunkInit())
                .isEqualTo(org.dragnj.model.trunk.weights.TrunkInit.RANDOM);

        ExperimentConfig digits = ConfigLoader.load("digits-key-instance", Map.of());
        assertThat(digits.model().trunk()).isEqualTo(Trunk.LENET);
        assertThat(digits.model().channels()).isEqualTo(1);
        assertThat(digits.training().augmentation()).as("a turned 6 is a 9").isEqualTo(Augmentation.NONE);
        assertThat(digits.training().learningRate()).isEqualTo(5e-4);
        // the settings the quality tables support: one bag per step, DRAGN tested in 8 orders
        assertThat(digits.training().batchSize()).isEqualTo(1);
        assertThat(digits.evaluation().orderAveraging()).isEqualTo(8);
        ExperimentConfig multiLabel = ConfigLoader.load("digits-multi-label", Map.of());
        assertThat(multiLabel.model().trunk()).isEqualTo(Trunk.LENET);
        assertThat(multiLabel.evaluation().orderAveraging()).isEqualTo(8);

        ExperimentConfig defaults = ConfigLoader.load(null, Map.of("data.manifest", "/m"));
        assertThat(defaults.training().selection()).isEqualTo(ModelSelection.VAL_AUC);
        assertThat(defaults.training().augmentation()).isEqualTo(Augmentation.NONE);
        assertThat(defaults.training().shuffleInstances()).isTrue();
        assertThat(defaults.model().unitInit()).isEqualTo(UnitInit.WINDOW_MEAN);
        assertThat(defaults.evaluation().orderAveraging()).isEqualTo(1);

        ExperimentConfig demo = ConfigLoader.load("demo", Map.of());
        assertThat(demo.data().synthetic()).isNotNull();
        assertThat(demo.compare()).containsExactly(Aggregation.DRAGN_L1, Aggregation.MEAN, Aggregation.SINGLE_INSTANCE);
    }

    @Test
    void flagsOverrideTheFileWhichOverridesTheDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mine.yaml"), """
                name: mine
                data: {manifest: /data/m}
                training: {epochs: 7, schedule: {type: plateau}}
                """);
        ExperimentConfig c = ConfigLoader.load(file.toString(), Map.of("training.epochs", "3", "model.aggregation",
                "nan", "compare", "[MEAN, MAX]"));
        assertThat(c.training().epochs()).isEqualTo(3);
        assertThat(c.training().schedule().type()).isEqualTo(ExperimentConfig.ScheduleType.PLATEAU);
        assertThat(c.training().schedule().patience()).as("default kept inside a merged section").isEqualTo(20);
        assertThat(c.training().batchSize()).as("default").isEqualTo(8);
        assertThat(c.model().aggregation()).isEqualTo(Aggregation.NAN);
        assertThat(c.compare()).containsExactly(Aggregation.MEAN, Aggregation.MAX);

        ExperimentConfig back = ConfigLoader.load(
                Files.writeString(dir.resolve("resolved.yaml"), ConfigLoader.toYaml(c)).toString(), Map.of());
        assertThat(back).isEqualTo(c);
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("training.epoch", "3")))
                .hasMessageContaining("epoch");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("training.epochs", "0")))
                .hasMessageContaining("training.epochs").hasMessageContaining("> 0");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("data.manifest", "/x")))
                .hasMessageContaining("exactly one of data.manifest");
        assertThatThrownBy(() -> ConfigLoader.load("nope", Map.of())).hasMessageContaining("no experiment config 'nope'");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("training.augmentation", "ROTATE")))
                .hasMessageContaining("augmentation").hasMessageContaining("ROTATE");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("evaluation.order_averaging", "0")))
                .hasMessageContaining("evaluation.order_averaging");
        // 1e400 parses to Infinity, which trained on without a word
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("training.learning_rate", "1e400")))
                .hasMessageContaining("training.learning_rate").hasMessageContaining("finite")
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("training.weight_decay", "NaN")))
                .hasMessageContaining("training.weight_decay").hasMessageContaining("NaN");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("training.weight_decay", ".nan")))
                .hasMessageContaining("config training.weight_decay: '.nan' is not a value");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("training.beta2", "1")))
                .hasMessageContaining("training.beta2").hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> ConfigLoader.load("demo", Map.of("model.pretrained", "zoo")))
                .hasMessageContaining("model.pretrained").hasMessageContaining("ZOO_RESNET50 only");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastValue(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("twice.yaml"), """
                training:
                  epochs: 3
                  learning_rate: 0.001
                  epochs: 30
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file.toString(), Map.of()))
                .hasMessageContaining("Duplicate field 'epochs'");
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileLineAndColumnNotAReader(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("broken.yaml"), """
                name: broken
                training:
                \tepochs: 3
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file.toString(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":3:1: not valid YAML (")
                .hasMessageContaining("TAB")
                .hasMessageNotContaining("reader")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aConfigThatIsAListIsAnErrorNotTheDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("list.yaml"), "- training\n- epochs\n");
        assertThatThrownBy(() -> ConfigLoader.load(file.toString(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": an experiment config is 'key: value' lines (keys name, data, model, training,"
                        + " evaluation), not a list");
    }
}
