package org.dragnj.bags.manifest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a person can do about an image that cannot be read, said where the image is reported. Bags read
 * from a folder of images have no bags.csv, so advising to edit one would send the user looking for a
 * file that does not exist; there the file itself has to go or be replaced.
 */
public final class BadImageAdvice {

    private BadImageAdvice() {
    }

    /** Advice for "each file" just named, fitting where {@code manifest}'s bags came from. */
    public static String of(Manifest manifest) {
        Path bagsFile = manifest.folder().resolve(Manifest.BAGS_FILE);
        if (Files.isRegularFile(bagsFile)) {
            return "fix each file or drop it from " + bagsFile;
        }
        return "remove each file from its folder or replace it with a readable image (these bags are the folders"
                + " under " + manifest.folder() + ", so removing a file leaves its bag one image shorter), then run"
                + " again";
    }
}
