package org.dragnj.experiment.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.manifest.BadImageAdvice;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.survey.ImageSurvey;
import org.dragnj.model.ModelSpec;

/**
 * Checks surveyed images against what a model reads, before training or scoring starts. Unreadable
 * files are collected per bag (the caller fails or leaves those bags out). A channel count the model
 * cannot honestly read is refused: for a trained model any count other than its training images'
 * (it would read different stains or colours as the ones it learnt), for training an RGB image fed
 * to a 4-channel model (the fourth channel would be made up). Every other conversion — grey
 * replicated to RGB, a channel dropped, another bit depth, a resize — is allowed and said.
 */
public final class InputCheck {

    private static final int EXAMPLES = 3;
    private static final int SIZES_LISTED = 5;

    private InputCheck() {
    }

    /**
     * What the images are checked against.
     *
     * @param channels the model's input channels
     * @param typical  the format of the training images (null when unknown)
     * @param width    the model's input width
     * @param height   the model's input height
     * @param trained  a trained model (channel counts must match its training images) or one about to train
     */
    public record Expected(int channels, ImageFormat typical, int width, int height, boolean trained) {

        public static Expected of(ModelSpec spec) {
            return new Expected(spec.inputChannels(), spec.trainingImages(), spec.inputWidth(), spec.inputHeight(),
                    true);
        }

        String input() {
            return width + "x" + height;
        }
    }

    /**
     * What the check found.
     *
     * @param unreadable per bag id, its unreadable instances with the reason
     * @param refusals   problems that stop the run (channel counts the model cannot read)
     * @param warnings   conversions that happen, for a person to know
     */
    public record Findings(Map<String, List<String>> unreadable, List<String> refusals, List<String> warnings,
            int images) {

        /** Fails with every unreadable file and every refusal named; returns the warnings otherwise. */
        public List<String> orThrow(String advice) throws BadInputException {
            List<String> problems = new ArrayList<>(refusals);
            if (!unreadable.isEmpty()) {
                List<String> files = new ArrayList<>();
                unreadable.forEach((bag, list) -> list.forEach(f -> files.add("bag " + bag + ": " + f)));
                problems.add(0, files.size() + " of " + images + " images cannot be read:\n  "
                        + String.join("\n  ", files) + "\n" + advice);
            }
            if (!problems.isEmpty()) {
                throw new BadInputException(String.join("\n", problems));
            }
            return warnings;
        }
    }

    /**
     * For a saved model about to score {@code bags}: the warnings, or an exception naming every bad file with
     * advice that fits where the bags came from (a manifest or a folder of images).
     */
    public static List<String> check(ModelSpec spec, Manifest manifest, List<BagRecord> bags, ImageSurvey survey)
            throws BadInputException {
        return inspect(Expected.of(spec), manifest, bags, survey).orThrow(BadImageAdvice.of(manifest));
    }

