package org.dragnj.datasets.manifest;

import java.nio.file.Path;

import org.dragnj.bags.io.Location;

/**
 * One thing wrong with a manifest, located: file, line (1-based, header is line 1; 0 when not
 * about a line), bag id (null when not about a bag).
 */
public record ManifestProblem(Path file, int line, String bagId, Kind kind, String detail) {

    /** What is wrong. */
    public enum Kind {
        BAD_HEADER("bags.csv must start with the header bag_id,split,labels,instances"),
        MALFORMED_ROW("the row does not have the 4 columns bag_id,split,labels,instances"),
        BAD_CLASSES("classes.txt must hold one distinct, non-empty label per line"),
        BAD_SPLIT("split must be train, val or test"),
        DUPLICATE_BAG_ID("a bag id may appear only once"),
        UNKNOWN_LABEL("every label must be listed in classes.txt"),
        MISSING_IMAGE("the image file does not exist"),
        UNREADABLE_IMAGE("the image file cannot be read or decoded"),
        EMPTY_BAG("a bag needs at least one instance"),
        MISSING_COLUMN("the CSV header must name the required columns"),
        EMPTY_CELL("a row needs a value in every required column"),
        NO_LABELS("every bag needs at least one label"),
        NO_BAG_FOLDER("a bag of the labels CSV needs a folder of images under the root"),
        CONFLICTING_ROWS("the rows of one bag must give the same labels, split and group"),
        PARTIAL_SPLITS("give a split on every row or on none (then split fractions assign them)");

        private final String rule;

        Kind(String rule) {
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    /** A one-line message naming where and what, and the rule broken. */
    public String message() {
        return Location.describe(file, line, bagId) + ": " + kind + ": " + detail + " (" + kind.rule() + ")";
    }

    @Override
    public String toString() {
        return message();
    }
}
