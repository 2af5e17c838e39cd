package org.dragnj.bags.io;

import java.nio.file.Path;

/** Where a problem in an input file is, as messages print it: {@code file:line bag 'id'}. */
public final class Location {

    private Location() {
    }

    /**
     * @param line  1-based (the header is line 1); 0 when the problem is not about a line
     * @param bagId null when the problem is not about a bag
     */
    public static String describe(Path file, int line, String bagId) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (bagId != null) {
            sb.append(" bag '").append(bagId).append('\'');
        }
        return sb.toString();
    }
}
