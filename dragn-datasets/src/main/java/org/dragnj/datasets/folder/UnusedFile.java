package org.dragnj.datasets.folder;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * A file or folder under a folder of images that became no instance, and why; reported so that nothing
 * the user put there disappears without a word.
 *
 * @param path   relative to the folder of images, '/'-separated; a folder's ends with '/'
 * @param reason why it was not used
 * @param detail what else there is to say (an error message, a link's target), or empty
 */
public record UnusedFile(String path, Reason reason, String detail) {

    /** Why a file or folder was not used. */
    public enum Reason {
        NOT_AN_IMAGE("not an image (the images read end in " + String.join(", ", ImageFolder.extensions()) + ")"),
        HIDDEN("hidden (name starts with '.'; a hidden folder is not looked into)"),
        NO_IMAGES("folder with no images in it or below it, so no bag"),
        UNREADABLE_NAME("name that does not read back in this system's file-name encoding ("
                + System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()) + "), to be renamed"),
        UNREADABLE_FOLDER("folder that cannot be listed"),
        BROKEN_LINK("symbolic link to nothing"),
        LINK_LOOP("symbolic link back to a folder above it, not followed again");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public UnusedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason of " + path);
        detail = detail == null ? "" : detail;
    }
}
