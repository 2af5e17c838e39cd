package org.dragnj.datasets.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.synthetic.PngFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-flight pass: every image decoded, a damaged one found, and a rerun decoding only what changed. */
class ImageSurveyTest {

    @TempDir
    Path dir;

    private Manifest manifest() throws IOException {
        PngFiles.writeGray(dir.resolve("grey.png"), new byte[12 * 10], 10, 12);
        PngFiles.writeBgr(dir.resolve("rgb.png"), new byte[3 * 8 * 8], 8, 8);
        PngFiles.writeBgr(dir.resolve("cut.png"), noise(3 * 64 * 64), 64, 64);
        byte[] whole = Files.readAllBytes(dir.resolve("cut.png"));
        Files.write(dir.resolve("cut.png"), Arrays.copyOf(whole, whole.length / 2)); // header intact, data cut
        return new Manifest(dir, List.of("a"), List.of(
                new BagRecord("b1", Split.TRAIN, List.of("a"), List.of("grey.png", "rgb.png")),
                new BagRecord("b2", Split.TEST, List.of(), List.of("rgb.png", "cut.png"))));
    }

    private static byte[] noise(int n) {
        byte[] b = new byte[n];
        new java.util.Random(1).nextBytes(b); // incompressible, so half the file is half the pixel data
        return b;
    }

    @Test
    void everyImageIsDecodedOnceAndATruncatedOneIsFound() throws IOException {
        Manifest m = manifest();
        ImageSurvey s = ImageSurvey.of(m, m.bags(), null, 2, ProgressListener.NONE);
        assertThat(s.decoded()).isEqualTo(3); // rgb.png is in two bags
        assertThat(s.get("grey.png").format()).isEqualTo(new ImageFormat(12, 10, 1, 8));
        assertThat(s.get("rgb.png").format()).isEqualTo(new ImageFormat(8, 8, 3, 8));
        assertThat(s.get("cut.png").readable()).isFalse();
        assertThat(s.get("cut.png").error()).isEqualTo("image " + dir.resolve("cut.png") + " cannot be decoded");
    }

    @Test
    void aRerunDecodesOnlyFilesWhoseSizeOrTimeChangedAndADamagedCacheIsIgnored() throws IOException {
        Manifest m = manifest();
        Path cache = dir.resolve("cache/survey.tsv");
        assertThat(ImageSurvey.of(m, m.bags(), cache, 2, ProgressListener.NONE).decoded()).isEqualTo(3);
        ImageSurvey again = ImageSurvey.of(m, m.bags(), cache, 2, ProgressListener.NONE);
        assertThat(again.decoded()).isZero();
        assertThat(again.get("cut.png").readable()).isFalse(); // remembered as unreadable, not as fine
        assertThat(again.get("grey.png").format()).isEqualTo(new ImageFormat(12, 10, 1, 8));

        Files.setLastModifiedTime(dir.resolve("grey.png"), FileTime.fromMillis(1_000_000));
        assertThat(ImageSurvey.of(m, m.bags(), cache, 2, ProgressListener.NONE).decoded()).isEqualTo(1);

        Files.writeString(cache, "# dragn image survey 1\n" + dir.resolve("rgb.png") + "\tnot-a-number\n");
        assertThat(ImageSurvey.of(m, m.bags(), cache, 2, ProgressListener.NONE).decoded()).isEqualTo(3);
    }
}
