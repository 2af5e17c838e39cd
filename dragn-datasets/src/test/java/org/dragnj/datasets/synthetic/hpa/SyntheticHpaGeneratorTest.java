package org.dragnj.datasets.synthetic.hpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.grouping.GroupingReader;
import org.dragnj.datasets.hpa.grouping.HpaBag;
import org.dragnj.datasets.hpa.grouping.HpaGrouping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticHpaGeneratorTest {

    @TempDir
    Path dir;

    private static SyntheticHpaSpec small(long seed) {
        return SyntheticHpaSpec.builder().optImageSize(192).optBags(4).optImagesPerBag(2, 3).optCellsPerImage(4, 6)
                .optCellRadius(0.09).optLabelsPerBag(2, 3).optSeed(seed).build();
    }

    @Test
    void writesTheRealInputFormatAndIsInformativePerBag() throws IOException {
        SyntheticHpaDataset ds = new SyntheticHpaGenerator(small(3)).write(dir);
        assertThat(ds.classes()).hasSize(10).startsWith("nucleoplasm").contains("golgi apparatus", "centrosome");
        assertThat(Files.readAllLines(ds.classesFile())).isEqualTo(ds.classes());

        HpaGrouping grouping = GroupingReader.read(ds.groupingFile(), GroupingFormat.BAG_CSV, ds.classes(), Split.TRAIN);
        assertThat(grouping.bags()).hasSize(4);
        assertThat(grouping.imageCount()).isEqualTo(ds.images());
        HpaGrouping kaggle = GroupingReader.read(ds.kaggleFile(), GroupingFormat.KAGGLE_TRAIN_CSV, ds.classes(),
                Split.TRAIN);
        assertThat(kaggle.bags()).hasSize(ds.images());

        for (String channel : List.of("red", "green", "blue", "yellow")) {
            Path file = ds.imageFolder().resolve("bag0000-img00_" + channel + ".png");
            try (Mat m = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
                assertThat(m.channels()).isEqualTo(1);
                assertThat(m.depth()).isEqualTo(opencv_core.CV_8U);
                assertThat(m.rows()).isEqualTo(192);
                assertThat(m.cols()).isEqualTo(192);
            }
        }
        assertThat(SyntheticHpaTruth.read(ds.cellsFile())).isEqualTo(ds.cells());

        boolean someCellMissesALabel = false;
        for (HpaBag bag : grouping.bags()) {
            List<SyntheticHpaCell> cells = bag.imageIds().stream().flatMap(id -> ds.cells().get(id).stream()).toList();
            Set<String> shown = new HashSet<>();
            for (SyntheticHpaCell c : cells) {
                c.shown().forEach(p -> shown.add(p.label()));
                assertThat(c.shown().stream().map(HpaPattern::label)).isSubsetOf(bag.labels());
                someCellMissesALabel |= c.shown().size() < bag.labels().size();
            }
            // The bag as a whole carries every one of its labels ...
            assertThat(shown).as("labels shown in bag %s", bag.id()).containsExactlyInAnyOrderElementsOf(bag.labels());
        }
        // ... while single cells are ambiguous.
        assertThat(someCellMissesALabel).isTrue();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherImages() throws IOException {
        new SyntheticHpaGenerator(small(5)).write(dir.resolve("a"));
        new SyntheticHpaGenerator(small(5)).write(dir.resolve("b"));
        new SyntheticHpaGenerator(small(6)).write(dir.resolve("c"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path f : files) {
            Path twin = dir.resolve("b").resolve(dir.resolve("a").relativize(f));
            assertThat(Files.readAllBytes(twin)).as(f.toString()).isEqualTo(Files.readAllBytes(f));
        }
        assertThat(Files.readAllBytes(dir.resolve("c/images/bag0000-img00_green.png")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("a/images/bag0000-img00_green.png")));
    }

    @Test
    void groundTruthWithoutRenderingMatchesTheWrittenFile() throws IOException {
        SyntheticHpaGenerator gen = new SyntheticHpaGenerator(small(8));
        SyntheticHpaDataset ds = gen.write(dir);
        for (int b = 0; b < 4; b++) {
            for (Map.Entry<String, List<SyntheticHpaCell>> e : gen.cells(b).entrySet()) {
                assertThat(ds.cells().get(e.getKey())).isEqualTo(e.getValue());
                for (SyntheticHpaCell c : e.getValue()) {
                    assertThat(c.x()).isBetween(0.0, 192.0);
                    assertThat(c.y()).isBetween(0.0, 192.0);
                }
            }
        }
    }

    @Test
    void sixteenBitFields() throws IOException {
        SyntheticHpaSpec spec = SyntheticHpaSpec.builder().optImageSize(128).optBags(1).optImagesPerBag(1, 1)
                .optCellsPerImage(3, 3).optCellRadius(0.1).optSixteenBit(true).build();
        SyntheticHpaDataset ds = new SyntheticHpaGenerator(spec).write(dir);
        try (Mat m = opencv_imgcodecs.imread(ds.imageFolder().resolve("bag0000-img00_blue.png").toString(),
                opencv_imgcodecs.IMREAD_UNCHANGED)) {
            assertThat(m.depth()).isEqualTo(opencv_core.CV_16U);
        }
    }

    @Test
    void invalidSpecsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> SyntheticHpaSpec.builder().optCellsPerImage(200, 200).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> SyntheticHpaSpec.builder().optLabelsPerBag(1, 11).build())
                .hasMessageContaining("labels per bag");
        assertThatThrownBy(() -> SyntheticHpaSpec.builder().optImageSize(64).optCellRadius(0.05).build())
                .hasMessageContaining("smaller than 8 pixels");
    }
}
