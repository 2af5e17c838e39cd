package org.dragnj.datasets.bdgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where BDGP image files are looked up by name, and how an instance is then written in the
 * manifest: relative to the manifest folder when the image folder lies inside it (the manifest
 * folder can then be moved as a whole), otherwise as an absolute path. Without an image folder
 * nothing is checked and instances are written as bare file names, i.e. relative to the manifest
 * folder.
 */
final class BdgpImageFolder {

    private final Path folder;
    private final Path manifestFolder;
    private final Map<String, Boolean> seen = new HashMap<>();

    private BdgpImageFolder(Path folder, Path manifestFolder) {
        this.folder = folder;
        this.manifestFolder = manifestFolder;
    }

    static BdgpImageFolder of(Path folder, Path manifestFolder) throws IOException {
        Path m = manifestFolder.toAbsolutePath().normalize();
        if (folder == null) {
            return new BdgpImageFolder(null, m);
        }
        Path f = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(f)) {
            throw new NoSuchFileException(f.toString(), null,
                    "the image folder does not exist; pass the folder holding the BDGP .bmp files, or none to bag"
                            + " without checking images");
        }
        return new BdgpImageFolder(f, m);
    }

    boolean checked() {
        return folder != null;
    }

    Path folder() {
        return folder;
    }

    /** Whether the file is there (always true when not checked); each name is looked up once. */
    boolean exists(String name) {
        if (folder == null) {
            return true;
        }
        return seen.computeIfAbsent(name, n -> Files.isRegularFile(folder.resolve(n)));
    }

    /** The instance as the manifest writes it. */
    String instancePath(String name) {
        if (folder == null) {
            return name;
        }
        Path file = folder.resolve(name).normalize();
        if (file.startsWith(manifestFolder)) {
            return manifestFolder.relativize(file).toString().replace('\\', '/');
        }
        return file.toString();
    }
}
