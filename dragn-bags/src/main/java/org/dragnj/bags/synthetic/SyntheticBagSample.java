package org.dragnj.bags.synthetic;

import java.util.List;

/**
 * One rendered synthetic bag: per instance a CHW image (3 channels, values in [0, 1]) and the bag's
 * labels.
 */
public record SyntheticBagSample(List<float[]> instances, boolean[] labels) {
}
