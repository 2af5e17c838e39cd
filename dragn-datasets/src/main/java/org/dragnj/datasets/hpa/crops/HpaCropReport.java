package org.dragnj.datasets.hpa.crops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cropping run did; written as {@code report.json} in the output folder.
 *
 * @param startedAt          ISO-8601 start time
 * @param seconds            wall-clock time of the run
 * @param proposalMode       the proposal mode
 * @param config             every setting
 * @param imagesTotal        images listed in the grouping file
 * @param imagesCropped      images whose proposals and crops were computed in this run
 * @param imagesResumed      images skipped because an earlier run completed them with the same settings
 * @param imagesFailed       images that could not be processed (see failures)
 * @param cropsWritten       crops written in this run
 * @param cropsTotal         crops in the manifest (written now or earlier)
 * @param cropsPerSecond     cropsWritten / seconds
 * @param imagesPerSecond    imagesCropped / seconds
 * @param proposalSeconds    time spent proposing, summed over threads
 * @param cropSeconds        time spent decoding, cutting, resizing and encoding, summed over threads
 * @param bagsTotal          bags in the grouping file
 * @param bagsInManifest     bags written to the manifest (those with at least one crop)
 * @param failures           every failed image and why
 * @param imagesWithoutCrops images processed fine whose proposals all fell to the filters
 * @param bagsWithoutCrops   bags left out of the manifest, and why
 * @param images             per image: status, crops, proposals
 */
public record HpaCropReport(String startedAt, double seconds, String proposalMode, Map<String, Object> config,
        int imagesTotal, int imagesCropped, int imagesResumed, int imagesFailed, long cropsWritten, long cropsTotal,
        double cropsPerSecond, double imagesPerSecond, double proposalSeconds, double cropSeconds, int bagsTotal,
        int bagsInManifest, List<ImageFailure> failures, List<String> imagesWithoutCrops,
        List<BagWithoutCrops> bagsWithoutCrops, List<ImageEntry> images) {

    public static final String FILE = "report.json";

    /** An image that failed. */
    public record ImageFailure(String imageId, String bagId, String reason) {
    }

    /** A bag with no crops at all, so not in the manifest. */
    public record BagWithoutCrops(String bagId, String reason) {
    }

    /** What happened to one image: status CROPPED, RESUMED or FAILED. */
    public record ImageEntry(String imageId, String bagId, String status, int crops, int proposals, int sized,
            double seconds) {
    }

    public HpaCropReport {
        config = new LinkedHashMap<>(config);
        failures = List.copyOf(failures);
        imagesWithoutCrops = List.copyOf(imagesWithoutCrops);
        bagsWithoutCrops = List.copyOf(bagsWithoutCrops);
        images = List.copyOf(images);
    }

    /** Crops per image id (0 for failed images), in grouping order. */
    public Map<String, Integer> cropsPerImage() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (ImageEntry e : images) {
            m.put(e.imageId(), e.crops());
        }
        return m;
    }

    /** One line for logs and the command line. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d images: %d cropped, %d resumed, %d failed; %d crops written (%d in the manifest, %d bags) in %.1f s,"
                        + " %.2f crops/s",
                imagesTotal, imagesCropped, imagesResumed, imagesFailed, cropsWritten, cropsTotal, bagsInManifest,
                seconds, cropsPerSecond);
    }
}
