package org.dragnj.experiment.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership of an output folder by one process: {@code run.lock} names the owner (pid, host, start,
 * command) and carries an operating-system lock on the file. The OS lock, not the file's presence,
 * decides: it vanishes with its process, so a run killed with {@code kill -9} leaves a stale file
 * that the next run takes over (and says so), while a live owner is refused with its name.
 */
public final class RunLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    /**
     * Lock files this process holds. POSIX locks belong to the process and closing any descriptor of the file
     * drops them, so a second run in this JVM must be refused before it opens the file at all.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    public static final String FILE = "run.lock";
    /** A lock file replaced between opening and locking (its owner just released it) is retried. */
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code folder} (created if needed) for this process.
     *
     * @throws RunFolderInUseException when another live process (or another run in this JVM) holds it
     */
    public static RunLock acquire(Path folder, List<String> command) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE).toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new RunFolderInUseException(folder, "another run in this process");
        }
        try {
            return acquire(folder, file, command);
        } catch (IOException | RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    private static RunLock acquire(Path folder, Path file, List<String> command) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Object opened = fileKey(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw new RunFolderInUseException(folder, "another run in this process");
            }
            if (lock == null) {
                String owner = read(file);
                channel.close();
                throw new RunFolderInUseException(folder, owner.isBlank() ? "another process" : owner);
            }
            // the owner deletes the file before releasing it: a lock won on a deleted file is no lock
            if (opened == null || !opened.equals(fileKey(file))) {
                lock.release();
                channel.close();
                continue;
            }
            String previous = read(channel);
            if (!previous.isBlank()) {
                LOG.warn("{}: took over a stale lock; its run ended without releasing it (killed?): {}", folder,
                        previous);
            }
            RunLock held = new RunLock(file, channel, lock);
            held.write(command);
            return held;
        }
        throw new IOException("could not lock " + file + ": it was replaced " + ATTEMPTS + " times while locking");
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The owner named in the file we hold, read through our own channel: opening the file a second time
     * and closing it would drop our lock (POSIX locks belong to the process and go with any closed descriptor).
     */
    private static String read(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 16));
        channel.read(bytes, 0);
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip().replace("\n", ", ");
    }

    /** The owner named in a file another process holds. */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip().replace("\n", ", ");
        } catch (IOException e) {
            return "";
        }
    }

    private void write(List<String> command) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        String owner = "pid " + ProcessHandle.current().pid() + " on " + host + ", started " + Instant.now()
                + "\ncommand: " + String.join(" ", command) + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    /** Releases the folder; the lock file goes first so that no one reads a released owner as live. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
            lock.release();
        } finally {
            channel.close();
            HELD.remove(file);
        }
    }
}
