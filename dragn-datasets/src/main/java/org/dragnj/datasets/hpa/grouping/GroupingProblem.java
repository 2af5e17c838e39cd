package org.dragnj.datasets.hpa.grouping;

import java.nio.file.Path;

import org.dragnj.bags.io.Location;

/**
 * One thing wrong with a grouping file, located: file, line (1-based, the header is line 1; 0 when not
 * about a line) and bag (null when not about a bag).
 */
public record GroupingProblem(Path file, int line, String bagId, String detail) {

    public String message() {
        return Location.describe(file, line, bagId) + ": " + detail;
    }

    @Override
    public String toString() {
        return message();
    }
}