    public static Findings inspect(Expected expected, Manifest manifest, List<BagRecord> bags, ImageSurvey survey) {
        ImageFormat typical = expected.typical();
        int wanted = expected.trained() && typical != null ? typical.channels() : expected.channels();
        Map<String, List<String>> unreadable = new LinkedHashMap<>();
        Map<Integer, List<String>> otherChannels = new TreeMap<>();
        Map<Integer, List<String>> otherDepth = new TreeMap<>();
        Map<String, List<String>> resized = new TreeMap<>();
        int images = 0;
        for (BagRecord bag : bags) {
            for (String instance : bag.instances()) {
                images++;
                ImageSurvey.Finding found = survey.get(instance);
                if (found == null || !found.readable()) {
                    unreadable.computeIfAbsent(bag.id(), k -> new ArrayList<>())
                            .add(instance + " (" + (found == null ? "not checked" : found.error()) + ")");
                    continue;
                }
                ImageFormat f = found.format();
                if (f.channels() != wanted) {
                    otherChannels.computeIfAbsent(f.channels(), k -> new ArrayList<>()).add(bag.id() + ": " + instance);
                }
                if (typical != null && f.bitDepth() != typical.bitDepth()) {
                    otherDepth.computeIfAbsent(f.bitDepth(), k -> new ArrayList<>()).add(instance);
                }
                if (!f.size().equals(expected.input())) {
                    resized.computeIfAbsent(f.size(), k -> new ArrayList<>()).add(instance);
                }
            }
        }
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        final int total = images;
        if (expected.trained()) {
            if (!otherChannels.isEmpty()) {
                refusals.add(trainedChannelRefusal(expected, wanted, otherChannels, total));
            }
        } else {
            otherChannels.forEach((c, files) -> {
                String what = String.format(Locale.ROOT, "%d of %d images have %d channel%s, the model reads %d (e.g. %s)",
                        files.size(), total, c, c == 1 ? "" : "s", wanted, examples(files));
                if (c == 3 && wanted == 4) {
                    refusals.add(what + ": the fourth channel would be made up (an opaque alpha), not a stain; give the"
                            + " model 4-channel images or set model.channels: 3");
                } else {
                    warnings.add(what + ": they are converted (" + conversion(c, wanted) + ")");
                }
            });
        }
        otherDepth.forEach((bits, files) -> warnings.add(String.format(Locale.ROOT,
                "%d of %d images are %d-bit, the training images %s %d-bit (e.g. %s): their values are scaled to"
                        + " [0, 1] by their own maximum, so their intensities may not look like the training"
                        + " images'", files.size(), total, bits, expected.trained() ? "were" : "are mostly",
                typical.bitDepth(), examples(files))));
        int listed = 0;
        for (Map.Entry<String, List<String>> e : resized.entrySet()) {
            if (listed++ == SIZES_LISTED) {
                warnings.add((resized.size() - SIZES_LISTED) + " more image sizes are resized to " + expected.input());
                break;
            }
            String size = e.getKey();
            warnings.add(String.format(Locale.ROOT, "%d of %d images are %s and are resized to the model's input %s%s"
                    + " (e.g. %s)", e.getValue().size(), total, size, expected.input(),
                    typical == null ? "" : typical.size().equals(size) ? ", as the training images " + (expected.trained()
                            ? "were" : "mostly are") : "; the training images " + (expected.trained() ? "were " : "mostly are ")
                            + typical.size(), examples(e.getValue())));
        }
        return new Findings(unreadable, refusals, warnings, total);
    }

    private static String trainedChannelRefusal(Expected expected, int wanted, Map<Integer, List<String>> other,
            int total) {
        StringBuilder s = new StringBuilder("the model was trained on ").append(wanted).append("-channel images");
        if (wanted != expected.channels()) {
            s.append(" (converted to its ").append(expected.channels()).append(" input channels)");
        }
        s.append(", but ");
        other.forEach((c, files) -> s.append(files.size()).append(" of ").append(total).append(" images have ")
                .append(c).append(" channels (e.g. ").append(examples(files)).append("); "));
        s.append("a model reads each channel as the stain or colour it learnt: give it images like its"
                + " training images, or train a model on these.");
        return s.toString();
    }

    private static String conversion(int from, int to) {
        if (from == 1) {
            return "grey copied into every channel";
        }
        if (to == 1) {
            return "averaged to grey";
        }
        return from > to ? "channel 4 (alpha or a fourth stain) dropped" : "channels converted";
    }

    /** The most common format among {@code bags}' readable images (null when none is). */
    public static ImageFormat typical(List<BagRecord> bags, ImageSurvey survey) {
        Map<ImageFormat, Integer> counts = new HashMap<>();
        for (BagRecord bag : bags) {
            for (String instance : bag.instances()) {
                ImageSurvey.Finding f = survey.get(instance);
                if (f != null && f.readable()) {
                    counts.merge(f.format(), 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().max(Map.Entry.<ImageFormat, Integer>comparingByValue()
                .thenComparing(e -> e.getKey().toString())).map(Map.Entry::getKey).orElse(null);
    }

    private static String examples(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(EXAMPLES, items.size())))
                + (items.size() > EXAMPLES ? ", …" : "");
    }
}
