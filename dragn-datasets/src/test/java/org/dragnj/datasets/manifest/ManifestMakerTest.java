package org.dragnj.datasets.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.manifest.SplitFractions;
import org.dragnj.datasets.manifest.ManifestMaker.Layout;
import org.dragnj.datasets.manifest.ManifestMaker.Result;
import org.dragnj.datasets.manifest.ManifestMaker.Spec;
import org.dragnj.datasets.manifest.ManifestProblem.Kind;
import org.dragnj.datasets.manifest.ManifestReader.ImageCheck;
import org.dragnj.datasets.synthetic.PngFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestMakerTest {

    private static final SplitFractions HALVES = new SplitFractions(0.5, 0.25, 0.25, 7);

    @TempDir
    Path dir;

    private static void png(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        PngFiles.writeGray(file, new byte[16], 4, 4);
    }

    /** ROOT/b0..b{n-1}/{0,1}.png and a labels CSV with the given extra header and rows. */
    private Path folders(int n) throws IOException {
        Path root = dir.resolve("images");
        for (int b = 0; b < n; b++) {
            png(root.resolve("b" + b).resolve("0.png"));
            png(root.resolve("b" + b).resolve("1.png"));
        }
        return root;
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static Spec folderSpec(Path root, Path labels, String group, ValidationPolicy policy) {
        return new Spec(Layout.FOLDER_PER_BAG, root, labels, HALVES, group, policy, ImageCheck.DECODE);
    }

    private static Map<String, BagRecord> byId(Manifest m) {
        return m.bags().stream().collect(Collectors.toMap(BagRecord::id, b -> b));
    }

    @Test
    void aFolderPerBagWithGivenSplitsBecomesAManifestTrainingReads() throws IOException {
        Path root = folders(3);
        Path labels = csv("labels.csv", "bag_id,labels,split", "b0,mito;nucleus,train", "b1,nucleus,val",
                "b2,mito,test");

        Result r = ManifestMaker.make(folderSpec(root, labels, null, ValidationPolicy.FAIL), dir.resolve("manifest"));

        assertThat(r.splitsGiven()).isTrue();
        assertThat(r.manifest().classes()).containsExactly("mito", "nucleus");
        Manifest read = ManifestReader.of(ValidationPolicy.FAIL, ImageCheck.DECODE).read(dir.resolve("manifest"))
                .manifest();
        assertThat(byId(read).get("b0").labels()).containsExactly("mito", "nucleus");
        assertThat(byId(read).get("b0").split()).isEqualTo(Split.TRAIN);
        assertThat(byId(read).get("b0").instances()).containsExactly("../images/b0/0.png", "../images/b0/1.png");
        assertThat(r.labelCounts().get(Split.TRAIN)).containsExactly(1, 1);
        assertThat(r.labelCounts().get(Split.TEST)).containsExactly(1, 0);
        assertThat(r.report().isClean()).isTrue();
    }

    @Test
    void oneCsvOfImagesGroupsRowsIntoBags() throws IOException {
        png(dir.resolve("img/a1.png"));
        png(dir.resolve("img/a2.png"));
        png(dir.resolve("img/b1.png"));
        Path images = csv("images.csv", "image,bag_id,labels,split", "img/a1.png,A,x,train", "img/a2.png,A,x,train",
                "img/b1.png,B,y;x,test");

        Result r = ManifestMaker.make(new Spec(Layout.IMAGE_CSV, images, null, HALVES, null, ValidationPolicy.FAIL,
                ImageCheck.EXISTS), dir.resolve("m"));

        assertThat(r.manifest().bags()).extracting(BagRecord::id).containsExactly("A", "B");
        assertThat(byId(r.manifest()).get("A").instances()).containsExactly("../img/a1.png", "../img/a2.png");
        assertThat(byId(r.manifest()).get("B").labels()).containsExactly("y", "x");
        assertThat(r.manifest().classes()).containsExactly("x", "y");
    }

    @Test
    void withoutSplitsSeededFractionsKeepEveryGroupInOneSplit() throws IOException {
        Path root = folders(24);
        StringBuilder rows = new StringBuilder("bag_id,labels,gene");
        for (int b = 0; b < 24; b++) {
            rows.append("\nb").append(b).append(",l").append(b % 3).append(",g").append(b / 4);
        }
        Path labels = Files.writeString(dir.resolve("labels.csv"), rows + "\n");

        Result r = ManifestMaker.make(folderSpec(root, labels, "gene", ValidationPolicy.FAIL), dir.resolve("m"));
        Result again = ManifestMaker.make(folderSpec(root, labels, "gene", ValidationPolicy.FAIL), dir.resolve("m2"));

        assertThat(r.splitsGiven()).isFalse();
        Map<String, Split> split = r.manifest().bags().stream().collect(Collectors.toMap(BagRecord::id,
                BagRecord::split));
        for (int gene = 0; gene < 6; gene++) {
            int g = gene;
            assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(i -> split.get("b" + (g * 4 + i))).distinct())
                    .as("gene g" + gene).hasSize(1);
        }
        // 6 genes at 0.5 / 0.25 / 0.25: 3 genes (12 bags) train, 1 (4) val, 2 (8) test
        assertThat(r.bags(Split.TRAIN)).isEqualTo(12);
        assertThat(r.bags(Split.VAL)).isEqualTo(4);
        assertThat(r.bags(Split.TEST)).isEqualTo(8);
        assertThat(again.manifest().bags()).extracting(BagRecord::split)
                .containsExactlyElementsOf(r.manifest().bags().stream().map(BagRecord::split).toList());
    }

    @Test
    void everyBadInputIsLocatedAndFailsTheRunWithNothingWritten() throws IOException {
        Path root = folders(5);
        Files.writeString(root.resolve("b1").resolve("1.png"), "not a png");
        Files.createDirectories(root.resolve("b2"));
        Files.list(root.resolve("b2")).forEach(p -> p.toFile().delete());
        png(root.resolve("unlisted").resolve("0.png"));
        Path labels = csv("labels.csv", "bag_id,labels", "b0,x", "b1,x", "b2,y", "b3,", "ghost,x", "b4,x", "b4,y");

        assertThatThrownBy(() -> ManifestMaker.make(folderSpec(root, labels, null, ValidationPolicy.FAIL),
                dir.resolve("m"))).isInstanceOfSatisfying(ManifestException.class, e -> {
                    Map<Kind, List<String>> bagsByKind = e.problems().stream().collect(Collectors.groupingBy(
                            ManifestProblem::kind, Collectors.mapping(ManifestProblem::bagId, Collectors.toList())));
                    assertThat(bagsByKind).containsOnlyKeys(Kind.UNREADABLE_IMAGE, Kind.EMPTY_BAG, Kind.NO_LABELS,
                            Kind.NO_BAG_FOLDER, Kind.DUPLICATE_BAG_ID);
                    assertThat(bagsByKind.get(Kind.UNREADABLE_IMAGE)).containsExactly("b1");
                    assertThat(bagsByKind.get(Kind.EMPTY_BAG)).containsExactly("b2");
                    assertThat(bagsByKind.get(Kind.NO_LABELS)).containsExactlyInAnyOrder("b3", "unlisted");
                    assertThat(bagsByKind.get(Kind.NO_BAG_FOLDER)).containsExactly("ghost");
                    assertThat(bagsByKind.get(Kind.DUPLICATE_BAG_ID)).containsExactly("b4");
                    assertThat(e.getMessage()).contains("labels.csv:5 bag 'b3'");
                });
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void skippingLeavesOutBadBagsAndBagsWithABadImageAndReportsThem() throws IOException {
        Path root = folders(4);
        Files.writeString(root.resolve("b1").resolve("1.png"), "not a png");
        Path labels = csv("labels.csv", "bag_id,labels,split", "b0,x,train", "b1,x,val", "b2,,test", "b3,y,test");

        Result r = ManifestMaker.make(folderSpec(root, labels, null, ValidationPolicy.SKIP), dir.resolve("m"));

        assertThat(r.manifest().bags()).extracting(BagRecord::id).containsExactly("b0", "b3");
        assertThat(r.report().bagsSkipped()).isEqualTo(2);
        assertThat(r.report().countsByKind()).containsOnly(Map.entry(Kind.NO_LABELS, 1L),
                Map.entry(Kind.UNREADABLE_IMAGE, 1L));
    }

    @Test
    void csvProblemsAreNamed() throws IOException {
        Path noLabels = csv("a.csv", "image,bag_id", "x.png,A");
        assertThatThrownBy(() -> ManifestMaker.make(new Spec(Layout.IMAGE_CSV, noLabels, null, HALVES, null,
                ValidationPolicy.SKIP, ImageCheck.NONE), dir.resolve("m")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("a.csv:1")
                .hasMessageContaining("MISSING_COLUMN").hasMessageContaining("[labels]");

        Path partial = csv("b.csv", "image,bag_id,labels,split", "x.png,A,l,train", "y.png,B,l,");
        assertThatThrownBy(() -> ManifestMaker.make(new Spec(Layout.IMAGE_CSV, partial, null, HALVES, null,
                ValidationPolicy.SKIP, ImageCheck.NONE), dir.resolve("m")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("PARTIAL_SPLITS");

        Path conflicting = csv("c.csv", "image,bag_id,labels,split", "x.png,A,l,train", "y.png,A,k,train",
                "z.png,B,l,sometimes");
        assertThatThrownBy(() -> ManifestMaker.make(new Spec(Layout.IMAGE_CSV, conflicting, null, HALVES, null,
                ValidationPolicy.FAIL, ImageCheck.NONE), dir.resolve("m")))
                .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.problems())
                        .extracting(ManifestProblem::kind).containsExactly(Kind.CONFLICTING_ROWS, Kind.BAD_SPLIT));
    }
}
