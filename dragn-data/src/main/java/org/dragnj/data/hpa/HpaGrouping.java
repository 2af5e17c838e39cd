package org.dragnj.data.hpa;

import java.nio.file.Path;
import java.util.List;

/**
 * The bags of an HPA cropping run, read from a grouping file.
 *
 * @param file     where they were read from
 * @param classes  label names in output order
 * @param bags     bags in file order; every image id occurs in exactly one bag
 */
public record HpaGrouping(Path file, List<String> classes, List<HpaBag> bags) {

    public HpaGrouping {
        classes = List.copyOf(classes);
        bags = List.copyOf(bags);
    }

    public int imageCount() {
        return bags.stream().mapToInt(b -> b.imageIds().size()).sum();
    }
}
