package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.bdgp.BaggingReport;
import org.dragnj.datasets.bdgp.BdgpBaggingSpec;
import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.dragnj.datasets.synthetic.flyexpress.FlyExpressSynthSpec;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/**
 * The data commands through the command line: synth hpa → prepare-hpa → train, synth flyexpress →
 * bag-flyexpress --images, bag-flyexpress on the built-in tables, the flag defaults against the
 * library's, and one bad input per command.
 */
class DataCommandsTest {

    @TempDir
    Path dir;

    private static CliRuns.Run cli(String... args) {
        return CliRuns.run(args);
    }

    private static Matcher find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'" + regex + "' in:\n" + text).isTrue();
        return m;
    }

    private static int group(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }

    @Test
    void syntheticHpaIsCroppedIntoATrainableManifestAndARerunResumes() throws IOException {
        Path hpa = dir.resolve("hpa");
        CliRuns.Run synth = cli("synth", "hpa", "--out", hpa.toString(), "--bags", "6", "--size", "128",
                "--images-per-bag", "2", "--cells-per-image", "3..4", "--cell-radius", "0.08", "--seed", "5");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        Matcher made = find("synthetic HPA: (\\d+) bags, (\\d+) images of 128 x 128", synth.out());
        assertThat(group(made, 1)).isEqualTo(6);
        assertThat(group(made, 2)).isEqualTo(12);
        assertThat(Files.readAllLines(hpa.resolve("groups.csv"))).hasSize(1 + 12).first().isEqualTo("bag_id,image_id,labels");
        try (Stream<Path> files = Files.list(hpa.resolve("images"))) {
            assertThat(files.count()).isEqualTo(12 * 4);
        }
        assertThat(synth.out()).contains("next: dragn prepare-hpa --grouping " + hpa.resolve("groups.csv"));

        // the grouping file and format the generator names, as the printed next command says
        Path crops = dir.resolve("crops");
        String[] prepare = {"prepare-hpa", "--grouping", hpa.resolve("groups.csv").toString(), "--grouping-format",
            "BAG_CSV", "--images", hpa.resolve("images").toString(), "--classes", hpa.resolve("classes.txt").toString(),
            "--out", crops.toString(), "--mode", "nuclei", "--crop-size", "32", "--max-crops", "4", "--threads", "2",
            "--split-fractions", "0.5,0.25,0.25"};
        CliRuns.Run first = cli(prepare);
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(crops.resolve("report.json").toFile());
        assertThat(first.out()).contains(String.format(java.util.Locale.ROOT, "12 images: 12 cropped, 0 resumed, 0 failed; %d"
                + " crops written (%d in the manifest, 6 bags)", report.get("cropsWritten").asLong(),
                report.get("cropsTotal").asLong()));
        Manifest manifest = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.DECODE).read(crops)
                .manifest();
        assertThat(manifest.classes()).isEqualTo(Files.readAllLines(hpa.resolve("classes.txt")));
        assertThat(manifest.bags().stream().mapToLong(b -> b.instances().size()).sum())
                .isEqualTo(report.get("cropsTotal").asLong()).isPositive();
        Matcher bags = find("bags: (\\d+) of (\\d+) in the manifest \\(train (\\d+), val (\\d+), test (\\d+)\\), (\\d+)"
                + " dropped", first.out());
        assertThat(group(bags, 1)).isEqualTo(report.get("bagsInManifest").asInt()).isEqualTo(manifest.bags().size())
                .isEqualTo(6);
        assertThat(group(bags, 2)).isEqualTo(report.get("bagsTotal").asInt());
        assertThat(List.of(group(bags, 3), group(bags, 4), group(bags, 5))).containsExactly(
                manifest.bags(Split.TRAIN).size(), manifest.bags(Split.VAL).size(), manifest.bags(Split.TEST).size());
        assertThat(List.of(group(bags, 3), group(bags, 4), group(bags, 5))).containsExactly(3, 1, 2);
        assertThat(first.out()).contains("next: dragn train --config hpa-paper --data " + crops + " --input-size 32x32");

        // rerunning continues where the first run stopped: nothing left to crop, same bags, same splits
        CliRuns.Run again = cli(prepare);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("12 images: 0 cropped, 12 resumed, 0 failed; 0 crops written");
        Map<String, Split> before = splits(manifest);
        assertThat(splits(ManifestReader.strict().read(crops).manifest())).isEqualTo(before);

        CliRuns.Run train = cli("train", "--data", crops.toString(), "--input-size", "32x32", "--epochs", "1",
                "--batch", "4", "--set", "evaluation.bootstrap=0", "--out", dir.resolve("run").toString(),
                "--feature-cache", dir.resolve("features").toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("test: macro AUC");
        // which crops mattered, drawn where they were cut from: the preparation's crop positions on the fields
        Path test = dir.resolve("run/test");
        assertThat(test.resolve("importance_montage.png")).isRegularFile();
        assertThat(test.resolve("importance_fields.png")).isRegularFile();
        assertThat(Files.readString(test.resolve("importance_fields.svg"))).containsPattern("bag\\d+-img\\d+ \\(\\d+ crops\\)");
        assertThat(Files.readString(dir.resolve("run/report.html"))).contains("boxes on the fields they were cut from");
    }

    private static Map<String, Split> splits(Manifest m) {
        Map<String, Split> s = new HashMap<>();
        for (BagRecord b : m.bags()) {
            s.put(b.id(), b.split());
        }
        return s;
    }

    @Test
    void prepareHpaWithoutSplitsSaysHowToGetThem() throws IOException {
        Path hpa = dir.resolve("hpa");
        assertThat(cli("synth", "hpa", "--out", hpa.toString(), "--bags", "2", "--size", "96", "--images-per-bag", "1",
                "--cells-per-image", "2", "--cell-radius", "0.1").exitCode()).isZero();
        CliRuns.Run r = cli("prepare-hpa", "--grouping", hpa.resolve("train.csv").toString(), "--grouping-format",
                "KAGGLE_TRAIN_CSV", "--classes", hpa.resolve("classes.txt").toString(), "--images",
                hpa.resolve("images").toString(), "--out", dir.resolve("crops").toString(), "--mode", "NUCLEI",
                "--crop-size", "16", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("bags: 2 of 2 in the manifest (train 2, val 0, test 0)").contains("note: no val/test")
                .contains("next: dragn prepare-hpa --grouping").contains("--split-fractions 0.6,0.2,0.2");
        assertThat(ManifestReader.strict().read(dir.resolve("crops")).manifest().bags(Split.TRAIN)).hasSize(2);
    }

    @Test
    void syntheticFlyExpressImagesAreBaggedByTheRealTables() throws IOException {
        Path images = dir.resolve("fly");
        CliRuns.Run synth = cli("synth", "flyexpress", "--out", images.toString(), "--genes", "3", "--threads", "2");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        Matcher drawn = find("synthetic FlyExpress: (\\d+) images of 3 genes \\((\\d+) drawn, 0 already there\\)",
                synth.out());
        try (Stream<Path> files = Files.list(images)) {
            assertThat(files.filter(f -> f.toString().endsWith(".bmp")).count()).isEqualTo(group(drawn, 1))
                    .isEqualTo(group(drawn, 2)).isPositive();
        }

        Path out = dir.resolve("manifest");
        CliRuns.Run bag = cli("bag-flyexpress", "--images", images.toString(), "--out", out.toString());
        assertThat(bag.exitCode()).as(bag.err()).isZero();
        BaggingReport report = BaggingReport.read(out.resolve("report.json"));
        assertPrinted(bag.out(), report);
        assertThat(report.imagesChecked()).isTrue();
        assertThat(report.bags()).isPositive();
        find("missing images: " + report.missingInstances() + " instances not in", bag.out());
        Manifest manifest = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.EXISTS).read(out)
                .manifest();
        assertThat(manifest.bags()).hasSize(report.bags());
        assertThat(manifest.classes()).isEqualTo(report.classes());
        assertThat(bag.out()).contains("next: dragn train --config flyexpress-paper --data " + out);
    }

    @Test
    void bagFlyExpressOnTheBuiltInTablesGivesThePapersTopTenBags() throws IOException {
        Path out = dir.resolve("bdgp");
        CliRuns.Run r = cli("bag-flyexpress", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BaggingReport report = BaggingReport.read(out.resolve("report.json"));
        assertPrinted(r.out(), report);
        Matcher all = find("BDGP bagging: (\\d+) bags, (\\d+) instances, (\\d+) classes", r.out());
        assertThat(List.of(group(all, 1), group(all, 2), group(all, 3))).containsExactly(6785, 25536, 10);
        assertThat(List.of(split(r.out(), "train"), split(r.out(), "val"), split(r.out(), "test")))
                .containsExactly(2714, 678, 3393);
        assertThat(r.out()).contains("missing images: not checked");
        Manifest m = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.NONE).read(out).manifest();
        assertThat(m.bags()).hasSize(6785);
        assertThat(m.bags(Split.TRAIN)).hasSize(2714);
        assertThat(m.classes()).hasSize(10);
    }

    private static int split(String out, String split) {
        return group(find("\\n  " + split + " +(\\d+) bags +(\\d+) instances", out), 1);
    }

    /** Every count the command prints equals the one in report.json. */
    private static void assertPrinted(String out, BaggingReport report) {
        Matcher all = find("BDGP bagging: (\\d+) bags, (\\d+) instances, (\\d+) classes", out);
        assertThat(group(all, 1)).isEqualTo(report.bags());
        assertThat(group(all, 2)).isEqualTo(report.instances());
        assertThat(group(all, 3)).isEqualTo(report.classes().size());
        for (String s : List.of("train", "val", "test")) {
            Matcher m = find("\\n  " + s + " +(\\d+) bags +(\\d+) instances", out);
            assertThat(group(m, 1)).as(s).isEqualTo(report.bagsPerSplit().get(s));
            assertThat(group(m, 2)).as(s).isEqualTo(report.instancesPerSplit().get(s));
        }
        int dropped = report.droppedBags().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(out).contains("dropped bags: " + dropped + " (");
        report.droppedBags().forEach((reason, n) -> assertThat(out).contains(reason + " " + n));
    }

    @Test
    void theFlagDefaultsAreTheLibraryDefaults() throws IOException {
        SynthHpaCommand hpa = new SynthHpaCommand();
        new CommandLine(hpa).parseArgs("--out", "x");
        assertThat(hpa.spec()).isEqualTo(SyntheticHpaSpec.builder().build());

        SynthFlyExpressCommand fly = new SynthFlyExpressCommand();
        new CommandLine(fly).parseArgs("--out", "x");
        assertThat(fly.config()).isEqualTo(FlyExpressSynthSpec.builder().setOutputFolder(Path.of("x"))
                .optGeneLimit(200).build()); // the library's default is every gene (about 43,000 images)

        BagFlyExpressCommand bag = new BagFlyExpressCommand();
        new CommandLine(bag).parseArgs("--out", "x");
        assertThat(bag.config()).isEqualTo(BdgpBaggingSpec.builder().setOutputFolder(Path.of("x")).build());
        new CommandLine(bag).parseArgs("--out", "x", "--views", "Dorsal", "--stages", "3,4");
        assertThat(bag.config().views()).containsExactly(org.dragnj.datasets.bdgp.View.DORSAL);
        assertThat(bag.config().stageGroups()).containsExactlyInAnyOrder(3, 4);

        PrepareHpaCommand prepare = new PrepareHpaCommand();
        new CommandLine(prepare).parseArgs("--grouping", "g.csv", "--grouping-format", "BAG_CSV", "--images", "i",
                "--out", "o");
        assertThat(prepare.crop.spec(prepare.grouping, prepare.images, prepare.out)).isEqualTo(HpaCropSpec.builder().setGrouping(Path.of("g.csv"), GroupingFormat.BAG_CSV)
                .setImageFolder(Path.of("i")).setOutputFolder(Path.of("o")).build());
    }

    /** One line, "error: ...", the exit code (2 a bad option, 3 bad input data), no stack trace. */
    private static void assertOneLineError(CliRuns.Run r, int exitCode, String... fragments) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exitCode);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    @Test
    void badInputIsOneClearErrorPerCommand() {
        assertOneLineError(cli("synth", "hpa", "--out", dir.resolve("a").toString(), "--images-per-bag", "4..2"), 2,
                "images per bag", "4..2");
        assertOneLineError(cli("synth", "hpa", "--out", dir.resolve("a").toString(), "--cells-per-image", "many"), 2,
                "--cells-per-image", "many");
        assertOneLineError(cli("synth", "flyexpress", "--out", dir.resolve("b").toString(), "--tables",
                dir.resolve("no-tables").toString()), 3, "no-tables");
        assertOneLineError(cli("bag-flyexpress", "--out", dir.resolve("c").toString(), "--views", "lateral,sideways"), 2,
                "unknown view 'sideways'", "lateral, dorsal, ventral");
        assertOneLineError(cli("bag-flyexpress", "--out", dir.resolve("c").toString(), "--images",
                dir.resolve("no-images").toString()), 3, "no-images", "image folder does not exist");
        assertOneLineError(cli("prepare-hpa", "--grouping", dir.resolve("missing.csv").toString(), "--grouping-format",
                "BAG_CSV", "--images", dir.toString(), "--out", dir.resolve("d").toString()), 3,
                "missing.csv", "grouping file", "does not exist");
        assertOneLineError(cli("prepare-hpa", "--grouping", dir.resolve("missing.csv").toString(), "--grouping-format",
                "BAG_CSV", "--images", dir.toString(), "--out", dir.resolve("d").toString(), "--split-fractions",
                "0.5,0.5,0.5"), 2, "--split-fractions", "sum to 1");
        assertThat(Files.exists(dir.resolve("c"))).isFalse();
        assertThat(Files.exists(dir.resolve("d"))).isFalse();
        assertOneLineError(cli("make-manifest", "--csv", dir.resolve("nope.csv").toString(), "--out",
                dir.resolve("e").toString()), 3, "nope.csv", "image,bag_id,labels");
        CliRuns.Run noLabels = cli("make-manifest", "--images", dir.toString(), "--out", dir.resolve("e").toString());
        assertThat(noLabels.exitCode()).isEqualTo(2);
        assertThat(noLabels.err()).startsWith("Error: Missing required argument(s): --labels=CSV");
        assertThat(Files.exists(dir.resolve("e"))).isFalse();
        // 'synth' alone is a usage error (picocli's message and usage)
        CliRuns.Run none = cli("synth");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("synth hpa or synth flyexpress");
    }

    @Test
    void makeManifestFromOneCsvReportsWhatItSkippedAndTheLabelsPerSplit() throws Exception {
        for (String name : List.of("a1", "a2", "b1", "c1")) {
            org.dragnj.datasets.synthetic.PngFiles.writeGray(dir.resolve("img").resolve(name + ".png"), new byte[4], 2, 2);
        }
        Path csv = Files.writeString(dir.resolve("images.csv"), "image,bag_id,labels,gene\n"
                + "img/a1.png,A,x,g1\nimg/a2.png,A,x,g1\nimg/b1.png,B,x;y,g2\nimg/c1.png,C,y,g3\nimg/gone.png,D,y,g4\n");

        CliRuns.Run r = cli("make-manifest", "--csv", csv.toString(), "--out", dir.resolve("m").toString(),
                "--group-by", "gene", "--split-fractions", "0.34,0.33,0.33", "--skip-bad");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("read 4 bags, kept 3, skipped 1").contains("MISSING_IMAGE")
                .contains("splits: fractions 0.34,0.33,0.33 (seed 42), grouped by gene")
                .contains("typical image: 2x2, 1 channel, 8-bit")
                .contains("next: dragn train --data " + dir.resolve("m") + " --channels 1");
        assertThat(r.out().lines().filter(l -> l.startsWith("  bags "))).singleElement().asString()
                .matches("  bags +\\d+ +\\d+ +\\d+");
        assertThat(Files.readAllLines(dir.resolve("m").resolve(Manifest.CLASSES_FILE))).containsExactly("x", "y");
    }
}
