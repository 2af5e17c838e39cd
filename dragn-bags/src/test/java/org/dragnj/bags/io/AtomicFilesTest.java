package org.dragnj.bags.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aFailedWriteKeepsThePreviousFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        AtomicFiles.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessageEndingWith("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFullDiskNamesTheFileThatCouldNotBeWritten(@TempDir Path dir) {
        Path file = dir.resolve("run/metrics.json");
        // what a full disk throws from write(): the operating system's reason, no path
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + file.toAbsolutePath() + ": No space left on device");
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamedWithTheTarget(@TempDir Path dir) throws IOException {
        Path inTheWay = Files.writeString(dir.resolve("run"), "a file, not a folder");
        Path file = inTheWay.resolve("config.yaml");
        assertThatThrownBy(() -> AtomicFiles.writeString(file, "x"))
                .hasMessage("cannot write " + file.toAbsolutePath() + ": " + inTheWay + ": it exists and is not a folder");
    }

    @Test
    void outputsGetTheUsualPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void temporaryFilesOfAKilledRunAreRemovedAndNothingElse(@TempDir Path dir) throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Path stale = leftOver(AtomicFiles.temporarySibling(dir.resolve("history.csv"), ".tmp"));
        Path staleModel = leftOver(AtomicFiles.temporarySibling(checkpoints.resolve("last.zip"), ".dl4j.tmp"));
        Path stalePng = leftOver(AtomicFiles.temporarySibling(checkpoints.resolve("0.png"), ".tmp.png"));
        Path tooDeep = leftOver(AtomicFiles.temporarySibling(dir.resolve("a/b/c.csv"), ".tmp"));
        Path notes = leftOver(dir.resolve("notes.tmp"));
        Path hidden = leftOver(dir.resolve(".history.csv.backup.tmp"));
        // a file another process is writing right now: modified after this process started
        Path current = Files.writeString(AtomicFiles.temporarySibling(dir.resolve("config.yaml"), ".tmp"), "x");

        assertThat(AtomicFiles.removeStaleTemporaries(dir, 1)).isEqualTo(3);

        assertThat(stale).doesNotExist();
        assertThat(staleModel).doesNotExist();
        assertThat(stalePng).doesNotExist();
        assertThat(tooDeep).exists();
        assertThat(notes).exists();
        assertThat(hidden).exists();
        assertThat(current).exists();
        assertThat(AtomicFiles.removeStaleTemporaries(dir.resolve("not-yet-written"), 1)).isZero();
    }

    /** A file as a run killed an hour ago left it. */
    private static Path leftOver(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "half");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        return file;
    }
}
