package org.dragnj.experiment.config;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A config file that is not YAML, reported as "file:line:column: ...": SnakeYAML's own message names a
 * 'reader' and spreads over several lines with snippets of the text.
 */
final class YamlErrors {

    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

    private YamlErrors() {
    }

    static IllegalArgumentException syntax(Path file, JsonProcessingException e) {
        return new IllegalArgumentException(file + location(e) + ": not valid YAML (" + problem(e.getOriginalMessage())
                + "); fix the file (YAML: 'key: value' lines, nested keys indented by spaces, no tabs)", e);
    }

    /**
     * SnakeYAML's problem mark (the last "line L, column C" of its message), which the parser's own location
     * (the token it stopped at) can miss by a line.
     */
    static String location(JsonProcessingException e) {
        Matcher m = MARK.matcher(e.getOriginalMessage());
        String at = null;
        while (m.find()) {
            at = ":" + m.group(1) + ":" + m.group(2);
        }
        JsonLocation loc = e.getLocation();
        return at != null ? at : loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /** The message without its snippets and 'in reader' locations, on one line. */
    static String problem(String message) {
        return String.join("; ", message.lines()
                .filter(l -> !l.isBlank() && !l.startsWith(" in ") && !l.startsWith("  ")).toList());
    }
}
