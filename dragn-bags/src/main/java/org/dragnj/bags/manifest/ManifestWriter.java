package org.dragnj.bags.manifest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dragnj.bags.io.AtomicFiles;

/** Writes a manifest folder; each file is written atomically, classes.txt before bags.csv. */
public final class ManifestWriter {

    private ManifestWriter() {
    }

    public static void write(Manifest manifest) throws IOException {
        write(manifest.folder(), manifest.classes(), manifest.bags());
    }

    public static void write(Path folder, List<String> classes, List<BagRecord> bags) throws IOException {
        Set<String> known = new HashSet<>(classes);
        if (known.size() != classes.size()) {
            throw new IllegalArgumentException("class names must be distinct: " + classes);
        }
        Set<String> ids = new HashSet<>();
        for (BagRecord b : bags) {
            if (!ids.add(b.id())) {
                throw new IllegalArgumentException("bag id '" + b.id() + "' appears twice");
            }
            for (String label : b.labels()) {
                if (!known.contains(label)) {
                    throw new IllegalArgumentException("bag '" + b.id() + "' has label '" + label + "' not in " + classes);
                }
            }
        }
        AtomicFiles.removeStaleTemporaries(folder, 0);
        AtomicFiles.writeString(folder.resolve(Manifest.CLASSES_FILE), String.join("\n", classes) + "\n");
        AtomicFiles.write(folder.resolve(Manifest.BAGS_FILE), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(Manifest.HEADER).build())) {
                for (BagRecord b : bags) {
                    csv.printRecord(b.id(), b.split().id(), String.join(";", b.labels()),
                            String.join(";", b.instances()));
                }
            }
        });
    }
}
