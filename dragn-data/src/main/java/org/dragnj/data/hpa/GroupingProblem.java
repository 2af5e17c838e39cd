package org.dragnj.data.hpa;

import java.nio.file.Path;

/**
 * One thing wrong with a grouping file, located: file, line (1-based, the header is line 1; 0 when not
 * about a line) and bag (null when not about a bag).
 */
public record GroupingProblem(Path file, int line, String bagId, String detail) {

    public String message() {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (bagId != null) {
            sb.append(" bag '").append(bagId).append('\'');
        }
        return sb.append(": ").append(detail).toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
