package org.dragnj.bags.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * UTF-8 text files as spreadsheets and Windows editors save them. A leading byte-order mark is not
 * part of the first line (Java's UTF-8 decoder keeps it, so "\uFEFFyolk" would be a class of its own);
 * CRLF and CR line ends are line ends, as {@link Files#readAllLines} and commons-csv already read them.
 */
public final class TextFiles {

    private static final int BOM = '\uFEFF';

    private TextFiles() {
    }

    /** A reader positioned after the byte-order mark, if the file starts with one. */
    public static BufferedReader reader(Path file) throws IOException {
        BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            r.mark(1);
            if (r.read() != BOM) {
                r.reset();
            }
            return r;
        } catch (IOException e) {
            r.close();
            throw e;
        }
    }

    /** Every line, without the byte-order mark. */
    public static List<String> readLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        if (!lines.isEmpty() && !lines.get(0).isEmpty() && lines.get(0).charAt(0) == BOM) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }
}
