package org.dragnj.bags.manifest;

import java.util.List;
import java.util.Objects;

/**
 * One row of a manifest: a bag, the split it belongs to, its positive labels and its instances.
 *
 * @param id        unique within the manifest
 * @param split     train, val or test
 * @param labels    positive label names (empty: a bag with no positive label)
 * @param instances image paths as written: relative to the manifest folder, or absolute
 */
public record BagRecord(String id, Split split, List<String> labels, List<String> instances) {

    public BagRecord {
        Objects.requireNonNull(id, "bag id");
        Objects.requireNonNull(split, "split of bag " + id);
        labels = List.copyOf(labels);
        instances = List.copyOf(instances);
    }
}
