package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.trunk.InputNormalization;

/** How the commands tell the user what they read and wrote, and what to run next. */
final class DataHints {

    private DataHints() {
    }

    /** System property the launcher (bin/dragn) sets to the path it was started by. */
    static final String LAUNCHER = "dragn.launcher";

    /** The next command, as {@code next: <command>}, written so that it runs as printed. */
    static void next(String... args) {
        System.out.println("next: " + command(args));
    }

    /**
     * The next command, a {@code train} with a named config; when that config starts from a pretrained
     * weights file that is not there, a second line says where it goes and how to do without it.
     */
    static void nextTraining(String config, String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("train", "--config", config));
        all.addAll(java.util.List.of(args));
        next(all.toArray(String[]::new));
        try {
            Path weights = ConfigLoader.load(config, java.util.Map.of()).model().pretrainedFile();
            if (weights != null && !java.nio.file.Files.isRegularFile(weights)) {
                System.out.println("  " + config + " starts from " + weights + ", as the paper does: put that file"
                        + " there, or add --pretrained none to train from random weights");
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // a hint only: the train command itself reports a broken config
        }
    }

    /**
     * A dragn command line as the user can type it: through the launcher that started this JVM (its
     * path as it was called), or else through Maven from the checkout, as the default job runs.
     */
    static String command(String... args) {
        String joined = Arrays.stream(args).map(DataHints::quote).collect(Collectors.joining(" "));
        String launcher = System.getProperty(LAUNCHER);
        return launcher != null ? quote(launcher) + " " + joined
                : "mvn -q -pl dragn-train exec:java -Dexec.args=" + quote(joined);
    }

    static String quote(Object arg) {
        String s = arg.toString();
        return s.isEmpty() || s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')
                ? "'" + s.replace("'", "'\\''") + "'" : s;
    }

    /** Which model a command runs and how it was made (its file's provenance), indented under its name. */
    static void describeModel(Path file, DragnModel model) {
        ModelSpec spec = model.spec();
        System.out.println("model " + file + ": " + spec.aggregation().displayName() + " on " + spec.trunk() + ", input "
                + spec.inputChannels() + "x" + spec.inputHeight() + "x" + spec.inputWidth() + " " + spec.channelOrder()
                + (spec.inputNormalization() == InputNormalization.NONE ? ""
                        : ", " + spec.inputNormalization() + "-normalised")
                + (spec.trunkWeightsFile() == null ? "" : ", trunk started from " + spec.trunkWeightsFile())
                + (spec.trainingImages() == null ? "" : "; trained on " + spec.trainingImages() + " images"));
        model.provenance().describe(model.spec().labels()).lines().forEach(l -> System.out.println("  " + l));
    }

    /** A folder next to {@code folder}, named after it plus {@code suffix}: data/hpa → data/hpa-crops. */
    static Path sibling(Path folder, String suffix) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return folder.resolveSibling((name == null ? "data" : name.toString()) + suffix);
    }
}
