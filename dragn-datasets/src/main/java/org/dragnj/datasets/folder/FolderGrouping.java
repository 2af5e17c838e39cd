package org.dragnj.datasets.folder;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How images lying directly in a prediction folder form bags (the folders below it are bags as
 * {@link SubfolderBags} says). Without a choice such images are refused: a folder of raw channel files or of many
 * samples must not be scored silently as one bag.
 *
 * @param mode    what to do with images directly in the folder
 * @param pattern for {@link Mode#PATTERN}: a regular expression matched against each file name whose
 *                first group is the bag id
 */
public record FolderGrouping(Mode mode, Pattern pattern) {

    /** What becomes of images directly in the folder. */
    public enum Mode {
        /** Refuse them: only subfolders are bags. */
        SUBFOLDERS,
        /** They are one bag, named after the folder. */
        ONE_BAG,
        /** They are grouped by the first group of {@link #pattern} in their file names. */
        PATTERN
    }

    public FolderGrouping {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.PATTERN) != (pattern != null)) {
            throw new IllegalArgumentException("a file-name pattern goes with PATTERN grouping, and only with it");
        }
        if (pattern != null && pattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException("the grouping pattern needs a capturing group for the bag id, e.g."
                    + " '^(.+)_(red|green|blue|yellow)\\.png$'; got '" + pattern + "'");
        }
    }

    public static FolderGrouping subfolders() {
        return new FolderGrouping(Mode.SUBFOLDERS, null);
    }

    public static FolderGrouping oneBag() {
        return new FolderGrouping(Mode.ONE_BAG, null);
    }

    public static FolderGrouping byPattern(String regex) {
        return new FolderGrouping(Mode.PATTERN, Pattern.compile(regex));
    }
}
