package org.dragnj.datasets.hpa.crops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.datasets.hpa.image.HpaImage;
import org.dragnj.datasets.hpa.image.HpaImageReader;
import org.dragnj.datasets.hpa.proposals.Box;
import org.dragnj.datasets.hpa.proposals.BoxSelector;
import org.dragnj.datasets.hpa.proposals.ProposalGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crops one image: skip it if a valid completion marker says an earlier run did it; otherwise decode,
 * propose, select, write every crop atomically, remove crops a previous run left that are no longer
 * wanted, and write the marker last. Any problem becomes a FAILED outcome; nothing is thrown.
 */
public final class ImageCropTask {

    private static final Logger LOG = LoggerFactory.getLogger(ImageCropTask.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final HpaCropSpec config;
    private final HpaImageReader reader;
    private final ProposalGenerator proposer;
    private final BoxSelector selector;
    private final CropRenderer renderer;
    private final String fingerprint;

    public ImageCropTask(HpaCropSpec config) {
        this.config = config;
        this.reader = new HpaImageReader(config.imageFolder(), config.imageLayout(),
                config.cropFormat() == CropFormat.RGBA_ER);
        this.proposer = ProposalGenerator.of(config.proposals());
        this.selector = new BoxSelector(config.proposals());
        this.renderer = new CropRenderer(config);
        this.fingerprint = config.cropFingerprint();
    }

    /** Folder name of an image's crops: the id itself when it is a safe file name, else a sanitised, hashed form. */
    public static String safeName(String imageId) {
        String safe = UNSAFE.matcher(imageId).replaceAll("_");
        if (safe.equals(imageId) && !safe.startsWith(".")) {
            return safe;
        }
        // Two ids that sanitise alike ("a/b", "a:b") must not share a folder.
        return (safe.startsWith(".") ? "_" + safe.substring(1) : safe) + "-"
                + HexFormat.of().toHexDigits(imageId.hashCode());
    }

    /** Crops one image (or finds it done by an earlier run); never throws: a failure is an outcome. */
    public ImageOutcome run(String imageId, String bagId) {
        long t0 = System.nanoTime();
        String name = safeName(imageId);
        Path markerFile = config.outputFolder().resolve(HpaCropper.CROP_FOLDER).resolve(name)
                .resolve(CompletionMarker.FILE);
        try {
            List<Path> sources = reader.locate(imageId);
            String stamp = CompletionMarker.stamp(sources);
            CompletionMarker done = CompletionMarker.readOrNull(markerFile);
            // Sources gone since (moved away after cropping): the crops still stand.
            if (done != null && isComplete(done, imageId) && (sources.isEmpty() || stamp.equals(done.sources()))) {
                return new ImageOutcome(imageId, bagId, ImageOutcome.Status.RESUMED, done.crops(), done.proposals(),
                        done.sized(), 0, 0, null);
            }
            if (done != null) {
                LOG.debug("image '{}': earlier crops are stale or incomplete; cropping again", imageId);
            }
            // Without the marker an interrupted rerun cannot mistake half-replaced crops for finished ones.
            Files.deleteIfExists(markerFile);
            return crop(imageId, bagId, name, stamp, markerFile, t0);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("image '{}' (bag '{}') failed, the run goes on: {}", imageId, bagId, reason);
            return ImageOutcome.failed(imageId, bagId, reason, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Decodes, proposes, writes the crops, then the marker. */
    private ImageOutcome crop(String imageId, String bagId, String name, String stamp, Path markerFile, long t0)
            throws IOException {
        Path dir = markerFile.getParent();
        String relDir = HpaCropper.CROP_FOLDER + "/" + name;
        try (HpaImage image = reader.read(imageId)) {
            long t1 = System.nanoTime();
            List<Box> proposals = proposer.propose(image);
            long t2 = System.nanoTime();
            BoxSelector.Selection sel = selector.select(proposals, image.width(), image.height());
            List<CompletionMarker.Crop> crops = new ArrayList<>();
            String digits = "%0" + Math.max(2, Integer.toString(config.proposals().maxWindows() - 1).length()) + "d";
            for (int k = 0; k < sel.windows().size(); k++) {
                Box w = sel.windows().get(k);
                String file = name + "_" + String.format(Locale.ROOT, digits, k) + ".png";
                byte[] png = renderer.render(image, w);
                AtomicFiles.write(dir.resolve(file), out -> out.write(png));
                crops.add(new CompletionMarker.Crop(relDir + "/" + file, w.x(), w.y(), w.w()));
            }
            removeStale(dir, name, crops);
            long t3 = System.nanoTime();
            new CompletionMarker(imageId, fingerprint, stamp, image.width(), image.height(), sel.proposed(),
                    sel.sized(), crops, (t3 - t0) / 1e9).write(markerFile);
            return new ImageOutcome(imageId, bagId, ImageOutcome.Status.CROPPED, crops, sel.proposed(), sel.sized(),
                    (t2 - t1) / 1e9, ((t1 - t0) + (t3 - t2)) / 1e9, null);
        }
    }

    private boolean isComplete(CompletionMarker m, String imageId) {
        if (!imageId.equals(m.imageId()) || !fingerprint.equals(m.fingerprint())) {
            return false;
        }
        for (CompletionMarker.Crop c : m.crops()) {
            if (!Files.isRegularFile(config.outputFolder().resolve(c.file()))) {
                return false;
            }
        }
        return true;
    }

    /** Deletes crop files of this image that the new crop list does not contain (left by other settings). */
    private static void removeStale(Path dir, String name, List<CompletionMarker.Crop> crops) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> keep = new HashSet<>();
        for (CompletionMarker.Crop c : crops) {
            keep.add(c.file().substring(c.file().lastIndexOf('/') + 1));
        }
        Pattern ours = Pattern.compile(Pattern.quote(name) + "_\\d+\\.png");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String fn = f.getFileName().toString();
                if (ours.matcher(fn).matches() && !keep.contains(fn)) {
                    Files.delete(f);
                }
            }
        }
    }
}
