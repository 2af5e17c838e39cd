package org.dragnj.spark.hpa;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.datasets.hpa.crops.CompletionMarker;
import org.dragnj.datasets.hpa.crops.HpaCropper;
import org.dragnj.datasets.hpa.crops.ImageCropTask;
import org.dragnj.datasets.hpa.crops.ImageOutcome;
import org.dragnj.spark.HadoopFiles;

/**
 * One image, cropped on an executor: its source files and any earlier crops are copied to a local
 * folder, {@link ImageCropTask} (the single-machine code) decides between resuming and cropping, and
 * new crops go to the output as one folder renamed into place. A task killed at any point leaves
 * either the old folder or the new one, never a mix; Spark's retry starts the image afresh.
 *
 * @param sources the image's files in the input folder (names), listed once by the driver
 */
record ImageJob(String imageId, String bagId, List<String> sources) implements Serializable {

    ImageOutcome run(CropSettings settings, HadoopFiles files, URI images, URI out) {
        Path work = null;
        try {
            work = Files.createTempDirectory("dragn-hpa-");
            Path in = Files.createDirectories(work.resolve("in"));
            Path local = Files.createDirectories(work.resolve("out"));
            for (String name : sources) {
                files.download(HadoopFiles.child(images, name), in.resolve(name));
            }
            String name = ImageCropTask.safeName(imageId);
            String cropDir = HpaCropper.CROP_FOLDER + "/" + name;
            URI remoteDir = HadoopFiles.child(out, cropDir);
            FileSystem fs = files.fs(out);
            if (fs.exists(HadoopFiles.path(HadoopFiles.child(remoteDir, CompletionMarker.FILE)))) {
                for (FileStatus f : fs.listStatus(HadoopFiles.path(remoteDir))) {
                    files.download(f.getPath().toUri(), local.resolve(cropDir).resolve(f.getPath().getName()));
                }
            }
            ImageOutcome outcome = new ImageCropTask(settings.at(in, in, local)).run(imageId, bagId);
            if (outcome.status() == ImageOutcome.Status.CROPPED) {
                publish(fs, local.resolve(cropDir), remoteDir);
            }
            return outcome;
        } catch (IOException | RuntimeException e) {
            return ImageOutcome.failed(imageId, bagId, "on the executor: " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()), 0);
        } finally {
            if (work != null) {
                LocalFolders.delete(work);
            }
        }
    }

    /** Uploads the image's crop folder beside its final name, then swaps it in. */
    private static void publish(FileSystem fs, Path localDir, URI remoteDir) throws IOException {
        org.apache.hadoop.fs.Path target = HadoopFiles.path(remoteDir);
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(target.getParent(),
                AtomicFiles.temporaryName(target.getName(), ".tmp"));
        List<Path> local = new ArrayList<>();
        try (var s = Files.list(localDir)) {
            s.sorted().forEach(local::add);
        }
        for (Path f : local) { // the folder is hidden until renamed: its files need no temporary names of their own
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()),
                    new org.apache.hadoop.fs.Path(staging, f.getFileName().toString()));
        }
        fs.delete(target, true);
        if (!fs.rename(staging, target)) {
            fs.delete(staging, true);
            if (!fs.exists(target)) {
                throw new IOException("cannot move " + staging + " to " + target);
            }
            // a speculative twin of this task published the same crops first
        }
    }
}
