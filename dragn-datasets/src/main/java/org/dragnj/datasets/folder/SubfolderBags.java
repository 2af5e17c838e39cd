package org.dragnj.datasets.folder;

/** Which folders under a folder of images are bags (images lying directly in it follow a {@link FolderGrouping}). */
public enum SubfolderBags {
    /**
     * Every folder at any depth that holds images directly is a bag of those images, named by its path
     * under the root ({@code plateA/well3}); a folder with images and subfolders is a bag of its own
     * images, and each subfolder is a bag apart.
     */
    EACH,
    /** Each first-level subfolder is one bag of all the images at any depth below it, named after it. */
    TOP
}
