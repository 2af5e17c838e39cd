package org.dragnj.datasets.hpa.crops;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.ManifestWriter;
import org.dragnj.datasets.hpa.crops.HpaCropReport.BagWithoutCrops;
import org.dragnj.datasets.hpa.crops.HpaCropReport.ImageEntry;
import org.dragnj.datasets.hpa.crops.HpaCropReport.ImageFailure;
import org.dragnj.datasets.hpa.grouping.GroupingException;
import org.dragnj.datasets.hpa.grouping.GroupingReader;
import org.dragnj.datasets.hpa.grouping.HpaBag;
import org.dragnj.datasets.hpa.grouping.HpaGrouping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * HPA cropping: turns a grouping file and its images into a bag manifest of cell crops, as the DRAGN
 * paper prepares HPA (docs/design.md §5). Images are processed in parallel; the run is resumable (an image
 * with a valid completion marker is skipped) and robust (an image that cannot be read is recorded in
 * the report and the run goes on).
 *
 * <pre>
 * output/
 *   bags.csv, classes.txt          the bag manifest (ManifestReader reads it); instances are crop paths
 *   crops/&lt;image&gt;/&lt;image&gt;_NN.png     the crops of an image, best proposal first (see {@link CropFormat})
 *   crops/&lt;image&gt;/done.json          completion marker: settings fingerprint and crop windows
 *   report.json                    {@link HpaCropReport}
 * </pre>
 */
public final class HpaCropper {

    public static final String CROP_FOLDER = "crops";

    private static final Logger LOG = LoggerFactory.getLogger(HpaCropper.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HpaCropSpec config;

    public HpaCropper(HpaCropSpec config) {
        this.config = config;
    }

    public HpaCropResult run() throws IOException {
        return run(ProgressListener.NONE);
    }

    /**
     * Runs the whole job.
     *
     * @throws GroupingException if the grouping file has problems (nothing is cropped then)
     * @throws IOException       if the output folder cannot be written
     */
    public HpaCropResult run(ProgressListener progress) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        HpaGrouping grouping = grouping(config);
        Files.createDirectories(config.outputFolder());
        AtomicFiles.removeStaleTemporaries(config.outputFolder(), 2); // crops/<image>/<image>_NN.png
        LOG.info("cropping {} images of {} bags from {} ({} proposals, {} threads) into {}", grouping.imageCount(),
                grouping.bags().size(), config.groupingFile(), config.proposals().mode(), config.threads(),
                config.outputFolder());
        List<ImageOutcome> outcomes = cropAll(grouping, progress);
        HpaCropResult result = finish(config, grouping, outcomes, started, (System.nanoTime() - t0) / 1e9,
                config.describe());
        LOG.info("{}; report {}", result.report().summary(), result.reportFile());
        return result;
    }

    /** The images and bags to crop, with their splits settled. */
    public static HpaGrouping grouping(HpaCropSpec config) throws IOException {
        return GroupingReader.read(config.groupingFile(), config.groupingFormat(), config.classes())
                .withUnnamedSplits(config.defaultSplit(), config.splitFractions());
    }

    /**
     * Writes the manifest and report.json into {@code config}'s output folder from every image's outcome,
     * however they were computed (threads here, or the workers of a distributed run).
     *
     * @param settings the settings as report.json states them (a distributed run names its URIs)
     */
    public static HpaCropResult finish(HpaCropSpec config, HpaGrouping grouping, List<ImageOutcome> outcomes,
            Instant started, double seconds, Map<String, Object> settings) throws IOException {
        Manifest manifest = writeManifest(config, grouping, outcomes);
        HpaCropReport report = report(config, started, seconds, grouping, outcomes, manifest, settings);
        Path reportFile = config.outputFolder().resolve(HpaCropReport.FILE);
        AtomicFiles.write(reportFile, out -> JSON.writeValue(out, report));
        return new HpaCropResult(report, manifest, reportFile);
    }

