package org.dragnj.datasets.hpa.crops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.datasets.hpa.grouping.GroupingException;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.image.ImageLayout;
import org.dragnj.datasets.hpa.proposals.ProposalMode;
import org.dragnj.datasets.hpa.proposals.ProposalRanking;
import org.dragnj.datasets.manifest.ManifestReader.ImageCheck;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaDataset;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaGenerator;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HpaCropperTest {

    private static final Logger LOG = LoggerFactory.getLogger(HpaCropperTest.class);

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** 6 fields of 384², 6 to 9 cells each, 2 images per bag. */
    static SyntheticHpaDataset data;

    /** One selective-search run over {@link #data}, shared by the tests that only read its output. */
    static HpaCropResult ssRun;

    @BeforeAll
    static void cropOnce() throws IOException {
        data = new SyntheticHpaGenerator(SyntheticHpaSpec.builder().optImageSize(384).optBags(3).optImagesPerBag(2, 2)
                .optCellsPerImage(6, 9).optCellRadius(0.075).optSeed(11).build()).write(shared.resolve("data"));
        ssRun = new HpaCropper(config(data, shared.resolve("ss")).optProposalMode(ProposalMode.SELECTIVE_SEARCH)
                .build()).run();
    }

    /** Selective search on a 256-pixel search copy, 64-pixel crops, at most 12 per image. */
    static HpaCropSpec.Builder config(SyntheticHpaDataset ds, Path out) {
        return HpaCropSpec.builder().setGrouping(ds.groupingFile(), GroupingFormat.BAG_CSV)
                .setImageFolder(ds.imageFolder()).setOutputFolder(out).optClasses(ds.classes()).optSearchMaxSide(256)
                .optCropSize(64).optMaxCropsPerImage(12);
    }

    @Test
    void selectiveSearchFindsMostCells() throws IOException {
        HpaCropReport r = ssRun.report();
        assertThat(r.imagesFailed()).isZero();
        assertThat(r.imagesCropped()).isEqualTo(data.images());
        CropRecall recall = CropRecall.measure(ssRun.manifest().folder(), data.cells());
        LOG.info("selective search on {} synthetic 384² fields: {}", data.images(), recall);
        // Measured: recall 1.000 (48/48 cells), tight recall 1.000. With ProposalRanking.SELECTIVE_SEARCH_ORDER
        // the same settings find 35/48 (0.73).
        assertThat(recall.recall()).as(recall.toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(recall.tightRecall()).as(recall.toString()).isGreaterThanOrEqualTo(0.85);
        for (HpaCropReport.ImageEntry e : r.images()) {
            assertThat(e.proposals()).isGreaterThan(e.sized());
            assertThat(e.crops()).isBetween(1, 12);
        }
    }

    @Test
    void nucleiModeFindsCellsToo() throws IOException {
        HpaCropResult run = new HpaCropper(config(data, dir).optProposalMode(ProposalMode.NUCLEI).build()).run();
        assertThat(run.report().imagesFailed()).isZero();
        CropRecall recall = CropRecall.measure(dir, data.cells());
        LOG.info("nuclei mode on {} synthetic 384² fields: {}", data.images(), recall);
        // Measured: recall 1.000 (48/48 cells), tight recall 1.000.
        assertThat(recall.recall()).as(recall.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(recall.tightRecall()).as(recall.toString()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void cropsAreSquareRgbPngsAndTheManifestReadsBack() throws IOException {
        ManifestReader.Result read = ManifestReader.of(ValidationPolicy.FAIL, ImageCheck.DECODE)
                .read(ssRun.manifest().folder());
        assertThat(read.report().isClean()).isTrue();
        assertThat(read.manifest().classes()).isEqualTo(data.classes());
        assertThat(read.manifest().bags()).isEqualTo(ssRun.manifest().bags());
        assertThat(read.manifest().bags()).hasSize(3);
        List<String> groupingLines = Files.readAllLines(data.groupingFile());
        long total = 0;
        for (BagRecord bag : read.manifest().bags()) {
            String labels = String.join(";", bag.labels());
            assertThat(groupingLines).anyMatch(l -> l.startsWith(bag.id() + ",") && l.endsWith(labels)
                    || l.startsWith(bag.id() + ",") && l.endsWith("\"" + labels + "\""));
            for (String inst : bag.instances()) {
                try (Mat m = opencv_imgcodecs.imread(read.manifest().resolve(inst).toString(),
                        opencv_imgcodecs.IMREAD_UNCHANGED)) {
                    assertThat(m.rows()).isEqualTo(64);
                    assertThat(m.cols()).isEqualTo(64);
                    assertThat(m.channels()).isEqualTo(3);
                    assertThat(m.depth()).isEqualTo(opencv_core.CV_8U);
                }
                total++;
            }
        }
        assertThat(total).isEqualTo(ssRun.report().cropsTotal());

        JsonNode json = new ObjectMapper().readTree(ssRun.reportFile().toFile());
        assertThat(json.get("imagesTotal").asInt()).isEqualTo(data.images());
        assertThat(json.get("cropsWritten").asLong()).isEqualTo(total);
        assertThat(json.get("cropsPerSecond").asDouble()).isPositive();
        assertThat(json.get("config").get("proposalMode").asText()).isEqualTo("SELECTIVE_SEARCH");
        assertThat(json.get("images")).hasSize(data.images());
        assertThat(json.get("failures")).isEmpty();
    }

    @Test
    void aResumedRunRepeatsNoWork() throws IOException {
        HpaCropSpec cfg = config(data, dir).optProposalMode(ProposalMode.NUCLEI).build();
        HpaCropResult first = new HpaCropper(cfg).run();
        Map<Path, FileTime> times = modificationTimes(dir.resolve(HpaCropper.CROP_FOLDER));
        assertThat(times).hasSize((int) first.report().cropsTotal() + data.images()); // crops + markers

        RecordingProgress progress = new RecordingProgress();
        HpaCropResult again = new HpaCropper(cfg).run(progress);
        assertThat(again.report().imagesCropped()).as("images whose proposals were computed again").isZero();
        assertThat(again.report().imagesResumed()).isEqualTo(data.images());
        assertThat(again.report().cropsWritten()).isZero();
        assertThat(again.report().cropsTotal()).isEqualTo(first.report().cropsTotal());
        assertThat(again.manifest().bags()).isEqualTo(first.manifest().bags());
        assertThat(modificationTimes(dir.resolve(HpaCropper.CROP_FOLDER))).as("no file rewritten").isEqualTo(times);
        assertThat(progress.total.get()).isEqualTo(data.images());
        assertThat(progress.advanced.get()).isEqualTo(data.images());

        // An image whose crop went missing, and one whose marker was interrupted, are redone; nothing else.
        String a = data.cells().keySet().stream().sorted().toList().get(0);
        String b = data.cells().keySet().stream().sorted().toList().get(1);
        Files.delete(dir.resolve(first.manifest().bags().get(0).instances().get(0)));
        Files.delete(dir.resolve(HpaCropper.CROP_FOLDER).resolve(b).resolve(CompletionMarker.FILE));
        HpaCropResult third = new HpaCropper(cfg).run();
        assertThat(third.report().imagesCropped()).isEqualTo(2);
        assertThat(third.report().images()).filteredOn(e -> e.status().equals("CROPPED"))
                .extracting(HpaCropReport.ImageEntry::imageId).containsExactlyInAnyOrder(a, b);
        assertThat(third.manifest().bags()).isEqualTo(first.manifest().bags());

        // A source file replaced after cropping makes that image's crops stale.
        Path blue = data.imageFolder().resolve(a + "_blue.png");
        Files.setLastModifiedTime(blue, FileTime.fromMillis(Files.getLastModifiedTime(blue).toMillis() - 60_000));
        HpaCropResult fourth = new HpaCropper(cfg).run();
        assertThat(fourth.report().images()).filteredOn(e -> e.status().equals("CROPPED"))
                .extracting(HpaCropReport.ImageEntry::imageId).containsExactly(a);

        // Different crop settings: the old crops do not count as done, and stale files are removed.
        HpaCropResult bigger = new HpaCropper(config(data, dir).optProposalMode(ProposalMode.NUCLEI).optCropSize(32)
                .optMaxCropsPerImage(2).build()).run();
        assertThat(bigger.report().imagesCropped()).isEqualTo(data.images());
        assertThat(modificationTimes(dir.resolve(HpaCropper.CROP_FOLDER))).hasSize(3 * data.images());
    }

    @Test
    void aCorruptOrMissingImageIsReportedAndTheRunGoesOn() throws IOException {
        Path images = dir.resolve("images");
        copyTree(data.imageFolder(), images);
        List<String> ids = data.cells().keySet().stream().sorted().toList();
        // bag0000 loses one of its two images; bag0001 loses both.
        Files.write(images.resolve(ids.get(0) + "_green.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.delete(images.resolve(ids.get(2) + "_blue.png"));
        Files.writeString(images.resolve(ids.get(3) + "_red.png"), "not an image");
        HpaCropSpec cfg = HpaCropSpec.builder().setGrouping(data.groupingFile(), GroupingFormat.BAG_CSV)
                .setImageFolder(images).setOutputFolder(dir.resolve("out")).optProposalMode(ProposalMode.NUCLEI)
                .optImageLayout(ImageLayout.CHANNEL_FILES).optCropSize(32).build();
        HpaCropResult run = new HpaCropper(cfg).run();
        HpaCropReport r = run.report();
        assertThat(r.imagesFailed()).isEqualTo(3);
        assertThat(r.imagesCropped()).isEqualTo(data.images() - 3);
        assertThat(r.failures()).extracting(HpaCropReport.ImageFailure::imageId)
                .containsExactly(ids.get(0), ids.get(2), ids.get(3));
        assertThat(r.failures().get(0).reason()).contains(ids.get(0) + "_green.png").contains("cannot be decoded");
        assertThat(r.failures().get(1).reason()).contains(ids.get(2) + "_blue").contains("missing blue channel");
        assertThat(r.failures().get(2).bagId()).isEqualTo("bag0001");
        assertThat(r.bagsWithoutCrops()).extracting(HpaCropReport.BagWithoutCrops::bagId).containsExactly("bag0001");
        assertThat(r.bagsWithoutCrops().get(0).reason()).contains("failed");
        assertThat(run.manifest().bags()).extracting(BagRecord::id).containsExactly("bag0000", "bag0002");
        assertThat(run.manifest().bags().get(0).instances()).allMatch(i -> i.contains(ids.get(1)));
        assertThat(r.cropsPerImage().get(ids.get(0))).isZero();
        assertThat(ManifestReader.strict().read(dir.resolve("out")).report().isClean()).isTrue();

        // Repaired, a rerun does the failed images only.
        copyTree(data.imageFolder(), images);
        HpaCropResult repaired = new HpaCropper(cfg).run();
        assertThat(repaired.report().imagesCropped()).isEqualTo(3);
        assertThat(repaired.report().imagesResumed()).isEqualTo(data.images() - 3);
        assertThat(repaired.manifest().bags()).hasSize(3);
    }

    @Test
    void kaggleTrainCsvSixteenBitAndTheRgbaFormat() throws IOException {
        SyntheticHpaDataset ds = new SyntheticHpaGenerator(SyntheticHpaSpec.builder().optImageSize(256).optBags(2)
                .optImagesPerBag(1, 2).optCellsPerImage(4, 6).optCellRadius(0.08).optSixteenBit(true).optSeed(3)
                .build()).write(dir.resolve("data"));
        HpaCropSpec cfg = HpaCropSpec.builder().setGrouping(ds.kaggleFile(), GroupingFormat.KAGGLE_TRAIN_CSV)
                .setImageFolder(ds.imageFolder()).setOutputFolder(dir.resolve("out")).optClasses(ds.classes())
                .optProposalMode(ProposalMode.NUCLEI).optCropSize(48).optCropFormat(CropFormat.RGBA_ER)
                .optCropDepth(CropDepth.SAME_AS_INPUT).build();
        HpaCropResult run = new HpaCropper(cfg).run();
        assertThat(run.report().imagesFailed()).isZero();
        assertThat(run.manifest().bags()).hasSize(ds.images()); // every Kaggle image is its own bag
        String crop = run.manifest().bags().get(0).instances().get(0);
        try (Mat m = opencv_imgcodecs.imread(dir.resolve("out").resolve(crop).toString(),
                opencv_imgcodecs.IMREAD_UNCHANGED)) {
            assertThat(m.channels()).isEqualTo(4);
            assertThat(m.depth()).isEqualTo(opencv_core.CV_16U);
            assertThat(m.rows()).isEqualTo(48);
        }
        assertThat(CropRecall.measure(dir.resolve("out"), ds.cells()).recall()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void singleRgbImagesAreCroppedFromTheirChannels() throws IOException {
        Path images = dir.resolve("rgb");
        Files.createDirectories(images);
        String id = data.cells().keySet().stream().sorted().findFirst().orElseThrow();
        try (Mat r = read(data.imageFolder().resolve(id + "_red.png"));
                Mat g = read(data.imageFolder().resolve(id + "_green.png"));
                Mat b = read(data.imageFolder().resolve(id + "_blue.png"));
                org.bytedeco.opencv.opencv_core.MatVector v = new org.bytedeco.opencv.opencv_core.MatVector(b, g, r);
                Mat bgr = new Mat()) {
            opencv_core.merge(v, bgr);
            opencv_imgcodecs.imwrite(images.resolve("field one.png").toString(), bgr);
        }
        Path grouping = dir.resolve("groups.csv");
        Files.writeString(grouping, "bag_id,image_id,labels\nP,field one,cytosol\n");
        HpaCropResult run = new HpaCropper(HpaCropSpec.builder().setGrouping(grouping, GroupingFormat.BAG_CSV)
                .setImageFolder(images).setOutputFolder(dir.resolve("out")).optProposalMode(ProposalMode.NUCLEI)
                .optCropSize(40).build()).run();
        assertThat(run.report().imagesFailed()).isZero();
        assertThat(run.manifest().classes()).containsExactly("cytosol");
        // An id that is not a safe file name gets a sanitised, collision-proof folder.
        assertThat(run.manifest().bags().get(0).instances().get(0)).startsWith("crops/field_one-");
        assertThat(CropRecall.measure(dir.resolve("out"), Map.of("field one", data.cells().get(id))).recall())
                .isGreaterThanOrEqualTo(0.9);

        assertThatThrownBy(() -> new HpaCropper(HpaCropSpec.builder().setGrouping(grouping, GroupingFormat.BAG_CSV)
                .setImageFolder(images).setOutputFolder(dir.resolve("out2")).optClasses(List.of("nucleoli")).build())
                .run()).isInstanceOf(GroupingException.class).hasMessageContaining(grouping + ":2 bag 'P'");
    }

    private static Mat read(Path p) {
        return opencv_imgcodecs.imread(p.toString(), opencv_imgcodecs.IMREAD_UNCHANGED);
    }

    private static Map<Path, FileTime> modificationTimes(Path root) throws IOException {
        Map<Path, FileTime> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(p, Files.getLastModifiedTime(p));
            }
        }
        return m;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(from)) {
            s.forEach(files::add);
        }
        for (Path f : files) {
            // Keep modification times: a copy of an unchanged file must not look like a new source.
            Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Counts what a run reports. */
    private static final class RecordingProgress implements ProgressListener {
        final AtomicLong total = new AtomicLong();
        final AtomicLong advanced = new AtomicLong();

        @Override
        public void started(String task, long total, String unit) {
            this.total.set(total);
        }

        @Override
        public void advanced(long amount, String status) {
            advanced.addAndGet(amount);
        }

        @Override
        public void finished() {
        }
    }
}
