package org.dragnj.eval.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoresCsvTest {

    @TempDir
    Path dir;

    @Test
    void roundTrip() throws IOException {
        Path f = dir.resolve("s.csv");
        ScoresCsv.write(f, List.of("a", "b,c"), List.of("bag1", "bag2"), new double[][] {{0.25, 1}, {0, 0.5}});
        ScoresCsv.Scores s = ScoresCsv.read(f);
        assertThat(s.labels()).containsExactly("a", "b,c");
        assertThat(s.byBag().get("bag2")).containsExactly(0, 0.5);
        assertThat(s.byBag().keySet()).containsExactly("bag1", "bag2");
    }

    @Test
    void trueLabelsTravelInTheirOwnColumnAndAreNoScores() throws IOException {
        Path f = dir.resolve("t.csv");
        ScoresCsv.write(f, List.of("a", "b"), List.of("bag1", "bag2"), new double[][] {{0.25, 1}, {0, 0.5}},
                List.of(List.of("a", "b"), List.of()));
        assertThat(Files.readAllLines(f)).containsExactly("bag_id,a,b,true_labels", "bag1,0.250000,1.000000,a;b",
                "bag2,0.000000,0.500000,");
        ScoresCsv.Scores s = ScoresCsv.read(f);
        assertThat(s.labels()).containsExactly("a", "b");
        assertThat(s.truth()).containsEntry("bag1", List.of("a", "b")).containsEntry("bag2", List.of());
        assertThatThrownBy(() -> ScoresCsv.write(f, List.of("true_labels"), List.of("x"), new double[][] {{0.1}}))
                .hasMessageContaining("cannot be label names");
    }

    @Test
    void badFilesAreNamedWithTheLine() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "bag_id,a\nx,0.2\ny,1.7\n");
        assertThatThrownBy(() -> ScoresCsv.read(f)).hasMessageContaining("bad.csv:3").hasMessageContaining("[0, 1]");
        Files.writeString(f, "id,a\nx,0.2\n");
        assertThatThrownBy(() -> ScoresCsv.read(f)).hasMessageContaining("bad.csv:1").hasMessageContaining("bag_id");
        Files.writeString(f, "bag_id,a\nx,0.2\nx,0.3\n");
        assertThatThrownBy(() -> ScoresCsv.read(f)).hasMessageContaining("appears twice");
        Files.writeString(f, "bag_id,a\nx,high\n");
        assertThatThrownBy(() -> ScoresCsv.read(f)).hasMessageContaining("'high'").hasMessageContaining("not a number");
    }
}
