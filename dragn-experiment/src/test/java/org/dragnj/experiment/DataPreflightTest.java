package org.dragnj.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.experiment.testing.TinyRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-flight pass before training: a damaged image anywhere (here in the test split) stops the run
 * before the first epoch, or with skip_bad leaves its bag out and says so; conversions the model
 * cannot honestly make are refused, the others said.
 */
class DataPreflightTest {

    @TempDir
    Path dir;

    /** The tiny manifest with the first test bag's first image overwritten by a damaged PNG. */
    private BagRecord damage(Manifest m) throws IOException {
        BagRecord bag = m.bags(Split.TEST).get(0);
        Path file = m.resolve(bag.instances().get(0));
        byte[] png = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(png, 40)); // the signature and header survive, the pixels do not
        return bag;
    }

    @Test
    void aDamagedTestImageStopsTheRunBeforeTrainingNamingBagAndFile() throws IOException {
        Manifest m = TinyRuns.manifest(dir.resolve("data"));
        BagRecord bag = damage(m);
        assertThatThrownBy(() -> DataSource.load(TinyRuns.config(m.folder()), dir.resolve("cache"),
                ProgressListener.NONE)).isInstanceOf(BadInputException.class)
                .hasMessage("1 of " + m.bags().stream().mapToInt(b -> b.instances().size()).sum() + " images cannot be"
                        + " read:\n  bag " + bag.id() + ": " + bag.instances().get(0) + " (image "
                        + m.resolve(bag.instances().get(0)) + " cannot be decoded)\nfix or remove these files (and"
                        + " their rows in " + m.folder().resolve("bags.csv") + "), or add --skip-bad to leave their"
                        + " bags out");
    }

    @Test
    void withSkipBadTheBagOfADamagedImageIsLeftOutAndListed() throws IOException {
        Manifest m = TinyRuns.manifest(dir.resolve("data"));
        BagRecord bag = damage(m);
        DataSource.Loaded loaded = DataSource.load(TinyRuns.config(m.folder(), "data.skip_bad", "true"),
                dir.resolve("cache"), ProgressListener.NONE);
        assertThat(loaded.manifest().bags()).hasSize(m.bags().size() - 1).doesNotContain(bag);
        assertThat(loaded.skipped()).containsExactly("pre-flight: 1 bags left out, their images cannot be read"
                + " (--skip-bad):", "  bag " + bag.id() + ": " + bag.instances().get(0) + " (image "
                + m.resolve(bag.instances().get(0)) + " cannot be decoded)");
        loaded.writeReports(dir.resolve("run"));
        assertThat(dir.resolve("run/skipped_bags.txt")).content().contains("bag " + bag.id());
    }

    @Test
    void rgbImagesForAFourChannelModelAreRefusedAndAnUnlearnableLabelIsSaid() throws IOException {
        Manifest m = TinyRuns.manifest(dir.resolve("data"));
        assertThatThrownBy(() -> DataSource.load(TinyRuns.config(m.folder(), "model.channels", "4"),
                dir.resolve("cache"), ProgressListener.NONE)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(m.bags().stream().mapToInt(b -> b.instances().size()).sum() + " of ")
                .hasMessageContaining("images have 3 channels, the model reads 4 (e.g. ")
                .hasMessageEndingWith(": the fourth channel would be made up (an opaque alpha), not a stain; give the"
                        + " model 4-channel images or set model.channels: 3");

        Files.writeString(m.folder().resolve("classes.txt"), "never\n", StandardOpenOption.APPEND);
        DataSource.Loaded loaded = DataSource.load(TinyRuns.config(m.folder(), "model.channels", "1"),
                dir.resolve("cache"), ProgressListener.NONE);
        assertThat(loaded.warnings()).hasSize(2);
        assertThat(loaded.warnings().get(0)).contains("images have 3 channels, the model reads 1")
                .endsWith(": they are converted (averaged to grey)");
        assertThat(loaded.warnings().get(1)).isEqualTo("1 of 4 labels occur in no training bag, so the model cannot"
                + " learn them and their test metrics say nothing: never");
    }
}
