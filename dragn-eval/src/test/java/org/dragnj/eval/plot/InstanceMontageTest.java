package org.dragnj.eval.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceMontageTest {

    @TempDir
    Path dir;

    private static InstanceMontage.Thumbnail filled(int channels, float[] value, String caption) {
        float[] pixels = new float[channels * 4 * 4];
        for (int c = 0; c < channels; c++) {
            Arrays.fill(pixels, c * 16, (c + 1) * 16, value[c]);
        }
        return new InstanceMontage.Thumbnail(channels, 4, 4, pixels, caption);
    }

    /** Grey, RGB and four-channel instances (the fourth channel not drawn) in their colours, captions in the SVG. */
    @Test
    void everyChannelCountIsDrawnAsTheModelSawIt() throws IOException {
        Path png = dir.resolve("montage.png");
        InstanceMontage.write(png, "bag-3: label1", List.of(
                new InstanceMontage.Row("most confident", List.of(filled(1, new float[] {1}, "+0.412"),
                        filled(3, new float[] {1, 0, 0}, "-0.020"))),
                new InstanceMontage.Row("most wrong", List.of(filled(4, new float[] {0, 0, 1, 1}, "0.000")))));
        BufferedImage img = ImageIO.read(png.toFile());
        int tileTop = 30 + 22; // title, first heading
        assertThat(img.getRGB(10 + 48, tileTop + 48) & 0xffffff).as("grey 1.0").isEqualTo(0xffffff);
        assertThat(img.getRGB(10 + 106 + 48, tileTop + 48) & 0xffffff).as("red").isEqualTo(0xff0000);
        int secondRowTop = tileTop + 96 + 16 + 10 + 22;
        assertThat(img.getRGB(10 + 48, secondRowTop + 48) & 0xffffff).as("RGB of RGBA").isEqualTo(0x0000ff);
        assertThat(Files.readString(dir.resolve("montage.svg"))).contains("+0.412", "-0.020", "most wrong",
                "bag-3: label1");
    }
}
