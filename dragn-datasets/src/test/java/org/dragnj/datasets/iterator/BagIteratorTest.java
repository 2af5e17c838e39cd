package org.dragnj.datasets.iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSample;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.datasets.synthetic.SyntheticManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BagIteratorTest {

    @TempDir
    static Path dir;
    static Manifest manifest;
    static SyntheticBagGenerator generator;

    @BeforeAll
    static void writeManifest() throws IOException {
        generator = new SyntheticBagGenerator(SyntheticBagSpec.builder().optClasses(3).optImageSize(12, 16)
                .optBagLengths(1, 5).optSeed(8).build());
        manifest = SyntheticManifest.write(dir.resolve("synth"), generator, new SyntheticManifest.Sizes(30, 5, 5),
                ProgressListener.NONE);
    }

    private static BagIterator iterator(boolean shuffle, boolean augment, int cap, long seed) {
        return new BagIterator(manifest, manifest.bags(Split.TRAIN), BagLoaderSpec.builder().setImageSize(12, 16)
                .optBatchSize(4).optShuffle(shuffle).optShuffleInstances(shuffle)
                .optAugmentation(augment ? Augmentation.FLIPS_ROT90 : Augmentation.NONE).optMaxBagLength(cap)
                .optSeed(seed).build());
    }

    private static List<List<String>> ids(BagIterator it, int epoch) {
        List<List<String>> out = new ArrayList<>();
        try (BagIterator.Epoch e = it.epoch(epoch)) {
            while (e.hasNext()) {
                out.add(e.next().bagIds());
            }
        }
        return out;
    }

    @Test
    void everyBagAppearsOnceAndBatchesHaveOneBagLength() {
        BagIterator it = iterator(true, true, 0, 1);
        Map<String, Integer> seen = new HashMap<>();
        try (BagIterator.Epoch e = it.epoch(0)) {
            while (e.hasNext()) {
                BagBatch b = e.next();
                assertThat(b.size()).isBetween(1, 4);
                assertThat(b.layout().isUniform()).as("one length per batch").isTrue();
                b.bagIds().forEach(id -> seen.merge(id, 1, Integer::sum));
                // Each bag keeps its own length and its labels.
                for (int i = 0; i < b.size(); i++) {
                    int index = Integer.parseInt(b.bagIds().get(i).substring(4));
                    SyntheticBagSample s = generator.sample(index);
                    assertThat(b.layout().length(i)).isEqualTo(s.instances().size());
                    for (int k = 0; k < 3; k++) {
                        assertThat(b.labels().getFloat(i, k)).isEqualTo(s.labels()[k] ? 1f : 0f);
                    }
                }
            }
        }
        assertThat(seen).hasSize(30).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aSeedReproducesAnEpochAndEpochsDiffer() {
        assertThat(ids(iterator(true, true, 0, 7), 3)).isEqualTo(ids(iterator(true, true, 0, 7), 3));
        assertThat(ids(iterator(true, true, 0, 7), 3)).isNotEqualTo(ids(iterator(true, true, 0, 7), 4));
        assertThat(ids(iterator(true, true, 0, 7), 3)).isNotEqualTo(ids(iterator(true, true, 0, 8), 3));
    }

    @Test
    void aResumedEpochServesExactlyTheRemainingBatches() {
        BagIterator it = iterator(true, true, 0, 3);
        List<BagBatch> full = new ArrayList<>();
        try (BagIterator.Epoch e = it.epoch(2)) {
            e.forEachRemaining(full::add);
        }
        try (BagIterator.Epoch e = it.epoch(2, 3)) {
            assertThat(e.position()).isEqualTo(3);
            for (int i = 3; i < full.size(); i++) {
                BagBatch b = e.next();
                assertThat(b.bagIds()).isEqualTo(full.get(i).bagIds());
                assertThat(b.instances()).isEqualTo(full.get(i).instances()); // same order, flips and turns
            }
            assertThat(e.hasNext()).isFalse();
        }
    }

    @Test
    void withoutShufflingOrAugmentationPixelsAreTheGeneratorsWithinQuantisation() {
        BagIterator it = iterator(false, false, 0, 1);
        try (BagIterator.Epoch e = it.epoch(0)) {
            BagBatch b = e.next();
            int index = Integer.parseInt(b.bagIds().get(0).substring(4));
            float[] expected = generator.sample(index).instances().get(0);
            // RGB order: the generator's channels come back in its order (OpenCV decodes the PNG as BGR)
            float[] loaded = b.instances().slice(0).dup().data().asFloat();
            int plane = 12 * 16;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(loaded[c * plane + p]).isCloseTo(expected[c * plane + p],
                            org.assertj.core.data.Offset.offset(0.5f / 255));
                }
            }
        }
    }

    /** Models saved before the channel order was recorded were trained on OpenCV's BGR and are fed it. */
    @Test
    void bgrOrderReversesTheColourChannels() {
        BagLoaderSpec rgb = BagLoaderSpec.builder().setImageSize(12, 16).optShuffle(false).build().forEvaluation();
        BagLoaderSpec bgr = BagLoaderSpec.builder().setImageSize(12, 16).optShuffle(false)
                .optChannelOrder(org.dragnj.bags.ChannelOrder.BGR).build().forEvaluation();
        INDArray a = new BagIterator(manifest, manifest.bags(Split.TRAIN), rgb).load(0, 0).instances();
        INDArray b = new BagIterator(manifest, manifest.bags(Split.TRAIN), bgr).load(0, 0).instances();
        for (int c = 0; c < 3; c++) {
            assertThat(b.get(NDArrayIndex.all(), NDArrayIndex.point(c)))
                    .isEqualTo(a.get(NDArrayIndex.all(), NDArrayIndex.point(2 - c)));
        }
    }

    @Test
    void augmentationOnlyMovesPixels() {
        float[] img = new float[2 * 4 * 4];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        for (int seed = 0; seed < 20; seed++) {
            float[] out = Augmentation.FLIPS_ROT90.apply(img, 2, 4, 4, new java.util.SplittableRandom(seed));
            float[] a = Arrays.copyOfRange(out, 0, 16);
            Arrays.sort(a);
            assertThat(a).containsExactly(Arrays.copyOfRange(img, 0, 16));
        }
        // a non-square image is never turned by a quarter: its rows keep their length
        float[] wide = new float[2 * 3];
        for (int i = 0; i < 6; i++) {
            wide[i] = i;
        }
        for (int seed = 0; seed < 20; seed++) {
            float[] out = Augmentation.FLIPS_ROT90.apply(wide, 1, 2, 3, new java.util.SplittableRandom(seed));
            float rowSpread = Math.abs(out[0] - out[1]);
            assertThat(rowSpread).isEqualTo(1f);
        }
    }

    @Test
    void flipsNeverTurnAndNoneIsTheImage() {
        float[] img = new float[4 * 4];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            float[] out = Augmentation.FLIPS.apply(img, 1, 4, 4, new java.util.SplittableRandom(seed));
            // a flip keeps every row a row: the first output row holds one input row, forwards or backwards
            float[] first = Arrays.copyOfRange(out, 0, 4);
            Arrays.sort(first);
            assertThat(first).satisfiesAnyOf(r -> assertThat(r).containsExactly(0, 1, 2, 3),
                    r -> assertThat(r).containsExactly(12, 13, 14, 15));
            seen.add(Arrays.toString(out));
            assertThat(Augmentation.NONE.apply(img, 1, 4, 4, new java.util.SplittableRandom(seed))).isSameAs(img);
        }
        assertThat(seen).as("identity, horizontal, vertical, both").hasSize(4);
    }

    @Test
    void instanceOrderIsItsOwnSwitch() {
        BagLoaderSpec spec = BagLoaderSpec.builder().setImageSize(12, 16).optBatchSize(4).optShuffle(true)
                .optShuffleInstances(false).optSeed(3).build();
        BagIterator it = new BagIterator(manifest, manifest.bags(Split.TRAIN), spec);
        BagIterator ordered = new BagIterator(manifest, manifest.bags(Split.TRAIN), spec.forEvaluation());
        for (int b = 0; b < 5; b++) {
            assertThat(it.load(b, 1).instances().equalsWithEps(ordered.load(b, 1).instances(), 0))
                    .as("bag %d keeps its manifest order", b).isTrue();
        }
        assertThat(ids(it, 1)).as("bags are still shuffled").isNotEqualTo(ids(it, 2));
    }

    @Test
    void aCapSubsamplesLongBagsAndBucketsByTheCappedLength() {
        BagIterator it = iterator(true, false, 2, 5);
        try (BagIterator.Epoch e = it.epoch(0)) {
            while (e.hasNext()) {
                BagLayout l = e.next().layout();
                assertThat(l.maxLength()).isLessThanOrEqualTo(2);
                assertThat(l.isUniform()).isTrue();
            }
        }
    }

    @Test
    void theMultiDataSetIteratorServesEpochAfterEpoch() {
        BagMultiDataSetIterator it = new BagMultiDataSetIterator(iterator(true, true, 0, 2));
        int batches = 0;
        while (it.hasNext()) {
            MultiDataSet m = it.next();
            assertThat(m.getFeatures()).hasSize(2);
            assertThat(m.getLabels(0).columns()).isEqualTo(3);
            batches++;
        }
        it.reset();
        assertThat(it.epoch()).isEqualTo(1);
        assertThat(it.hasNext()).isTrue();
        assertThat(batches).isEqualTo(iterator(true, true, 0, 2).batchesPerEpoch());
    }

    @Test
    void aMissingImageNamesTheBagAndFile() throws IOException {
        Manifest broken = SyntheticManifest.write(dir.resolve("broken"), generator, new SyntheticManifest.Sizes(4, 0, 0),
                ProgressListener.NONE);
        Files.delete(broken.resolve(broken.bags().get(2).instances().get(0)));
        BagIterator it = new BagIterator(broken, broken.bags(), BagLoaderSpec.builder().setImageSize(12, 16)
                .optPrefetchBatches(1).build());
        assertThatThrownBy(() -> {
            try (BagIterator.Epoch e = it.epoch(0)) {
                e.forEachRemaining(b -> { });
            }
        }).hasMessageContaining("bag 'bag-2'").hasMessageContaining(broken.bags().get(2).instances().get(0))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aSyntheticFolderIsReusedForTheSameSpec() throws IOException {
        Path folder = dir.resolve("synth");
        long before = Files.getLastModifiedTime(folder.resolve(Manifest.BAGS_FILE)).toMillis();
        Manifest again = SyntheticManifest.write(folder, generator, new SyntheticManifest.Sizes(30, 5, 5),
                ProgressListener.NONE);
        assertThat(Files.getLastModifiedTime(folder.resolve(Manifest.BAGS_FILE)).toMillis()).isEqualTo(before);
        assertThat(again.bags()).isEqualTo(manifest.bags());
    }
}
