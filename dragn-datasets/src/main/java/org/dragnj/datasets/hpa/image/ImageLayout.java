package org.dragnj.datasets.hpa.image;

/** How the pixels of an image id are stored in the image folder. */
public enum ImageLayout {
    /**
     * Four greyscale files {@code <id>_red}, {@code _green}, {@code _blue}, {@code _yellow} (Kaggle
     * layout: microtubules, protein, nucleus, ER), each .png, .tif, .tiff, .jpg or .jpeg.
     */
    CHANNEL_FILES,
    /**
     * One file {@code <id>} or {@code <id>.<png|tif|tiff|jpg|jpeg>}: RGB read as red = microtubules,
     * green = protein, blue = nucleus; RGBA with alpha = ER (the layout {@code CropFormat.RGBA_ER}
     * writes); a greyscale image is used for every channel.
     */
    SINGLE_FILE,
    /** Channel files when {@code <id>_blue.*} exists, otherwise a single file. */
    AUTO
}
