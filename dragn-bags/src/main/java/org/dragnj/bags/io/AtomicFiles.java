package org.dragnj.bags.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that an interrupted run never leaves a half-written file under the final name:
 * the content goes to a hidden temporary file in the same folder, which is then renamed.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Something that writes a file's content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = temporarySibling(target, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A fresh hidden name next to {@code target} ending in {@code suffix}, for a file written there and
     * then moved onto it. Not Files.createTempFile: it makes the file owner-only (0600), and outputs
     * should get the usual permissions (the umask's, 0644 by default) as any other file the user writes.
     */
    public static Path temporarySibling(Path target, String suffix) {
        return target.toAbsolutePath().resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID()
                + suffix);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Renames {@code source} to {@code target}, replacing it, atomically where the file system can. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
