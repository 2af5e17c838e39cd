package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.eval.scores.ScoresCsv;
import org.dragnj.experiment.evaluation.ImportanceCsv;
import org.dragnj.experiment.evaluation.ImportanceMontage;
import org.dragnj.experiment.testing.HtmlChecks;
import org.dragnj.experiment.testing.TinyRuns;
import org.dragnj.model.DragnModel;
import org.dragnj.model.io.ModelProvenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** train → save → evaluate → predict → extract-features on a tiny manifest, through the command line. */
class CommandsEndToEndTest {

    @TempDir
    static Path dir;
    static Path data;
    static Path run;

    @BeforeAll
    static void train() throws IOException {
        data = dir.resolve("data");
        TinyRuns.manifest(data);
        run = dir.resolve("run");
        CliRuns.Run r = CliRuns.run("train", "--data", data.toString(), "--input-size",
                "16x16", "--aggregation", "GATED_ATTENTION", "--epochs", "2", "--batch", "4", "--lr", "0.003", "--set",
                "evaluation.bootstrap=20", "--out", run.toString(), "--feature-cache", dir.resolve("f").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("test: macro AUC").contains("run folder: " + run.toAbsolutePath());
    }

    @Test
    void theRunFolderHoldsEverythingTheTrainingPromised() throws IOException {
        for (String f : new String[] {"config.yaml", "provenance.json", "history.csv", "training_curves.png",
                "training_curves.svg", "checkpoints/best.zip", "checkpoints/last.zip", "test/metrics.json",
                "test/report.md", "test/roc_curves.png", "test/roc_curves.svg", "test/pr_curves.png",
                "test/pr_curves.svg", "test/scores.csv", "test/attention.csv", "report.html"}) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(3);
        JsonNode p = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertThat(p.get("seed").asLong()).isEqualTo(42);
        assertThat(p.get("manifest_sha256").asText()).hasSize(64);
        assertThat(p.get("command").toString()).contains("train").contains("GATED_ATTENTION");
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("aggregation: GATED_ATTENTION");
    }

    @Test
    void theModelFileCarriesHowItWasMadeAndEvaluatePrintsIt() throws IOException {
        ModelProvenance p = DragnModel.provenance(run.resolve("checkpoints/best.zip"));
        JsonNode runProvenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertThat(p.experiment()).isEqualTo("experiment");
        assertThat(p.seed()).isEqualTo(42);
        assertThat(p.manifestSha256()).hasSize(64).isEqualTo(runProvenance.get("manifest_sha256").asText());
        assertThat(p.config()).isEqualTo(Files.readString(run.resolve("config.yaml")));
        assertThat(p.command()).contains("train", "GATED_ATTENTION");
        assertThat(p.gitCommit()).isNotBlank();
        assertThat(p.dl4jVersion()).isEqualTo("1.0.0-M2.1");

        CliRuns.Run r = CliRuns.run("evaluate", "--model", run.resolve("checkpoints/best.zip").toString(), "--data",
                data.toString(), "--out", dir.resolve("evaluate-provenance").toString(), "--bootstrap", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("experiment experiment, seed 42, git " + p.gitCommit())
                .contains("manifest sha256 " + p.manifestSha256())
                .contains("classes: " + String.join(", ", DragnModel.load(run.resolve("checkpoints/best.zip")).spec().labels()));
    }

    @Test
    void evaluatingTheSavedModelReproducesTheMetricsWrittenByTraining() throws IOException {
        Path out = dir.resolve("evaluate");
        CliRuns.Run r = CliRuns.run("evaluate", "--model",
                run.resolve("checkpoints/best.zip").toString(), "--data", data.toString(), "--split", "test", "--out",
                out.toString(), "--bootstrap", "20", "--seed", "42");
        assertThat(r.exitCode()).as(r.err()).isZero();
        TinyRuns.assertSameNumbers(out.resolve("metrics.json"), run.resolve("test/metrics.json"));
    }

    @Test
    void evaluateScoresAnOrderDependentModelInTheOrdersItsRunTestedItWith() throws IOException {
        Path dragnRun = dir.resolve("run-dragn");
        CliRuns.Run t = CliRuns.run("train", "--data", data.toString(), "--input-size", "16x16", "--aggregation",
                "DRAGN_L1", "--epochs", "1", "--batch", "4", "--order-averaging", "4", "--set", "evaluation.bootstrap=0",
                "--out", dragnRun.toString(), "--feature-cache", dir.resolve("f").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        String model = dragnRun.resolve("checkpoints/best.zip").toString();
        CliRuns.Run recorded = CliRuns.run("evaluate", "--model", model, "--data", data.toString(), "--split", "test",
                "--batch", "4", "--bootstrap", "0", "--out", dir.resolve("evaluate-dragn").toString());
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        Map<String, double[]> run = ScoresCsv.read(dragnRun.resolve("test/scores.csv")).byBag();
        Map<String, double[]> again = ScoresCsv.read(dir.resolve("evaluate-dragn/scores.csv")).byBag();
        assertThat(again.keySet()).isEqualTo(run.keySet()).hasSize(8);
        run.forEach((bag, p) -> assertThat(again.get(bag)).containsExactly(p, org.assertj.core.data.Offset.offset(1e-6)));

        CliRuns.Run oneOrder = CliRuns.run("evaluate", "--model", model, "--data", data.toString(), "--split", "test",
                "--batch", "4", "--bootstrap", "0", "--order-averaging", "1", "--out",
                dir.resolve("evaluate-dragn-1").toString());
        assertThat(oneOrder.exitCode()).as(oneOrder.err()).isZero();
        Map<String, double[]> single = ScoresCsv.read(dir.resolve("evaluate-dragn-1/scores.csv")).byBag();
        assertThat(run.keySet()).anySatisfy(bag -> assertThat(single.get(bag)[0]).isNotCloseTo(run.get(bag)[0],
                org.assertj.core.data.Offset.offset(1e-6)));
    }

    @Test
    void predictWritesTheScoresAndWeightsThatTheEvaluationSaw() throws IOException {
        Path scores = dir.resolve("predict/scores.csv");
        CliRuns.Run r = CliRuns.run("predict", "--model",
                run.resolve("checkpoints/best.zip").toString(), "--data", data.toString(), "--split", "test", "--out",
                scores.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        ScoresCsv.Scores predicted = ScoresCsv.read(scores);
        ScoresCsv.Scores evaluated = ScoresCsv.read(run.resolve("test/scores.csv"));
        assertThat(predicted.labels()).isEqualTo(evaluated.labels());
        assertThat(predicted.byBag().keySet()).isEqualTo(evaluated.byBag().keySet()).hasSize(8);
        for (Map.Entry<String, double[]> e : evaluated.byBag().entrySet()) {
            assertThat(predicted.byBag().get(e.getKey())).containsExactly(e.getValue(),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(Files.readAllLines(dir.resolve("predict/scores-attention.csv")))
                .isEqualTo(Files.readAllLines(run.resolve("test/attention.csv")));
        assertThat(r.out()).contains("8 bags scored");
    }

    /** The first two images of the manifest's bag-0 (0.png, 1.png) copied into each folder under {@code root}. */
    private static void twoImagesIn(Path root, String... folders) throws IOException {
        for (String folder : folders) {
            Files.createDirectories(root.resolve(folder));
            for (String image : new String[] {"0.png", "1.png"}) {
                Files.copy(data.resolve("images/bag-0").resolve(image), root.resolve(folder).resolve(image));
            }
        }
    }

    private static CliRuns.Run predictImages(Path images, Path scores) {
        return CliRuns.run("predict", "--model", run.resolve("checkpoints/best.zip").toString(), "--images",
                images.toString(), "--out", scores.toString());
    }

    @Test
    void predictTakesAFolderOfImagesOneBagPerSubfolder() throws IOException {
        Path images = dir.resolve("images");
        twoImagesIn(images, "geneA", "geneB");
        Path scores = dir.resolve("folder-scores.csv");
        CliRuns.Run r = predictImages(images, scores);
        assertThat(r.exitCode()).as(r.err()).isZero();
        ScoresCsv.Scores s = ScoresCsv.read(scores);
        assertThat(s.byBag().keySet()).containsExactly("geneA", "geneB");
        assertThat(s.byBag().get("geneA")).containsExactly(s.byBag().get("geneB")); // same images, same bag
        assertThat(r.out()).contains("every file in the folder is in a bag");
    }

    @Test
    void predictScoresEveryFolderOfImagesAtAnyDepthAndListsEveryFileItDidNotUse() throws IOException {
        Path images = dir.resolve("nested");
        twoImagesIn(images, "plateA/well1", "plateA/well2", "plateB", "plateB/field1", ".trash");
        Files.createDirectories(images.resolve("docs"));
        Files.writeString(images.resolve("docs/readme.txt"), "how the plates were imaged");
        Files.writeString(images.resolve("plateA/well1/.DS_Store"), "");
        Path scores = dir.resolve("nested-scores.csv");

        CliRuns.Run r = predictImages(images, scores);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ScoresCsv.read(scores).byBag().keySet()).containsExactly("plateA/well1", "plateA/well2", "plateB",
                "plateB/field1");
        Path unused = dir.resolve("nested-scores-unused.csv");
        assertThat(r.out()).contains("folder " + images.toAbsolutePath() + ": 4 bags, 8 images (each folder holding"
                + " images is a bag named by its path; a folder's own images and each of its subfolders are separate"
                + " bags)")
                .contains("not used: 4 files and folders, listed in " + unused.toAbsolutePath() + "\n"
                        + "  1 not an image (the images read end in bmp, jpeg, jpg, png, tif, tiff): docs/readme.txt\n"
                        + "  2 hidden (name starts with '.'; a hidden folder is not looked into): .trash/,"
                        + " plateA/well1/.DS_Store\n"
                        + "  1 folder with no images in it or below it, so no bag: docs/\n");
        assertThat(Files.readAllLines(unused)).containsExactly("path,reason,detail", ".trash/,HIDDEN,",
                "docs/,NO_IMAGES,", "docs/readme.txt,NOT_AN_IMAGE,", "plateA/well1/.DS_Store,HIDDEN,");
        assertThat(Files.readAllLines(dir.resolve("nested-scores-attention.csv")))
                .anyMatch(l -> l.startsWith("plateB/field1,plateB/field1/1.png,"));
    }

    @Test
    void aCorruptImageInAFolderIsNamedWithItsBagAndTheAdviceFitsAFolder() throws IOException {
        byte[] png = Files.readAllBytes(data.resolve("images/bag-0/0.png"));
        for (String bag : new String[] {"geneC", "plateA/well2"}) {
            // a cut-off PNG has a readable header and a file of text has none: the pre-flight pass decodes both
            String named = "1 of 5 images cannot be read:\n  bag " + bag + ": " + bag + "/bad.png";
            Map<byte[], String> bads = Map.of(java.util.Arrays.copyOf(png, png.length / 2), named,
                    "not a png".getBytes(java.nio.charset.StandardCharsets.UTF_8), named);
            for (Map.Entry<byte[], String> bad : bads.entrySet()) {
                Path images = dir.resolve("corrupt-" + bad.getKey().length + "-" + bag.replace('/', '-'));
                twoImagesIn(images, "plateA/well1", bag);
                Files.write(images.resolve(bag).resolve("bad.png"), bad.getKey());

                CliRuns.Run r = predictImages(images, images.resolveSibling(images.getFileName() + ".csv"));

                assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(DragnCli.BAD_INPUT);
                assertThat(r.err()).as(images.toString()).contains(bad.getValue())
                        .contains("remove each file from its folder or replace it with a readable image (these bags"
                                + " are the folders under " + images.toAbsolutePath() + ", so removing a file leaves"
                                + " its bag one image shorter), then run again")
                        .doesNotContain("bags.csv").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void extractFeaturesWritesBothFeatureTablesAndTheirMaps() throws IOException {
        Path out = dir.resolve("features");
        CliRuns.Run r = CliRuns.run("extract-features", "--model",
                run.resolve("checkpoints/best.zip").toString(), "--data", data.toString(), "--split", "train", "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("bag_features.csv"))).hasSize(25);
        assertThat(Files.readAllLines(out.resolve("instance_features.csv")).get(0)).startsWith("bag_id,instance,f0,");
        assertThat(Files.size(out.resolve("tsne_instances.png"))).isGreaterThan(10_000);
        assertThat(Files.size(out.resolve("tsne_bags.png"))).isGreaterThan(10_000);
    }


    @Test
    void repeatedSeedsReportMeanAndSpreadAndKeepEverySeedsRun() throws IOException {
        Path out = dir.resolve("seeds");
        CliRuns.Run r = CliRuns.run("train", "--data", data.toString(), "--input-size", "16x16", "--aggregation",
                "MEAN", "--epochs", "1", "--batch", "4", "--lr", "0.003", "--seeds", "3,4", "--set",
                "evaluation.bootstrap=0", "--out", out.toString(), "--feature-cache", dir.resolve("f").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mean ± sd over 2 seeds").contains("- MI_mean: ");
        for (long seed : new long[] {3, 4}) {
            JsonNode p = new ObjectMapper().readTree(out.resolve("mean/seed-" + seed + "/provenance.json").toFile());
            assertThat(p.get("seed").asLong()).isEqualTo(seed);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
        assertThat(summary.at("/methods/MI_mean/auc_macro/per_seed").size()).isEqualTo(2);
        assertThat(summary.get("seeds").toString()).isEqualTo("[3,4]");
    }

    /** The run's report.html: the headline numbers first, every figure inside the page, every link to a file there. */
    @Test
    void theRunReportIsOnePageWithTheHeadlineEveryFigureAndWorkingLinks() throws IOException {
        String html = HtmlChecks.assertSelfContained(run.resolve("report.html"));
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("test/metrics.json").toFile());
        String auc = String.format(Locale.ROOT, "%.2f", 100 * metrics.get("auc_macro").asDouble());
        assertThat(html).contains("Test split, 8 bags, decision rule THRESHOLD_05: <b>AUC (macro) " + auc)
                .contains("Kept epoch").contains("ROC curves per label").contains("Precision–recall curves")
                .contains("class=\"swatch\"").doesNotContain("http-equiv=\"refresh\""); // finished: no reload
        assertThat(html).contains("Which instances mattered");
        assertThat(html.split("<figure>", -1)).hasSize(5); // training curves, ROC, precision–recall, montage
        assertThat(Files.readAllLines(run.resolve("test/importance.csv")).get(0))
                .isEqualTo("bag_id,instance,instance_index,label,bag_score,loo_change,gradient,attention");
    }

    /** compare writes a report.html that says who won and how certainly, with the forest plot and each method. */
    @Test
    void theComparisonReportSaysWhoLeadsAndWhetherTheIntervalsSeparateIt() throws IOException {
        Path out = dir.resolve("compare");
        CliRuns.Run r = CliRuns.run("compare", "--data", data.toString(), "--input-size", "16x16", "--aggregations",
                "MEAN,MAX", "--epochs", "1", "--batch", "4", "--set", "evaluation.bootstrap=20", "--out", out.toString(),
                "--feature-cache", dir.resolve("f").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Test split, 8 bags, decision rule THRESHOLD_05");
        String html = HtmlChecks.assertSelfContained(out.resolve("report.html"));
        // MAX is shown by its paper name, MVCNN
        assertThat(html).containsPattern("AUC \\(macro\\): <b>(MI_mean|MVCNN)</b> [0-9.]+ % \\[[0-9.]+, [0-9.]+\\],"
                + " [+-][0-9.]+ points over (MI_mean|MVCNN) \\((intervals overlap|intervals clear)").contains("Each method");
        assertThat(out.resolve("comparison_forest.png")).isRegularFile();
        assertThat(out.resolve("comparison_forest.svg")).isRegularFile();
        assertThat(Files.readString(out.resolve("comparison.md"))).startsWith("Test split, 8 bags");
        assertThat(out.resolve("mean/report.html")).isRegularFile();
    }

    /** One row per (bag, instance, label) of the test split, agreeing with scores.csv and attention.csv. */
    @Test
    void evaluateWritesARowPerBagInstanceAndLabelAndTheMontage() throws IOException {
        Path out = dir.resolve("evaluate-importance");
        CliRuns.Run r = CliRuns.run("evaluate", "--model", run.resolve("checkpoints/best.zip").toString(), "--data", data.toString(), "--split",
                "test", "--bootstrap", "0", "--importance", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("importance of the instances of 8 bags");
        Manifest manifest = ManifestReader.of(org.dragnj.datasets.manifest.ValidationPolicy.FAIL,
                ManifestReader.ImageCheck.EXISTS).read(data).manifest();
        Map<String, List<String[]>> rows = readRows(out.resolve(ImportanceCsv.FILE));
        Map<String, double[]> scores = ScoresCsv.read(out.resolve("scores.csv")).byBag();
        Map<String, List<String[]>> attention = readRows(out.resolve("attention.csv"));
        List<String> labels = manifest.classes();
        assertThat(rows.keySet()).isEqualTo(scores.keySet()).hasSize(8);
        for (BagRecord bag : manifest.bags(org.dragnj.bags.manifest.Split.TEST)) {
            List<String[]> bagRows = rows.get(bag.id());
            int n = bag.instances().size();
            assertThat(bagRows).as(bag.id()).hasSize(n * labels.size());
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < labels.size(); k++) {
                    String[] row = bagRows.get(i * labels.size() + k);
                    assertThat(row[1]).isEqualTo(bag.instances().get(i));
                    assertThat(row[2]).isEqualTo(Integer.toString(i));
                    assertThat(row[3]).isEqualTo(labels.get(k));
                    // gated attention does not depend on the order: evaluate's score is the bag's own
                    assertThat(Double.parseDouble(row[4])).isCloseTo(scores.get(bag.id())[k], Offset.offset(1e-5));
                    assertThat(row[5].isEmpty()).as("no leave-one-out for a bag of one").isEqualTo(n == 1);
                    assertThat(Double.parseDouble(row[6])).isFinite();
                    assertThat(Double.parseDouble(row[7])).isCloseTo(
                            Double.parseDouble(attention.get(bag.id()).get(i)[2]), Offset.offset(1e-5));
                }
            }
        }
        assertThat(out.resolve(ImportanceMontage.FILE)).isRegularFile();
        assertThat(Files.readString(out.resolve("importance_montage.svg"))).contains("most confident correct")
                .contains("most wrong");
    }

    @Test
    void predictWritesTheSameImportanceBesideItsScores() throws IOException {
        Path scores = dir.resolve("predict-importance/scores.csv");
        CliRuns.Run r = CliRuns.run("predict", "--model", run.resolve("checkpoints/best.zip").toString(), "--data", data.toString(), "--split",
                "test", "--importance", "--out", scores.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path evaluated = dir.resolve("evaluate-for-predict");
        assertThat(CliRuns.run("evaluate", "--model", run.resolve("checkpoints/best.zip").toString(), "--data", data.toString(), "--split", "test",
                "--bootstrap", "0", "--importance", "--out", evaluated.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(dir.resolve("predict-importance/scores-importance.csv")))
                .isEqualTo(Files.readAllLines(evaluated.resolve(ImportanceCsv.FILE)));
        assertThat(Files.readAllLines(dir.resolve("predict-importance/scores-importance.csv")).get(0))
                .isEqualTo(ImportanceCsv.HEADER);
        assertThat(r.out()).contains("per-instance importance: ");
    }

    /** Rows by bag id, in file order, without the header. */
    private static Map<String, List<String[]>> readRows(Path csv) throws IOException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
        return out;
    }
}
