package org.dragnj.spark.hpa;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.hpa.crops.HpaCropReport;
import org.dragnj.datasets.hpa.crops.HpaCropResult;
import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.dragnj.datasets.hpa.crops.HpaCropper;
import org.dragnj.datasets.hpa.crops.ImageOutcome;
import org.dragnj.datasets.hpa.grouping.HpaBag;
import org.dragnj.datasets.hpa.grouping.HpaGrouping;
import org.dragnj.spark.HadoopFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code prepare-hpa} over a Spark cluster: the driver reads the grouping and lists the image folder
 * once, the executors crop one image per task ({@link ImageJob}), and the driver writes bags.csv,
 * classes.txt and report.json from the collected outcomes with the single-machine code, so the two
 * give the same manifest and bit-identical crops. Inputs and outputs are URIs (file:, hdfs:, s3a:).
 */
public final class DistributedHpaCropper {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedHpaCropper.class);

    /** Where the job reads and writes. */
    public record Locations(URI grouping, URI images, URI out) {
    }

    private DistributedHpaCropper() {
    }

    /**
     * @param spec the settings (its folders are ignored: the job reads and writes {@code at})
     */
    public static HpaCropResult run(JavaSparkContext sc, HpaCropSpec spec, Locations at) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        Path work = Files.createTempDirectory("dragn-hpa-driver-");
        try {
            return run(sc, spec, at, work, files, started, t0);
        } finally {
            LocalFolders.delete(work);
        }
    }

    private static HpaCropResult run(JavaSparkContext sc, HpaCropSpec spec, Locations at, Path work, HadoopFiles files,
            Instant started, long t0) throws IOException {
        Path grouping = work.resolve(new org.apache.hadoop.fs.Path(at.grouping()).getName());
        files.download(at.grouping(), grouping);
        Path local = Files.createDirectories(work.resolve("out"));
        HpaCropSpec driverSpec = CropSettings.of(spec).at(grouping, work, local);
        HpaGrouping groups = HpaCropper.grouping(driverSpec);

        removeStaleStaging(files, at.out());
        List<ImageJob> jobs = jobs(groups, listImages(files, at.images()));
        int slices = Math.max(1, Math.min(jobs.size(), sc.defaultParallelism() * 4));
        LOG.info("cropping {} images of {} bags from {} into {} on {} partitions", jobs.size(), groups.bags().size(),
                at.images(), at.out(), slices);
        Broadcast<CropSettings> settings = sc.broadcast(CropSettings.of(spec));
        URI images = at.images();
        URI out = at.out();
        List<ImageOutcome> outcomes = sc.parallelize(jobs, slices)
                .map(job -> job.run(settings.value(), files, images, out)).collect();

        Map<String, Object> described = new LinkedHashMap<>(driverSpec.describe());
        described.put("groupingFile", at.grouping().toString());
        described.put("imageFolder", at.images().toString());
        described.put("outputFolder", at.out().toString());
        described.put("threads", "Spark: " + sc.defaultParallelism() + " cores, " + slices + " partitions");
        HpaCropResult result = HpaCropper.finish(driverSpec, groups, outcomes, started, (System.nanoTime() - t0) / 1e9,
                described);
        for (String name : List.of(Manifest.CLASSES_FILE, Manifest.BAGS_FILE, HpaCropReport.FILE)) {
            files.upload(local.resolve(name), HadoopFiles.child(at.out(), name));
        }
        LOG.info("{}; report {}", result.report().summary(), HadoopFiles.child(at.out(), HpaCropReport.FILE));
        return result;
    }

    /** Every file of the image folder by the image id it may belong to, from one listing. */
    private static Map<String, List<String>> listImages(HadoopFiles files, URI images) throws IOException {
        FileSystem fs = files.fs(images);
        Map<String, List<String>> byPrefix = new HashMap<>();
        for (FileStatus f : fs.listStatus(HadoopFiles.path(images))) {
            if (!f.isFile()) {
                continue;
            }
            String name = f.getPath().getName();
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '.' || c == '_') {
                    byPrefix.computeIfAbsent(name.substring(0, i), k -> new ArrayList<>()).add(name);
                }
            }
        }
        return byPrefix;
    }

    private static List<ImageJob> jobs(HpaGrouping groups, Map<String, List<String>> files) {
        List<ImageJob> jobs = new ArrayList<>();
        for (HpaBag bag : groups.bags()) {
            for (String id : bag.imageIds()) {
                // an image without files is still a job: its task fails with the single-machine reason
                jobs.add(new ImageJob(id, bag.id(), List.copyOf(files.getOrDefault(id, List.of()))));
            }
        }
        return jobs;
    }

    private static void removeStaleStaging(HadoopFiles files, URI out) throws IOException {
        FileSystem fs = files.fs(out);
        org.apache.hadoop.fs.Path crops = new org.apache.hadoop.fs.Path(HadoopFiles.path(out), HpaCropper.CROP_FOLDER);
        if (!fs.exists(crops)) {
            return;
        }
        int removed = 0;
        for (FileStatus f : fs.listStatus(crops)) {
            if (AtomicFiles.isTemporary(f.getPath().getName())) { // a crop folder an interrupted publish left
                fs.delete(f.getPath(), true);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} unfinished crop folder(s) an interrupted earlier run left in {}", removed, crops);
        }
    }
}
