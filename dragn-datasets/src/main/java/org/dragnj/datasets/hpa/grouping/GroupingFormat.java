package org.dragnj.datasets.hpa.grouping;

/** How the file that lists the images says which bag each image belongs to. */
public enum GroupingFormat {
    /**
     * {@code bag_id,image_id,labels[,split]}: one row per image; a bag (a package of images of one
     * protein) spans several rows, each repeating the bag's ';'-separated labels (and split, if given).
     */
    BAG_CSV,
    /**
     * Kaggle HPA {@code train.csv}: {@code Id,Target}, Target the space-separated class indices; every
     * image is its own bag.
     */
    KAGGLE_TRAIN_CSV
}
