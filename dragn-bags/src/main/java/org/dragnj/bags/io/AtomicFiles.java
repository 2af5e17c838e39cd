package org.dragnj.bags.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that an interrupted run never leaves a half-written file under the final name:
 * the content goes to a hidden temporary file in the same folder, which is then renamed. A kill
 * between the two leaves the temporary file; {@link #removeStaleTemporaries} clears such debris.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /**
     * The names {@link #temporarySibling} makes: a dot, the target's name, a random UUID, and a suffix
     * with a {@code tmp} part (".tmp", ".dl4j.tmp", ".tmp.png"). No user names a file like that, so
     * matching it never touches a user's own {@code notes.tmp}.
     */
    static final Pattern TEMPORARY = Pattern.compile(
            "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.[a-z0-9]+)?\\.tmp(\\.[a-z0-9]+)?");

    private AtomicFiles() {
    }

    /** Something that writes a file's content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; a failure (a full disk, a read-only folder) names the target. */
    public static void write(Path target, Content content) throws IOException {
        Path tmp = temporarySibling(target, ".tmp");
        try {
            Files.createDirectories(tmp.getParent());
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            move(tmp, target);
        } catch (IOException e) {
            deleteAfterFailure(tmp, e);
            throw cannotWrite(target, e);
        } catch (RuntimeException e) {
            deleteAfterFailure(tmp, e);
            throw e;
        }
    }

    private static void deleteAfterFailure(Path tmp, Exception failure) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException second) {
            failure.addSuppressed(second); // e.g. the folder is not one: the first failure says why
        }
    }

    /**
     * The failure to write {@code target}, naming it: a full disk's IOException says only "No space left on
     * device", a read-only folder's names the hidden temporary file. Bad input passes through unchanged.
     */
    public static IOException cannotWrite(Path target, IOException e) {
        if (e instanceof BadInputException) {
            return e;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof FileSystemException f) {
            reason = f.getReason() != null ? f.getReason()
                    : f instanceof FileAlreadyExistsException ? "it exists and is not a folder"
                    : f instanceof AccessDeniedException ? "permission denied" : f.getClass().getSimpleName();
            if (f.getFile() != null && !isTargetOrItsTemporary(target, Path.of(f.getFile()))) {
                reason = f.getFile() + ": " + reason; // a folder on the way
            }
        }
        return new IOException("cannot write " + target.toAbsolutePath() + ": " + reason, e);
    }

    private static boolean isTargetOrItsTemporary(Path target, Path file) {
        Path t = target.toAbsolutePath();
        Path f = file.toAbsolutePath();
        return f.equals(t) || f.getParent() != null && f.getParent().equals(t.getParent())
                && f.getFileName().toString().startsWith("." + t.getFileName() + ".");
    }

    /**
     * A fresh hidden name next to {@code target} ending in {@code suffix}, for a file written there and
     * then moved onto it. Not Files.createTempFile: it makes the file owner-only (0600), and outputs
     * should get the usual permissions (the umask's, 0644 by default) as any other file the user writes.
     *
     * @param suffix ".tmp", or a suffix with a ".tmp" part ({@link #TEMPORARY}), so that leftovers can be recognised
     */
    public static Path temporarySibling(Path target, String suffix) {
        return target.toAbsolutePath().resolveSibling(temporaryName(target.getFileName().toString(), suffix));
    }

    /** The name {@link #temporarySibling} gives, for file systems reached by name (Hadoop's, in dragn-spark). */
    public static String temporaryName(String name, String suffix) {
        return "." + name + "." + UUID.randomUUID() + suffix;
    }

    /** Whether a file name is one of ours, written and then renamed: a leftover if it is still there. */
    public static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
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

    /**
     * Deletes the temporary files an earlier, killed run left in {@code folder} and its subfolders down to
     * {@code depth} (0: the folder only): files named as {@link #temporarySibling} names them and last
     * modified before this process started, so that a file another running process is writing stays.
     * Each folder is listed once; call it once per run, before writing.
     *
     * @return how many were removed (0 when the folder does not exist yet)
     */
    public static int removeStaleTemporaries(Path folder, int depth) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        FileTime started = FileTime.from(ProcessHandle.current().info().startInstant().orElse(Instant.now()));
        List<Path> stale;
        try (Stream<Path> files = Files.walk(folder, depth + 1)) { // walk depth 1: the files in the folder
            stale = files.filter(p -> isTemporary(p.getFileName().toString()))
                    .filter(p -> isStale(p, started)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
        if (!stale.isEmpty()) {
            LOG.info("removed {} temporary file(s) left in {} by an interrupted earlier run", stale.size(), folder);
        }
        return stale.size();
    }

    private static boolean isStale(Path p, FileTime started) {
        try {
            return Files.isRegularFile(p) && Files.getLastModifiedTime(p).compareTo(started) < 0;
        } catch (NoSuchFileException e) {
            return false; // renamed into place meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
