package org.dragnj.datasets.folder;

import org.dragnj.bags.manifest.Manifest;

/**
 * Unlabelled bags read from a folder of images, and every file there that is in none of them.
 *
 * @param manifest   the bags, instance paths relative to the folder
 * @param unused     files and folders not used, each with its reason
 * @param subfolders which folders became bags
 */
public record FolderBags(Manifest manifest, UnusedFiles unused, SubfolderBags subfolders) {

    public int images() {
        return manifest.bags().stream().mapToInt(b -> b.instances().size()).sum();
    }
}
