package org.dragnj.spark.hpa;

import java.io.IOException;
import java.nio.file.Path;

import org.dragnj.bags.io.Folders;

/** The local staging folders of the driver and the executors, removed when their work is done. */
final class LocalFolders {

    private LocalFolders() {
    }

    /** Deletes {@code root} and everything below; a leftover is the temporary directory's owner's to clear, never an error. */
    static void delete(Path root) {
        try {
            Folders.deleteTree(root);
        } catch (IOException e) {
            // the result stands; only disk space is lost
        }
    }
}
