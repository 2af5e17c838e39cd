package org.dragnj.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.BadInputException;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.loss.Loss;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

class SaveLoadTest {

    @TempDir
    Path dir;

    private static ModelSpec spec(AggregationMode mode) {
        return ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(4)).setInputSize(16, 16)
                .optAggregation(Aggregation.DRAGN_L3).optUnitBatchNorm(true).optMode(mode)
                .optOptimizer(OptimizerSpec.adam(1e-3)).optSeed(3).build();
    }

    @ParameterizedTest
    @EnumSource(AggregationMode.class)
    void roundTripGivesIdenticalPredictionsAndContinuesTrainingIdentically(AggregationMode mode) throws IOException {
        roundTrip(spec(mode));
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, mode = EnumSource.Mode.EXCLUDE, names = {"DRAGN_L2", "DRAGN_L3"})
    void everyAggregationRoundTrips(Aggregation aggregation) throws IOException {
        roundTrip(spec(AggregationMode.POST).toBuilder().optAggregation(aggregation).optUnitBatchNorm(false).build());
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void everyLossRoundTrips(Loss loss) throws IOException {
        roundTrip(spec(AggregationMode.POST).toBuilder().optLoss(loss).build());
    }

    private void roundTrip(ModelSpec spec) throws IOException {
        DragnModel model = DragnModel.create(spec);
        BagBatch train = RandomBags.batch(DataType.FLOAT, 1, 3, 16, 16, 4, 4, 2, 7);
        for (int i = 0; i < 3; i++) {
            model.fit(train); // moves weights, Adam moments and the unit's BatchNorm running statistics
        }
        BagBatch test = RandomBags.batch(DataType.FLOAT, 2, 3, 16, 16, 4, 1, 5, 3);
        Path file = dir.resolve("model.zip");
        model.save(file);

        DragnModel loaded = DragnModel.load(file);
        assertThat(loaded.spec()).isEqualTo(model.spec());
        assertThat(loaded.predict(test)).isEqualTo(model.predict(test));
        assertThat(loaded.graph().params()).isEqualTo(model.graph().params());

        model.fit(train);
        loaded.fit(train);
        assertThat(loaded.graph().params().equalsWithEps(model.graph().params(), 1e-7)).isTrue();
        assertThat(DragnModel.provenance(file).dl4jVersion()).isEqualTo("1.0.0-M2.1");
    }

    @Test
    void aPlainZipIsRejectedWithTheReason() throws IOException {
        Path file = dir.resolve("other.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("configuration.json"));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> DragnModel.load(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " is not a DRAGN-J model file").hasMessageContaining(ModelFiles.HEADER_ENTRY);
    }

    @Test
    void aFileThatIsNotAZipIsRejectedNamingTheFile() throws IOException {
        Path text = Files.writeString(dir.resolve("text.zip"), "not a model");
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        for (Path file : new Path[] {text, empty}) {
            assertThatThrownBy(() -> DragnModel.load(file)).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file + " is not a DRAGN-J model file (not a zip archive: ");
        }
        assertThatThrownBy(() -> DragnModel.load(dir)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir + " is a folder; pass a model file (.zip)");
    }

    @Test
    void aTruncatedOrGuttedModelFileIsRejectedNamingTheFile() throws IOException {
        Path whole = dir.resolve("whole.zip");
        DragnModel.create(spec(AggregationMode.POST)).save(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> DragnModel.load(truncated)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(truncated + " is not a DRAGN-J model file (not a zip archive: ");

        // the DL4J entries gone, the header kept: DL4J threw an IllegalStateException naming no file
        Path gutted = dir.resolve("gutted.zip");
        try (var in = new java.util.zip.ZipFile(whole.toFile());
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(gutted))) {
            for (var e : java.util.Collections.list(in.entries())) {
                if (!e.getName().equals("coefficients.bin")) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    in.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        assertThatThrownBy(() -> DragnModel.load(gutted)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(gutted + " holds no readable DL4J network (")
                .hasMessageContaining("gotCoefficients: [false]");
    }

    @Test
    void savingLeavesNoTemporaryFilesBehind() throws IOException {
        DragnModel.create(spec(AggregationMode.POST)).save(dir.resolve("m.zip"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.zip");
        }
    }
}
