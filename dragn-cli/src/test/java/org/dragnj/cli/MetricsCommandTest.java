package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.ManifestWriter;
import org.dragnj.bags.manifest.Split;
import org.dragnj.eval.scores.ScoresCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class MetricsCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesMetricsReportAndRocForTheChosenSplit() throws IOException {
        Path data = dir.resolve("data");
        ManifestWriter.write(data, List.of("x", "y"), List.of(
                new BagRecord("a", Split.TEST, List.of("x"), List.of("i.png")),
                new BagRecord("b", Split.TEST, List.of("y"), List.of("i.png")),
                new BagRecord("c", Split.TEST, List.of("x", "y"), List.of("i.png")),
                new BagRecord("d", Split.TEST, List.of(), List.of("i.png")),
                new BagRecord("v", Split.VAL, List.of("x"), List.of("i.png"))));
        // columns in another order than classes.txt; an extra row for a bag outside the split
        ScoresCsv.write(dir.resolve("scores.csv"), List.of("y", "x"), List.of("a", "b", "c", "d", "v"),
                new double[][] {{0.1, 0.9}, {0.8, 0.3}, {0.7, 0.6}, {0.2, 0.1}, {0.5, 0.5}});
        Path out = dir.resolve("out");
        String stdout = run("metrics", "--scores", dir.resolve("scores.csv").toString(), "--data", data.toString(),
                "--split", "test", "--out", out.toString(), "--bootstrap", "50");
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("bags").asInt()).isEqualTo(4);
        assertThat(m.get("auc_macro").asDouble()).isEqualTo(1.0);
        assertThat(m.get("f1_micro").asDouble()).isEqualTo(1.0);
        assertThat(m.get("per_label").get("y").get("tp").asInt()).isEqualTo(2);
        assertThat(out.resolve("report.md")).content().contains("| AUC (macro) |");
        assertThat(Files.size(out.resolve("roc_curves.png"))).isGreaterThan(5000);
        assertThat(stdout).contains("1 score rows belong to bags outside the evaluated set");
    }

    @Test
    void missingScoresAreReportedWithoutAStackTrace() throws IOException {
        Path data = dir.resolve("data");
        ManifestWriter.write(data, List.of("x"), List.of(new BagRecord("a", Split.TEST, List.of("x"), List.of("i.png")),
                new BagRecord("b", Split.TEST, List.of(), List.of("i.png"))));
        ScoresCsv.write(dir.resolve("s.csv"), List.of("x"), List.of("a"), new double[][] {{0.4}});
        StringWriter err = new StringWriter();
        int code = DragnCli.commandLine().setErr(new PrintWriter(err)).execute("metrics", "--scores", dir.resolve("s.csv").toString(), "--data", data.toString(), "--out",
                        dir.resolve("o").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no scores for 1 of the 2 bags").contains("[b]");
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = DragnCli.commandLine().execute(args);
            assertThat(code).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
