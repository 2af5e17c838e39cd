package org.dragnj.datasets.folder;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.Csv;

/** Every file and folder under a folder of images that was not used, in path order. */
public final class UnusedFiles {

    private static final int EXAMPLES = 3;

    private final List<UnusedFile> files;

    public UnusedFiles(List<UnusedFile> files) {
        this.files = files.stream().sorted(Comparator.comparing(UnusedFile::path)
                .thenComparing(UnusedFile::reason)).toList();
    }

    public List<UnusedFile> files() {
        return files;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * One line per reason, its count and the first paths:
     * {@code 2 not an image (…): docs/readme.txt, plateA/notes.csv}.
     */
    public List<String> summary() {
        Map<UnusedFile.Reason, List<String>> byReason = new EnumMap<>(UnusedFile.Reason.class);
        files.forEach(f -> byReason.computeIfAbsent(f.reason(), k -> new ArrayList<>()).add(f.path()));
        List<String> lines = new ArrayList<>();
        byReason.forEach((reason, paths) -> lines.add(paths.size() + " " + reason.description() + ": "
                + String.join(", ", paths.subList(0, Math.min(EXAMPLES, paths.size())))
                + (paths.size() > EXAMPLES ? ", …" : "")));
        return lines;
    }

    /** Writes {@code path,reason,detail} rows, atomically, header first even when nothing was left unused. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("path,reason,detail\n");
            for (UnusedFile f : files) {
                w.write(Csv.field(f.path()) + "," + f.reason() + "," + Csv.field(f.detail()) + "\n");
            }
            w.flush();
        });
    }
}
