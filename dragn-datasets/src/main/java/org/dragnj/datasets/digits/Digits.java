package org.dragnj.datasets.digits;

import java.util.ArrayList;
import java.util.List;

/**
 * Handwritten digit images, 28×28 grey bytes (0 background, 255 ink), with their classes 0–9.
 *
 * @param labels one class per image
 * @param pixels one row-major 28×28 image per entry
 */
public record Digits(int[] labels, byte[][] pixels) {

    public static final int SIDE = 28;

    public Digits {
        if (labels.length != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + pixels.length + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9 || pixels[i].length != SIDE * SIDE) {
                throw new IllegalArgumentException("digit " + i + ": class " + labels[i] + ", " + pixels[i].length
                        + " pixels; expected a class 0-9 and " + SIDE * SIDE + " pixels");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    /** The indices of the images of one class, in order. */
    public int[] ofClass(int digit) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == digit) {
                idx.add(i);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The images at {@code indices}. */
    public Digits subset(int[] indices) {
        int[] l = new int[indices.length];
        byte[][] p = new byte[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
            p[i] = pixels[indices[i]];
        }
        return new Digits(l, p);
    }
}
