package org.dragnj.bags.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CSV fields as RFC 4180 writes them: quoted when they hold a comma, a quote or a line break. */
public final class Csv {

    /** How commons-csv starts a syntax error's message: "(startline 2) EOF reached before ...". */
    private static final Pattern SYNTAX_ERROR = Pattern.compile("\\((?:start)?line (\\d+)\\) (.*)", Pattern.DOTALL);

    private Csv() {
    }

    public static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * A commons-csv syntax error as bad input naming {@code file} and its line (commons-csv names neither the
     * file nor what to fix); any other failure unchanged.
     */
    public static IOException syntaxError(Path file, IOException e) {
        return syntaxError(file.toString(), e);
    }

    /** @param source a file's name or address, as messages show it */
    public static IOException syntaxError(String source, IOException e) {
        Matcher m = e.getMessage() == null ? null : SYNTAX_ERROR.matcher(e.getMessage());
        if (m == null || !m.matches()) {
            return e;
        }
        return new BadInputException(source + ":" + m.group(1) + ": not valid CSV (" + m.group(2).strip()
                + "); a field that starts with a quote (\") must end with one, and a quote inside it is written twice (\"\")",
                e);
    }

    /** {@link #syntaxError(Path, IOException)} for the unchecked form commons-csv throws while iterating. */
    public static IOException syntaxError(Path file, UncheckedIOException e) {
        return syntaxError(file, e.getCause());
    }
}
