package org.dragnj.datasets.hpa.grouping;

import java.util.List;
import java.util.Objects;

import org.dragnj.bags.manifest.Split;

/**
 * A bag as the grouping file defines it: a package of images of one protein that share labels.
 *
 * @param id        bag id
 * @param labels    label names, in class order
 * @param split     the split the bag goes to; null while its rows name none and no rule has assigned one
 * @param imageIds  its images, in file order
 * @param line      the line of its first row, for messages
 */
public record HpaBag(String id, List<String> labels, Split split, List<String> imageIds, int line) {

    public HpaBag {
        Objects.requireNonNull(id, "bag id");
        labels = List.copyOf(labels);
        imageIds = List.copyOf(imageIds);
    }

    public HpaBag withSplit(Split split) {
        return new HpaBag(id, labels, split, imageIds, line);
    }
}
