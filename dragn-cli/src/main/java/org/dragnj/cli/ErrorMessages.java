package org.dragnj.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** The one line a failure is reported with: its subject (a file, a key, a flag) and what went wrong. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    static String of(Throwable e) {
        Throwable shown = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (shown instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
            // the JDK's file exceptions carry only the path when the operating system gave no reason
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason(f);
        }
        return shown.getMessage() == null ? shown.toString() : shown.getMessage();
    }

    private static String reason(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (f instanceof FileAlreadyExistsException) {
            return Files.isDirectory(Path.of(f.getFile())) ? "already exists"
                    : "a file is in the way of a folder to create there; choose another path or move the file";
        }
        return f.getClass().getSimpleName();
    }
}
