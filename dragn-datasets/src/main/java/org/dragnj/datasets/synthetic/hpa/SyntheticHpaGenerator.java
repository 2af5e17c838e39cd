package org.dragnj.datasets.synthetic.hpa;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaPlanner.BagPlan;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaPlanner.CellPlan;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaPlanner.ImagePlan;

/**
 * Writes a synthetic HPA-like data set in the real input format (see {@link SyntheticHpaDataset} for
 * the layout). A field is a set of cells; each cell shows some of its bag's labels in the green
 * channel (not necessarily all, and possibly a faint decoy), fields may be out of focus, and every
 * label of a bag is shown clearly by at least one of its cells. Same spec, same files, byte for byte.
 */
public final class SyntheticHpaGenerator {

    /** Kaggle channel suffixes in the order the renderer produces them. */
    static final String[] CHANNELS = {"red", "green", "blue", "yellow"};

    private final SyntheticHpaSpec spec;
    private final SyntheticHpaPlanner planner;

    public SyntheticHpaGenerator(SyntheticHpaSpec spec) {
        this.spec = spec;
        this.planner = new SyntheticHpaPlanner(spec);
    }

    public SyntheticHpaSpec spec() {
        return spec;
    }

    /** Class names in index order. */
    public List<String> classNames() {
        return HpaPattern.labels();
    }

    /** The labels of bag b (ascending), without rendering anything. */
    public List<HpaPattern> bagLabels(int b) {
        return planner.plan(b).labels();
    }

    /** Ground-truth cells of every image of bag b, without rendering anything. */
    public Map<String, List<SyntheticHpaCell>> cells(int b) {
        Map<String, List<SyntheticHpaCell>> out = new LinkedHashMap<>();
        for (ImagePlan image : planner.plan(b).images()) {
            out.put(image.imageId(), image.cells().stream().map(CellPlan::truth).toList());
        }
        return out;
    }

    /** Writes the whole data set, rendering images on all cores. */
    public SyntheticHpaDataset write(Path folder) throws IOException {
        return write(folder, ProgressListener.NONE);
    }

    public SyntheticHpaDataset write(Path folder, ProgressListener progress) throws IOException {
        List<BagPlan> bags = new ArrayList<>();
        for (int b = 0; b < spec.bags(); b++) {
            bags.add(planner.plan(b));
        }
        List<ImagePlan> images = bags.stream().flatMap(b -> b.images().stream()).toList();
        Path imageFolder = folder.resolve(SyntheticHpaDataset.IMAGE_FOLDER);
        AtomicFiles.removeStaleTemporaries(folder, 1);
        progress.started("render synthetic HPA fields", images.size(), "images");
        FieldRenderer renderer = new FieldRenderer(spec);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "hpa-synthetic");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ImagePlan image : images) {
                done.add(pool.submit(() -> {
                    writeImage(renderer, image, imageFolder);
                    progress.advanced(1, image.imageId());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering synthetic HPA fields into " + imageFolder, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("rendering a synthetic HPA field failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finished();
        }

        List<String> classes = classNames();
        AtomicFiles.writeString(folder.resolve(SyntheticHpaDataset.CLASSES_FILE), String.join("\n", classes) + "\n");
        writeGrouping(folder.resolve(SyntheticHpaDataset.GROUPING_FILE), bags);
        writeKaggle(folder.resolve(SyntheticHpaDataset.KAGGLE_FILE), bags);
        Map<String, List<SyntheticHpaCell>> cells = new LinkedHashMap<>();
        for (ImagePlan image : images) {
            cells.put(image.imageId(), image.cells().stream().map(CellPlan::truth).toList());
        }
        SyntheticHpaTruth.write(folder.resolve(SyntheticHpaDataset.CELLS_FILE),
                cells.values().stream().flatMap(List::stream).toList());
        return new SyntheticHpaDataset(folder, classes, bags.size(), images.size(), cells);
    }

    private static void writeImage(FieldRenderer renderer, ImagePlan image, Path imageFolder) {
        Mat[] channels = renderer.render(image);
        try {
            for (int c = 0; c < channels.length; c++) {
                Path file = imageFolder.resolve(image.imageId() + "_" + CHANNELS[c] + ".png");
                byte[] png = encodePng(channels[c], file);
                AtomicFiles.write(file, out -> out.write(png));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Mat m : channels) {
                m.close();
            }
        }
    }

    private static byte[] encodePng(Mat m, Path file) throws IOException {
        try (BytePointer buf = new BytePointer()) {
            if (!opencv_imgcodecs.imencode(".png", m, buf)) {
                throw new IOException("OpenCV could not encode " + file + " as PNG");
            }
            byte[] bytes = new byte[(int) buf.limit()];
            buf.get(bytes);
            return bytes;
        }
    }

    private static void writeGrouping(Path file, List<BagPlan> bags) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                    .setHeader("bag_id", "image_id", "labels").build())) {
                for (BagPlan bag : bags) {
                    String labels = bag.labels().stream().map(HpaPattern::label).collect(Collectors.joining(";"));
                    for (ImagePlan image : bag.images()) {
                        csv.printRecord(bag.id(), image.imageId(), labels);
                    }
                }
            }
        });
    }

    private static void writeKaggle(Path file, List<BagPlan> bags) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader("Id", "Target").build())) {
                for (BagPlan bag : bags) {
                    String target = bag.labels().stream().map(p -> Integer.toString(p.ordinal()))
                            .collect(Collectors.joining(" "));
                    for (ImagePlan image : bag.images()) {
                        csv.printRecord(image.imageId(), target);
                    }
                }
            }
        });
    }
}
