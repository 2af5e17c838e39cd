package org.dragnj.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher (target/dragn/bin/dragn) as a new user starts it: a separate process, in a
 * folder outside the checkout, from a folder of images per bag and a labels CSV to a manifest, a
 * trained model, its evaluation, predictions and metrics.
 */
class LauncherIT {

    static final Path LAUNCHER = Path.of("target/dragn/bin/dragn").toAbsolutePath();
    static final int BAGS = 16;

    @TempDir
    static Path dir;
    static Run manifest;

    /** The JVM's own notice for the Vector API module the launcher switches on: one line, nothing else. */
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    /** What a process printed and returned; {@code err} without the JVM's incubator notice. */
    record Run(int exitCode, String out, String err) {
    }

    static Run dragn(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        String printed = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(printed).as("the launcher runs the kernel's SIMD loops").startsWith(INCUBATOR_NOTICE);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                printed.substring(INCUBATOR_NOTICE.length()));
    }

    /** images/bag-i/{0,1,2}.png (16×16 RGB; reddish for label 'red', else bluish) and labels.csv. */
    @BeforeAll
    static void images() throws IOException, InterruptedException {
        Random random = new Random(3);
        StringBuilder labels = new StringBuilder("bag_id,labels\n");
        for (int b = 0; b < BAGS; b++) {
            boolean red = b % 2 == 0;
            Path bag = Files.createDirectories(dir.resolve("images").resolve("bag-" + b));
            for (int i = 0; i < 3; i++) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        int strong = 150 + random.nextInt(100);
                        int weak = random.nextInt(100);
                        image.setRGB(x, y, red ? strong << 16 | weak : weak << 16 | strong);
                    }
                }
                ImageIO.write(image, "png", bag.resolve(i + ".png").toFile());
            }
            labels.append("bag-").append(b).append(',').append(red ? "red" : "blue").append('\n');
        }
        Files.writeString(dir.resolve("labels.csv"), labels);
        manifest = dragn("make-manifest", "--images", "images", "--labels", "labels.csv", "--out", "data",
                "--split-fractions", "0.5,0.25,0.25");
    }

    @Test
    void fromAFolderOfImagesToScoresAndMetricsThroughTheLauncherOnly() throws Exception {
        assertThat(LAUNCHER).as("built by 'mvn package'").isExecutable();
        assertThat(manifest.exitCode()).as(manifest.err()).isZero();
        assertThat(manifest.out()).contains("kept " + BAGS).contains("typical image: 16x16, 3 channels, 8-bit")
                .contains("next: " + LAUNCHER + " train --data data");

        Run train = dragn("train", "--data", "data", "--input-size", "16x16", "--epochs", "1", "--batch", "4",
                "--set", "evaluation.bootstrap=0", "--out", "run");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("test: macro AUC").doesNotContain("[INFO]").doesNotContain("[WARNING]");
        Path best = dir.resolve("run/checkpoints/best.zip");
        assertThat(best).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(best))).isEqualTo("rw-r--r--");

        Run evaluate = dragn("evaluate", "--model", "run/checkpoints/best.zip", "--data", "data", "--out", "eval",
                "--bootstrap", "0");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("| AUC (macro) |").contains("manifest sha256")
                .contains("trained on 16x16, 3 channels, 8-bit images");

        Run predict = dragn("predict", "--model", "run/checkpoints/best.zip", "--data", "data", "--split", "test",
                "--out", "scores.csv");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> scores = Files.readAllLines(dir.resolve("scores.csv"));
        assertThat(scores.get(0)).isEqualTo("bag_id,blue,red,true_labels");
        assertThat(scores).hasSize(1 + BAGS / 4);

        // metrics and evaluate share their default split (test), so a test-split scores file just works
        Run metrics = dragn("metrics", "--scores", "scores.csv", "--data", "data", "--out", "metrics",
                "--bootstrap", "0");
        assertThat(metrics.exitCode()).as(metrics.err()).isZero();
        Run wrongSplit = dragn("metrics", "--scores", "scores.csv", "--data", "data", "--split", "train", "--out",
                "m2", "--bootstrap", "0");
        assertThat(wrongSplit.exitCode()).isEqualTo(2);
        assertThat(wrongSplit.err()).contains("--split");

        Run folder = dragn("predict", "--model", "run/checkpoints/best.zip", "--images", "images/bag-1", "--out",
                "one.csv");
        assertThat(folder.exitCode()).as("images lying directly in the folder need a grouping").isEqualTo(3);
        assertThat(folder.err()).contains("--one-bag").contains("--group-by");
        Run oneBag = dragn("predict", "--model", "run/checkpoints/best.zip", "--images", "images/bag-1",
                "--one-bag", "--out", "one.csv");
        assertThat(oneBag.exitCode()).as(oneBag.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("one.csv")).get(0)).isEqualTo("bag_id,blue,red");
    }

    @Test
    void exitCodesSayWhoseMoveItIs() throws Exception {
        assertThat(dragn("--help").exitCode()).isZero();
        assertThat(dragn("train", "--no-such-option").exitCode()).as("usage").isEqualTo(2);
        Run missing = dragn("evaluate", "--model", "nothing.zip", "--data", "data", "--out", "e");
        assertThat(missing.exitCode()).as("bad input").isEqualTo(3);
        assertThat(missing.err()).startsWith("error: ").contains("nothing.zip").doesNotContain("\tat ");
        Run weights = dragn("train", "--config", "hpa-paper", "--data", "data");
        assertThat(weights.exitCode()).as("the paper's weights file is missing").isEqualTo(3);
        assertThat(weights.err()).contains("resnet50-0676ba61.pth")
                .contains("https://download.pytorch.org/models/resnet50-0676ba61.pth").contains("--pretrained none");
    }
}
