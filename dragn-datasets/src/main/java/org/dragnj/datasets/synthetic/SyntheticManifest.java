package org.dragnj.datasets.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.ManifestWriter;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSample;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.datasets.manifest.ManifestReader;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a {@link SyntheticBagGenerator}'s bags as a bag manifest of PNG files, the input format of
 * training, so the whole pipeline runs on it. Bags 0 … train−1 form the training split, then
 * validation, then test. The generator's spec is stored next to the manifest; a folder written
 * for the same spec and sizes is reused instead of regenerated.
 */
public final class SyntheticManifest {

    static final String SPEC_FILE = "synthetic.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticManifest() {
    }

    /** The split sizes of a synthetic manifest. */
    public record Sizes(int train, int val, int test) {
        public Sizes {
            if (train < 1 || val < 0 || test < 0) {
                throw new IllegalArgumentException("need at least one training bag and no negative sizes");
            }
        }
    }

    private record Stored(SyntheticBagSpec spec, Sizes sizes) {
    }

    /** Writes (or reuses) the manifest in {@code folder} and returns it. */
    public static Manifest write(Path folder, SyntheticBagGenerator generator, Sizes sizes, ProgressListener progress)
            throws IOException {
        Stored wanted = new Stored(generator.spec(), sizes);
        Path specFile = folder.resolve(SPEC_FILE);
        if (Files.isRegularFile(specFile) && Files.isRegularFile(folder.resolve(Manifest.BAGS_FILE))
                && JSON.readValue(specFile.toFile(), Stored.class).equals(wanted)) {
            return ManifestReader.strict().read(folder).manifest();
        }
        AtomicFiles.removeStaleTemporaries(folder, 2); // images/bag-<i>/<j>.png
        int total = sizes.train() + sizes.val() + sizes.test();
        List<BagRecord> records = new ArrayList<>(total);
        List<String> classes = generator.classNames();
        progress.started("synthesize", total, "bags");
        for (int i = 0; i < total; i++) {
            SyntheticBagSample sample = generator.sample(i);
            List<String> files = new ArrayList<>();
            for (int j = 0; j < sample.instances().size(); j++) {
                String rel = "images/bag-" + i + "/" + j + ".png";
                writePng(folder.resolve(rel), sample.instances().get(j), generator.spec().height(),
                        generator.spec().width());
                files.add(rel);
            }
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < classes.size(); k++) {
                if (sample.labels()[k]) {
                    labels.add(classes.get(k));
                }
            }
            Split split = i < sizes.train() ? Split.TRAIN : i < sizes.train() + sizes.val() ? Split.VAL : Split.TEST;
            records.add(new BagRecord("bag-" + i, split, labels, files));
            progress.advanced(1, "");
        }
        progress.finished();
        ManifestWriter.write(folder, classes, records);
        AtomicFiles.write(specFile, out -> JSON.writeValue(out, wanted));
        return new Manifest(folder, classes, records);
    }

    /** An RGB image [3, h, w] in [0, 1] as an 8-bit PNG (OpenCV stores BGR, so channels are swapped). */
    static void writePng(Path file, float[] chw, int h, int w) throws IOException {
        byte[] bgr = new byte[h * w * 3];
        int plane = h * w;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                float v = chw[(2 - c) * plane + p];
                bgr[p * 3 + c] = (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
            }
        }
        PngFiles.writeBgr(file, bgr, h, w);
    }
}
