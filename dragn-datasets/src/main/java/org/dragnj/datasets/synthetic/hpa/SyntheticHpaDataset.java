package org.dragnj.datasets.synthetic.hpa;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A synthetic HPA data set on disk.
 *
 * <pre>
 * folder/
 *   images/&lt;image_id&gt;_red.png, _green.png, _blue.png, _yellow.png   one field, Kaggle channel layout
 *   groups.csv    bag_id,image_id,labels        one row per image, labels ';'-separated, repeated per row
 *   train.csv     Id,Target                     Kaggle style: every image its own bag, Target = indices
 *                                               into classes.txt, space-separated
 *   classes.txt   the 10 class names, one a line, in index order
 *   cells.csv     image_id,cell,x,y,radius,nucleus_x,nucleus_y,nucleus_radius,shown   ground truth
 * </pre>
 *
 * @param folder       the data set folder
 * @param classes      class names in index order
 * @param bags         number of bags
 * @param images       number of images (fields)
 * @param cells        ground-truth cells per image id, in image order
 */
public record SyntheticHpaDataset(Path folder, List<String> classes, int bags, int images,
        Map<String, List<SyntheticHpaCell>> cells) {

    public static final String IMAGE_FOLDER = "images";
    public static final String GROUPING_FILE = "groups.csv";
    public static final String KAGGLE_FILE = "train.csv";
    public static final String CLASSES_FILE = "classes.txt";
    public static final String CELLS_FILE = "cells.csv";

    public SyntheticHpaDataset {
        classes = List.copyOf(classes);
        cells = Map.copyOf(cells);
    }

    public Path imageFolder() {
        return folder.resolve(IMAGE_FOLDER);
    }

    public Path groupingFile() {
        return folder.resolve(GROUPING_FILE);
    }

    public Path kaggleFile() {
        return folder.resolve(KAGGLE_FILE);
    }

    public Path classesFile() {
        return folder.resolve(CLASSES_FILE);
    }

    public Path cellsFile() {
        return folder.resolve(CELLS_FILE);
    }

    public int cellCount() {
        return cells.values().stream().mapToInt(List::size).sum();
    }
}
