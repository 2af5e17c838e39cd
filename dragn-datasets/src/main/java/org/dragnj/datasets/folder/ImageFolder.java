package org.dragnj.datasets.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;

/**
 * Unlabelled bags from a folder of images, for prediction: each subfolder holding images is one bag
 * (named after it); a folder holding images directly is one bag (named after the folder).
 */
public final class ImageFolder {

    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp");

    private ImageFolder() {
    }

    /** @param classes the labels the model predicts (the manifest lists no labels per bag) */
    public static Manifest read(Path folder, List<String> classes) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no folder " + folder.toAbsolutePath());
        }
        List<BagRecord> bags = new ArrayList<>();
        List<String> direct = images(folder, folder);
        if (!direct.isEmpty()) {
            bags.add(new BagRecord(folder.toAbsolutePath().normalize().getFileName().toString(), Split.TEST, List.of(),
                    direct));
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path sub : children.filter(Files::isDirectory).sorted().toList()) {
                List<String> instances = images(folder, sub);
                if (!instances.isEmpty()) {
                    bags.add(new BagRecord(sub.getFileName().toString(), Split.TEST, List.of(), instances));
                }
            }
        }
        if (bags.isEmpty()) {
            throw new IOException("no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ") in "
                    + folder.toAbsolutePath() + " or its subfolders");
        }
        return new Manifest(folder, classes, bags);
    }

    private static List<String> images(Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted()
                    .map(p -> root.relativize(p).toString()).toList();
        }
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
