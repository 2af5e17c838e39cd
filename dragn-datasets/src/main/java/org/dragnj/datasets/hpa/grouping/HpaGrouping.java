package org.dragnj.datasets.hpa.grouping;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.manifest.SplitFractions;

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

    /**
     * Every bag whose rows named no split gets one: drawn by {@code fractions} when given (seeded, over
     * those bags only), else {@code defaultSplit}. Bags that named a split keep it.
     */
    public HpaGrouping withUnnamedSplits(Split defaultSplit, SplitFractions fractions) {
        Objects.requireNonNull(defaultSplit, "defaultSplit");
        List<String> unnamed = bags.stream().filter(b -> b.split() == null).map(HpaBag::id).toList();
        Map<String, Split> drawn = fractions == null ? Map.of() : fractions.assign(unnamed);
        return new HpaGrouping(file, classes, bags.stream()
                .map(b -> b.split() != null ? b : b.withSplit(drawn.getOrDefault(b.id(), defaultSplit))).toList());
    }

    public int imageCount() {
        return bags.stream().mapToInt(b -> b.imageIds().size()).sum();
    }
}
