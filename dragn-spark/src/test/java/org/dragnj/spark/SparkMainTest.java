package org.dragnj.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dragn-spark follows dragn's conventions: one error line naming the input, the bad-input exit code, no stack trace. */
class SparkMainTest {

    @TempDir
    Path dir;

    @Test
    void aMissingGroupingFileIsNamedWithExitCodeThreeAndNoStackTrace() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SparkMain.execute("prepare-hpa", "--master", "local[1]", "--grouping",
                    dir.resolve("missing.csv").toString(), "--grouping-format", "BAG_CSV", "--images", dir.toString(),
                    "--out", dir.resolve("out").toString());
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(3);
        assertThat(text).contains("error: " + dir.resolve("missing.csv").toUri() + ": no such file")
                .doesNotContain("\tat ");
    }
}
