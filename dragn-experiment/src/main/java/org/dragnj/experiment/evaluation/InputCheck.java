package org.dragnj.experiment.evaluation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.manifest.BadImageAdvice;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.folder.ImageFormats;
import org.dragnj.model.ModelSpec;

/**
 * Checks the images a saved model is about to score against what it was trained on: another channel
 * count is refused (the model would read different stains or colours as the ones it learnt); another
 * bit depth or a resize is allowed with a warning, since the pixels are scaled and resized the same
 * way but may not look like the training images.
 */
public final class InputCheck {

    private static final int EXAMPLES = 3;

    private InputCheck() {
    }

    /**
     * @return warnings for a person (empty when every image looks like a training image)
     * @throws BadInputException when an image cannot be read or has another channel count
     */
    public static List<String> check(ModelSpec spec, Manifest manifest, List<BagRecord> bags) throws BadInputException {
        ImageFormat trained = spec.trainingImages();
        int channels = trained != null ? trained.channels() : spec.inputChannels();
        String input = spec.inputWidth() + "x" + spec.inputHeight();
        Map<String, List<String>> wrongChannels = new TreeMap<>();
        Map<Integer, List<String>> otherDepth = new TreeMap<>();
        Map<String, List<String>> resized = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        int images = 0;
        for (BagRecord bag : bags) {
            for (String instance : bag.instances()) {
                images++;
                ImageFormat f;
                try {
                    f = ImageFormats.read(manifest.resolve(instance));
                } catch (IOException | RuntimeException e) {
                    unreadable.add(bag.id() + ": " + instance + " (" + e.getMessage() + ")");
                    continue;
                }
                if (f.channels() != channels) {
                    wrongChannels.computeIfAbsent(f.channels() + " channels", k -> new ArrayList<>())
                            .add(bag.id() + ": " + instance);
                }
                if (trained != null && f.bitDepth() != trained.bitDepth()) {
                    otherDepth.computeIfAbsent(f.bitDepth(), k -> new ArrayList<>()).add(instance);
                }
                if (!f.size().equals(input)) {
                    resized.computeIfAbsent(f.size(), k -> new ArrayList<>()).add(instance);
                }
            }
        }
        if (!unreadable.isEmpty()) {
            throw new BadInputException(unreadable.size() + " of " + images + " images cannot be read: "
                    + examples(unreadable) + "; " + BadImageAdvice.of(manifest));
        }
        final int total = images;
        if (!wrongChannels.isEmpty()) {
            StringBuilder s = new StringBuilder("the model was trained on ").append(channels)
                    .append("-channel images");
            if (trained != null && trained.channels() != spec.inputChannels()) {
                s.append(" (converted to its ").append(spec.inputChannels()).append(" input channels)");
            }
            s.append(", but ");
            wrongChannels.forEach((k, files) -> s.append(files.size()).append(" of ").append(total)
                    .append(" images have ").append(k).append(" (e.g. ").append(examples(files)).append("); "));
            s.append("a model reads each channel as the stain or colour it learnt: give it images like its"
                    + " training images, or train a model on these.");
            throw new BadInputException(s.toString());
        }
        List<String> warnings = new ArrayList<>();
        otherDepth.forEach((bits, files) -> warnings.add(String.format(java.util.Locale.ROOT,
                "%d of %d images are %d-bit, the training images were %d-bit (e.g. %s): their values are scaled to"
                        + " [0, 1] by their own maximum, so their intensities may not look like the training"
                        + " images'", files.size(), total, bits, trained.bitDepth(), examples(files))));
        resized.forEach((size, files) -> warnings.add(String.format(java.util.Locale.ROOT,
                "%d of %d images are %s and are resized to the model's input %s%s (e.g. %s)", files.size(), total,
                size, input, trained != null && trained.size().equals(size) ? ", as the training images were"
                        : trained != null ? "; the training images were " + trained.size() : "",
                examples(files))));
        return warnings;
    }

    private static String examples(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(EXAMPLES, items.size())))
                + (items.size() > EXAMPLES ? ", …" : "");
    }
}
