package org.dragnj.experiment.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.survey.ImageSurvey;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prediction input checked against the images a model was trained on. */
class InputCheckTest {

    @TempDir
    Path dir;

    /** A model for 16×16 RGB input, trained on 32×32 8-bit RGB images. */
    private static final ModelSpec SPEC = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(List.of("a"))
            .setInputSize(16, 16).optTrainingImages(new ImageFormat(32, 32, 3, 8)).build();

    private String image(String name, int size, int type) throws IOException {
        ImageIO.write(new BufferedImage(size, size, type), "png", dir.resolve(name).toFile());
        return name;
    }

    private Manifest bags(String... images) {
        return new Manifest(dir, List.of("a"), List.of(new BagRecord("b", Split.TEST, List.of(), List.of(images))));
    }

    private static List<String> check(ModelSpec spec, Manifest m) throws IOException {
        return InputCheck.check(spec, m, m.bags(), ImageSurvey.of(m, m.bags(), null, 2, ProgressListener.NONE));
    }

    @Test
    void imagesLikeTheTrainingImagesPassWithOnlyTheirResizeNoted() throws IOException {
        Manifest m = bags(image("x.png", 32, BufferedImage.TYPE_3BYTE_BGR), image("y.png", 32,
                BufferedImage.TYPE_3BYTE_BGR));
        assertThat(check(SPEC, m)).containsExactly("2 of 2 images are 32x32 and are resized to the"
                + " model's input 16x16, as the training images were (e.g. x.png, y.png)");
    }

    @Test
    void anotherChannelCountIsRefusedNamingTheImages() throws IOException {
        Manifest m = bags(image("rgb.png", 32, BufferedImage.TYPE_3BYTE_BGR), image("grey.png", 32,
                BufferedImage.TYPE_BYTE_GRAY));
        assertThatThrownBy(() -> check(SPEC, m)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("trained on 3-channel images").hasMessageContaining("1 of 2 images have 1 channels")
                .hasMessageContaining("b: grey.png");
    }

    @Test
    void anotherBitDepthAndSizeAreWarnedAbout() throws IOException {
        Manifest m = bags(image("deep.png", 16, BufferedImage.TYPE_USHORT_GRAY));
        ModelSpec grey = SPEC.toBuilder().optInputChannels(1).optTrainingImages(new ImageFormat(16, 16, 1, 8)).build();
        assertThat(check(grey, m)).singleElement().asString()
                .startsWith("1 of 1 images are 16-bit, the training images were 8-bit (e.g. deep.png)");
        Files.delete(dir.resolve("deep.png"));
        assertThatThrownBy(() -> check(grey, m)).isInstanceOf(BadInputException.class)
                .hasMessage("1 of 1 images cannot be read:\n  bag b: deep.png (no such file)\nremove each file from its"
                        + " folder or replace it with a readable image (these bags are the folders under " + dir
                        + ", so removing a file leaves its bag one image shorter), then run again");
    }

    @Test
    void anUnreadableImageIsNamedWithItsBagAndTheAdviceFitsWhereTheBagsCameFrom() throws IOException {
        Files.writeString(dir.resolve("bad.png"), "not a png");
        Manifest m = bags(image("x.png", 32, BufferedImage.TYPE_3BYTE_BGR), "bad.png");
        assertThatThrownBy(() -> check(SPEC, m)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1 of 2 images cannot be read:\n  bag b: bad.png (image " + dir.resolve("bad.png")
                        + " cannot be decoded)\nremove each file from its folder or replace it with a readable image")
                .hasMessageNotContaining("bags.csv");
        Files.writeString(dir.resolve("bags.csv"), "bag_id,split,labels,instances\n");
        assertThatThrownBy(() -> check(SPEC, m)).hasMessageEndingWith(
                "\nfix each file or drop it from " + dir.resolve("bags.csv"));
    }
}