    private List<ImageOutcome> cropAll(HpaGrouping grouping, ProgressListener progress) throws IOException {
        ImageCropTask task = new ImageCropTask(config);
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "hpa-crop-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        progress.started("crop HPA images", grouping.imageCount(), "images");
        try {
            List<Future<ImageOutcome>> futures = new ArrayList<>();
            for (HpaBag bag : grouping.bags()) {
                for (String imageId : bag.imageIds()) {
                    futures.add(pool.submit(() -> {
                        ImageOutcome o = task.run(imageId, bag.id());
                        progress.advanced(1, imageId + ": " + switch (o.status()) {
                            case CROPPED -> o.crops().size() + " crops";
                            case RESUMED -> "done earlier";
                            case FAILED -> "failed";
                        });
                        return o;
                    }));
                }
            }
            List<ImageOutcome> outcomes = new ArrayList<>(futures.size());
            for (Future<ImageOutcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("cropping interrupted; completed images are kept"
                    + " and a rerun resumes after them");
            ie.initCause(e);
            throw ie;
        } catch (ExecutionException e) {
            // The task turns every IOException and RuntimeException into a FAILED outcome; this is an Error.
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException("cropping failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finished();
        }
    }

    private static Manifest writeManifest(HpaCropSpec config, HpaGrouping grouping, List<ImageOutcome> outcomes)
            throws IOException {
        Map<String, List<ImageOutcome>> byBag = outcomes.stream()
                .collect(Collectors.groupingBy(ImageOutcome::bagId, LinkedHashMap::new, Collectors.toList()));
        List<BagRecord> bags = new ArrayList<>();
        for (HpaBag bag : grouping.bags()) {
            List<String> instances = byBag.getOrDefault(bag.id(), List.of()).stream()
                    .flatMap(o -> o.crops().stream()).map(CompletionMarker.Crop::file).toList();
            if (!instances.isEmpty()) {
                bags.add(new BagRecord(bag.id(), bag.split(), bag.labels(), instances));
            }
        }
        Manifest manifest = new Manifest(config.outputFolder(), grouping.classes(), bags);
        ManifestWriter.write(manifest);
        return manifest;
    }

    private static HpaCropReport report(HpaCropSpec config, Instant started, double seconds, HpaGrouping grouping,
            List<ImageOutcome> outcomes, Manifest manifest, Map<String, Object> settings) {
        List<ImageFailure> failures = new ArrayList<>();
        List<String> withoutCrops = new ArrayList<>();
        List<ImageEntry> entries = new ArrayList<>();
        int cropped = 0;
        int resumed = 0;
        long written = 0;
        long total = 0;
        double proposalSeconds = 0;
        double cropSeconds = 0;
        for (ImageOutcome o : outcomes) {
            switch (o.status()) {
                case CROPPED -> {
                    cropped++;
                    written += o.crops().size();
                }
                case RESUMED -> resumed++;
                case FAILED -> failures.add(new ImageFailure(o.imageId(), o.bagId(), o.reason()));
                default -> throw new IllegalStateException(o.status().toString());
            }
            if (o.status() != ImageOutcome.Status.FAILED && o.crops().isEmpty()) {
                withoutCrops.add(o.imageId());
            }
            total += o.crops().size();
            proposalSeconds += o.proposalSeconds();
            cropSeconds += o.cropSeconds();
            entries.add(new ImageEntry(o.imageId(), o.bagId(), o.status().name(), o.crops().size(), o.proposals(),
                    o.sized(), o.proposalSeconds() + o.cropSeconds()));
        }
        List<BagWithoutCrops> bagsWithout = new ArrayList<>();
        Map<String, List<ImageOutcome>> byBag = outcomes.stream()
                .collect(Collectors.groupingBy(ImageOutcome::bagId, LinkedHashMap::new, Collectors.toList()));
        for (HpaBag bag : grouping.bags()) {
            List<ImageOutcome> images = byBag.getOrDefault(bag.id(), List.of());
            if (images.stream().allMatch(o -> o.crops().isEmpty())) {
                bagsWithout.add(new BagWithoutCrops(bag.id(), "no crops from its " + images.size() + " image(s): "
                        + images.stream().map(o -> o.imageId() + (o.status() == ImageOutcome.Status.FAILED
                                ? " failed (" + o.reason() + ")" : " had no proposal left after the size/aspect filters"))
                                .collect(Collectors.joining("; "))));
            }
        }
        return new HpaCropReport(started.toString(), seconds, config.proposals().mode().name(), settings,
                outcomes.size(), cropped, resumed, failures.size(), written, total, seconds > 0 ? written / seconds : 0,
                seconds > 0 ? cropped / seconds : 0, proposalSeconds, cropSeconds, grouping.bags().size(),
                manifest.bags().size(), failures, withoutCrops, bagsWithout, entries);
    }
}
