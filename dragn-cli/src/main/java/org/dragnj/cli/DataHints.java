package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.dragnj.model.DragnModel;

/** How the commands tell the user what they read and wrote, and what to run next. */
final class DataHints {

    private DataHints() {
    }

    /** The next command, as {@code next: dragn <args>}; arguments with spaces are quoted. */
    static void next(String... args) {
        System.out.println("next: dragn " + Arrays.stream(args).map(DataHints::quote).collect(Collectors.joining(" ")));
    }

    static String quote(Object arg) {
        String s = arg.toString();
        return s.isEmpty() || s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')
                ? "'" + s.replace("'", "'\\''") + "'" : s;
    }

    /** Which model a command runs and how it was made (its file's provenance), indented under its name. */
    static void describeModel(Path file, DragnModel model) {
        System.out.println("model " + file + ": " + model.spec().aggregation().displayName() + " on "
                + model.spec().trunk() + ", " + model.spec().inputChannels() + "x" + model.spec().inputHeight() + "x"
                + model.spec().inputWidth());
        model.provenance().describe(model.spec().labels()).lines().forEach(l -> System.out.println("  " + l));
    }

    /** A folder next to {@code folder}, named after it plus {@code suffix}: data/hpa → data/hpa-crops. */
    static Path sibling(Path folder, String suffix) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return folder.resolveSibling((name == null ? "data" : name.toString()) + suffix);
    }
}
