package org.dragnj.datasets.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.TextFiles;

/**
 * What earlier surveys found, keyed by absolute path and valid while the file keeps its size and
 * modification time: a tab-separated file, one line per image (path, size, mtime, then width,
 * height, channels, bits, or the error). A cache that cannot be read is ignored, never trusted.
 */
final class SurveyCache {

    private static final String HEADER = "# dragn image survey 1";

    /** What identifies one version of a file. */
    record Stamp(long size, long modifiedMillis) {
    }

    private record Entry(Stamp stamp, ImageSurvey.Finding finding) {
    }

    private final Map<String, Entry> entries;

    private SurveyCache(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static SurveyCache none() {
        return new SurveyCache(new HashMap<>());
    }

    static SurveyCache read(Path file) {
        Map<String, Entry> entries = new HashMap<>();
        try {
            if (!Files.isRegularFile(file)) {
                return new SurveyCache(entries);
            }
            List<String> lines = TextFiles.readLines(file);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                return new SurveyCache(entries);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                Stamp stamp = new Stamp(Long.parseLong(f[1]), Long.parseLong(f[2]));
                ImageSurvey.Finding finding = f.length == 4 ? new ImageSurvey.Finding(null, f[3])
                        : new ImageSurvey.Finding(new ImageFormat(Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                                Integer.parseInt(f[5]), Integer.parseInt(f[6])), null);
                entries.put(f[0], new Entry(stamp, finding));
            }
        } catch (IOException | RuntimeException e) {
            entries.clear(); // a damaged cache costs one full survey, never a wrong answer
        }
        return new SurveyCache(entries);
    }

    ImageSurvey.Finding get(Path file, Stamp stamp) {
        Entry e = entries.get(key(file));
        return e != null && e.stamp().equals(stamp) ? e.finding() : null;
    }

    SurveyCache copy() {
        return new SurveyCache(new HashMap<>(entries));
    }

    void put(Path file, Stamp stamp, ImageSurvey.Finding finding) {
        String key = key(file);
        if (key.indexOf('\t') < 0 && key.indexOf('\n') < 0 && key.indexOf('\r') < 0) {
            entries.put(key, new Entry(stamp, finding));
        }
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        new TreeMap<>(entries).forEach((path, e) -> {
            out.append(path).append('\t').append(e.stamp().size()).append('\t').append(e.stamp().modifiedMillis());
            ImageFormat f = e.finding().format();
            if (f != null) {
                out.append('\t').append(f.width()).append('\t').append(f.height()).append('\t').append(f.channels())
                        .append('\t').append(f.bitDepth());
            } else {
                out.append('\t').append(e.finding().error().replaceAll("[\\t\\r\\n]+", " "));
            }
            out.append('\n');
        });
        AtomicFiles.writeString(file, out.toString());
    }

    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }
}
