package org.dragnj.datasets.digits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.ManifestWriter;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.random.Seeds;
import org.dragnj.datasets.synthetic.PngFiles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a {@link DigitBagSpec} task as a bag manifest of 28×28 grey PNGs: training and validation bags
 * from the training pool, test bags from the held-apart pool. Key-instance bags point at one file per
 * digit ({@code digits/<pool>/<index>.png}); multi-label instances are altered (occlusion, noise), so
 * each is its own file ({@code images/<bag>/<j>.png}). A folder already written for the same spec and
 * digit source is reused.
 */
public final class DigitBagWriter {

    static final String SPEC_FILE = "digit-bags.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIDE = Digits.SIDE;

    private DigitBagWriter() {
    }

    private record Stored(DigitBagSpec spec, String source) {
    }

    /** The class names: the target digit for the key-instance task, the ten digits for the multi-label one. */
    public static List<String> classes(DigitBagSpec spec) {
        if (spec.task() == DigitBagTask.KEY_INSTANCE) {
            return List.of("digit-" + spec.targetDigit());
        }
        List<String> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            out.add("digit-" + d);
        }
        return out;
    }

    public static Manifest write(Path folder, DigitsReader.Pools pools, DigitBagSpec spec, ProgressListener progress)
            throws IOException {
        Stored wanted = new Stored(spec, pools.source());
        Path specFile = folder.resolve(SPEC_FILE);
        if (Files.isRegularFile(specFile) && Files.isRegularFile(folder.resolve(Manifest.BAGS_FILE))
                && JSON.readValue(specFile.toFile(), Stored.class).equals(wanted)) {
            return ManifestReader.strict().read(folder).manifest();
        }
        AtomicFiles.removeStaleTemporaries(folder, 2); // images/<bag>/<j>.png, digits/<pool>/<k>.png
        List<String> classes = classes(spec);
        List<BagRecord> bags = new ArrayList<>();
        Set<String> written = new HashSet<>();
        int total = spec.trainBags() + spec.valBags() + spec.testBags();
        progress.started("digit bags", total, "bags");
        for (int i = 0; i < total; i++) {
            Split split = i < spec.trainBags() ? Split.TRAIN : i < spec.trainBags() + spec.valBags() ? Split.VAL
                    : Split.TEST;
            boolean test = split == Split.TEST;
            Digits pool = test ? pools.test() : pools.train();
            SplittableRandom rnd = new SplittableRandom(Seeds.of(spec.seed(), i));
            String id = split.id() + "-" + i;
            bags.add(spec.task() == DigitBagTask.KEY_INSTANCE
                    ? keyInstanceBag(folder, id, split, pool, test ? "test" : "train", spec, rnd, written)
                    : multiLabelBag(folder, id, split, pool, spec, rnd, classes));
            progress.advanced(1, "");
        }
        progress.finished();
        ManifestWriter.write(folder, classes, bags);
        AtomicFiles.write(specFile, out -> JSON.writeValue(out, wanted));
        return new Manifest(folder, classes, bags);
    }

    /**
     * Probe bags for the position study: from the held-apart pool, {@code positivesPerPosition} bags of
     * {@code length} with exactly one target digit at each position (ids {@code pos-<p>-<i>}) and
     * {@code negatives} bags without one ({@code neg-<i>}), all in the test split, in that order.
     */
    public static Manifest positionProbe(Path folder, DigitsReader.Pools pools, int targetDigit, int length,
            int positivesPerPosition, int negatives, long seed) throws IOException {
        Digits pool = pools.test();
        int[] targets = pool.ofClass(targetDigit);
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (pool.labels()[i] != targetDigit) {
                others.add(i);
            }
        }
        List<BagRecord> bags = new ArrayList<>();
        Set<String> written = new HashSet<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        String label = "digit-" + targetDigit;
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < positivesPerPosition; i++) {
                List<String> files = new ArrayList<>();
                for (int j = 0; j < length; j++) {
                    int k = j == p ? targets[rnd.nextInt(targets.length)] : others.get(rnd.nextInt(others.size()));
                    files.add(digitFile(folder, pool, "test", k, written));
                }
                bags.add(new BagRecord("pos-" + p + "-" + i, Split.TEST, List.of(label), files));
            }
        }
        for (int i = 0; i < negatives; i++) {
            List<String> files = new ArrayList<>();
            for (int j = 0; j < length; j++) {
                files.add(digitFile(folder, pool, "test", others.get(rnd.nextInt(others.size())), written));
            }
            bags.add(new BagRecord("neg-" + i, Split.TEST, List.of(), files));
        }
        ManifestWriter.write(folder, List.of(label), bags);
        return new Manifest(folder, List.of(label), bags);
    }

    /** The file of digit {@code k} of a pool, written on first use. */
    private static String digitFile(Path folder, Digits pool, String poolName, int k, Set<String> written)
            throws IOException {
        String rel = "digits/" + poolName + "/" + k + ".png";
        if (written.add(rel)) {
            PngFiles.writeGray(folder.resolve(rel), pool.pixels()[k], SIDE, SIDE);
        }
        return rel;
    }

    /** ⌊N(mean, sd)⌋, at least 1 (the reference code's int() of a normal draw). */
    static int length(DigitBagSpec spec, SplittableRandom rnd) {
        double z = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
        return Math.max(1, (int) (spec.meanLength() + spec.sdLength() * z));
    }

    private static BagRecord keyInstanceBag(Path folder, String id, Split split, Digits pool, String poolName,
            DigitBagSpec spec, SplittableRandom rnd, Set<String> written) throws IOException {
        int n = length(spec, rnd);
        List<String> files = new ArrayList<>();
        boolean positive = false;
        for (int j = 0; j < n; j++) {
            int k = rnd.nextInt(pool.size());
            positive |= pool.labels()[k] == spec.targetDigit();
            files.add(digitFile(folder, pool, poolName, k, written));
        }
        return new BagRecord(id, split, positive ? List.of("digit-" + spec.targetDigit()) : List.of(), files);
    }

    private static BagRecord multiLabelBag(Path folder, String id, Split split, Digits pool, DigitBagSpec spec,
            SplittableRandom rnd, List<String> classes) throws IOException {
        int k = spec.minLabels() + rnd.nextInt(spec.maxLabels() - spec.minLabels() + 1);
        List<Integer> digits = new ArrayList<>();
        while (digits.size() < k) {
            int d = rnd.nextInt(10);
            if (!digits.contains(d)) {
                digits.add(d);
            }
        }
        int n = Math.max(k, length(spec, rnd));
        List<String> files = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            // every label shown at least once: the first k instances show one each, the rest at random
            int d = j < k ? digits.get(j) : digits.get(rnd.nextInt(k));
            int[] ofClass = pool.ofClass(d);
            byte[] img = alter(pool.pixels()[ofClass[rnd.nextInt(ofClass.length)]], spec, rnd);
            String rel = "images/" + id + "/" + j + ".png";
            PngFiles.writeGray(folder.resolve(rel), img, SIDE, SIDE);
            files.add(rel);
        }
        // the instance order carries no information
        for (int j = files.size() - 1; j > 0; j--) {
            int m = rnd.nextInt(j + 1);
            files.set(j, files.set(m, files.get(j)));
        }
        Set<String> labels = new TreeSet<>();
        digits.forEach(d -> labels.add(classes.get(d)));
        return new BagRecord(id, split, List.copyOf(labels), files);
    }

    /** Occlusion (a black square of a third of the side, with the spec's probability), then Gaussian noise. */
    static byte[] alter(byte[] pixels, DigitBagSpec spec, SplittableRandom rnd) {
        double[] v = new double[pixels.length];
        for (int p = 0; p < v.length; p++) {
            v[p] = (pixels[p] & 0xFF) / 255.0;
        }
        if (rnd.nextDouble() < spec.occlusion()) {
            int s = SIDE / 3;
            int y0 = rnd.nextInt(SIDE - s + 1);
            int x0 = rnd.nextInt(SIDE - s + 1);
            for (int y = y0; y < y0 + s; y++) {
                for (int x = x0; x < x0 + s; x++) {
                    v[y * SIDE + x] = 0;
                }
            }
        }
        byte[] out = new byte[pixels.length];
        for (int p = 0; p < v.length; p++) {
            double z = spec.noise() > 0
                    ? Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble()) : 0;
            out[p] = (byte) Math.round(255 * Math.max(0, Math.min(1, v[p] + spec.noise() * z)));
        }
        return out;
    }
}
