package org.dragnj.datasets.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.folder.ImageFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every instance image of some bags, decoded once before any training or scoring starts, so that a
 * corrupt file in the test split is found in seconds rather than after the last epoch. Files are
 * decoded in parallel; results are remembered in a {@link SurveyCache} under the file's size and
 * modification time, so a rerun on unchanged data decodes nothing.
 */
public final class ImageSurvey {

    private static final Logger LOG = LoggerFactory.getLogger(ImageSurvey.class);

    /** One file: its format, or why it could not be read. */
    public record Finding(ImageFormat format, String error) {
        public boolean readable() {
            return format != null;
        }
    }

    private final Map<String, Finding> byInstance;
    private final int decoded;

    private ImageSurvey(Map<String, Finding> byInstance, int decoded) {
        this.byInstance = byInstance;
        this.decoded = decoded;
    }

    /**
     * @param cache   where results are remembered between runs; null to decode every file
     * @param threads decoding threads (≥ 1)
     */
    public static ImageSurvey of(Manifest manifest, List<BagRecord> bags, Path cache, int threads,
            ProgressListener progress) throws IOException {
        Set<String> instances = new LinkedHashSet<>();
        bags.forEach(b -> instances.addAll(b.instances()));
        SurveyCache remembered = cache == null ? SurveyCache.none() : SurveyCache.read(cache);
        Map<String, Finding> found = new HashMap<>();
        Map<String, SurveyCache.Stamp> stamps = new HashMap<>();
        List<String> toDecode = new ArrayList<>();
        for (String instance : instances) {
            Path file = manifest.resolve(instance);
            SurveyCache.Stamp stamp = stamp(file);
            if (stamp == null) {
                found.put(instance, new Finding(null, "no such file"));
                continue;
            }
            stamps.put(instance, stamp);
            Finding known = remembered.get(file, stamp);
            if (known != null) {
                found.put(instance, known);
            } else {
                toDecode.add(instance);
            }
        }
        if (!toDecode.isEmpty()) {
            decodeAll(manifest, toDecode, threads, progress, found);
        }
        if (cache != null && !toDecode.isEmpty()) {
            SurveyCache updated = remembered.copy();
            for (String instance : instances) {
                SurveyCache.Stamp stamp = stamps.get(instance);
                if (stamp != null) {
                    updated.put(manifest.resolve(instance), stamp, found.get(instance));
                }
            }
            updated.write(cache);
        }
        LOG.info("checked {} images: {} decoded, {} unchanged since an earlier check", instances.size(),
                toDecode.size(), instances.size() - toDecode.size());
        return new ImageSurvey(Collections.unmodifiableMap(found), toDecode.size());
    }

    private static void decodeAll(Manifest manifest, List<String> files, int threads, ProgressListener progress,
            Map<String, Finding> found) throws IOException {
        progress.started("checking images", files.size(), "images");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "image-survey");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Finding>> futures = new ArrayList<>();
            for (String instance : files) {
                Path file = manifest.resolve(instance);
                futures.add(pool.submit(() -> {
                    Finding f;
                    try {
                        f = new Finding(ImageFormats.decode(file), null);
                    } catch (IOException | RuntimeException e) {
                        f = new Finding(null, e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                    return f;
                }));
            }
            for (int i = 0; i < files.size(); i++) {
                found.put(files.get(i), futures.get(i).get());
                progress.advanced(1, "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking images", e);
        } catch (ExecutionException e) {
            throw new IOException("checking images failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finished();
        }
    }

    private static SurveyCache.Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? new SurveyCache.Stamp(a.size(), a.lastModifiedTime().toMillis()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What was found for an instance path as the manifest writes it (null if it was not surveyed). */
    public Finding get(String instance) {
        return byInstance.get(instance);
    }

    /** Files actually decoded by this survey (the rest came from the cache). */
    public int decoded() {
        return decoded;
    }
}
