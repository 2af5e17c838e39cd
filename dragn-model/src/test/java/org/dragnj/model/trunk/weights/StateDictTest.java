package org.dragnj.model.trunk.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The two readers decode every dtype, view and layout the fixture script writes, and refuse bad files by name. */
class StateDictTest {

    /** The script's base tensor: arange(12).reshape(3, 4) / 4 − 1, exact in every float type. */
    private static final INDArray BASE = Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(3, 4).div(4).sub(1);

    private static double[][] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tensors.pth", "tensors.safetensors"})
    void everyElementTypeDecodesToTheSameValues(String file) {
        Map<String, INDArray> t = StateDict.read(TorchvisionFixtures.file(file)).tensors();

        for (String name : List.of("f32", "f16", "bf16", "f64")) {
            assertThat(values(t.get(name))).as(name).isDeepEqualTo(values(BASE));
        }
        assertThat(t.get("f32").dataType()).isEqualTo(DataType.FLOAT);
        assertThat(t.get("f64").dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(t.get("i64").dataType()).isEqualTo(DataType.LONG);
        assertThat(t.get("i64").reshape(-1).toLongVector()).containsExactly(-2, -1, 0, 1, 2, 3);
        assertThat(t.get("i64").shape()).containsExactly(2, 3);
        assertThat(t.get("scalar").rank()).isZero();
        assertThat(t.get("scalar").getLong(0)).isEqualTo(17);
    }

    @Test
    void viewsSharingAStorageKeepTheirOffsetsAndStrides() {
        Map<String, INDArray> t = StateDict.read(TorchvisionFixtures.file("tensors.pth")).tensors();

        assertThat(values(t.get("rows"))).isDeepEqualTo(values(BASE.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all())));
        assertThat(values(t.get("columns"))).isDeepEqualTo(
                values(BASE.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2, 4))));
        assertThat(values(t.get("transposed"))).isDeepEqualTo(values(BASE.transpose()));
    }

    @Test
    void trainingCheckpointsAreUnwrappedAndDataParallelPrefixesDropped() {
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("module.conv1.weight", "w");
        weights.put("module.bn1.bias", "b");
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("epoch", 3);
        checkpoint.put("state_dict", weights);

        assertThat(StateDict.unwrap(checkpoint)).containsExactly(Map.entry("conv1.weight", "w"),
                Map.entry("bn1.bias", "b"));
    }

    @Test
    void thePre16TorchFormatIsRefusedWithHowToResaveIt() {
        assertThatThrownBy(() -> StateDict.read(TorchvisionFixtures.file("legacy.pth")))
                .isInstanceOf(TrunkWeightsUnavailableException.class)
                .hasMessageContaining("legacy.pth").hasMessageContaining("legacy (pre-1.6)")
                .hasMessageContaining("torch.save(torch.load(");
    }

    @Test
    void aTruncatedDownloadIsNamed(@TempDir Path dir) throws IOException {
        Path cut = dir.resolve("resnet18.pth");
        byte[] whole = Files.readAllBytes(TorchvisionFixtures.file("basic.pth"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> StateDict.read(cut)).isInstanceOf(TrunkWeightsUnavailableException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated");
    }

    @Test
    void aTruncatedSafetensorsFileIsNamed(@TempDir Path dir) throws IOException {
        Path cut = dir.resolve("model.safetensors");
        byte[] whole = Files.readAllBytes(TorchvisionFixtures.file("bottleneck.safetensors"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));

        assertThatThrownBy(() -> StateDict.read(cut)).isInstanceOf(TrunkWeightsUnavailableException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("data offsets");
    }

    @Test
    void otherFilesAreNeitherFormat(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("weights.pth"), "not weights at all");
        assertThatThrownBy(() -> StateDict.read(text)).isInstanceOf(TrunkWeightsUnavailableException.class)
                .hasMessageContaining("neither a PyTorch state dict");
        assertThatThrownBy(() -> StateDict.read(dir.resolve("absent.pth")))
                .hasMessageContaining("absent.pth does not exist");
    }

    @Test
    void halfPrecisionCoversSubnormalsInfinitiesAndSigns() {
        assertThat(TensorLayout.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(TensorLayout.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(TensorLayout.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(TensorLayout.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(TensorLayout.halfToFloat((short) 0x8000)).isEqualTo(-0f);
        assertThat(TensorLayout.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(TensorLayout.halfToFloat((short) 0x7e00)).isNaN();
    }
}
