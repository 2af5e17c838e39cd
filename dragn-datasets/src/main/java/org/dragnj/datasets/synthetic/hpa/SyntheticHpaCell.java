package org.dragnj.datasets.synthetic.hpa;

import java.util.Set;

/**
 * Ground truth of one rendered cell, in full-resolution pixel coordinates of its image.
 *
 * @param imageId        the image the cell is in
 * @param index          0-based index of the cell within its image
 * @param x              cell centre, x
 * @param y              cell centre, y
 * @param radius         mean cell radius
 * @param nucleusX       nucleus centre, x
 * @param nucleusY       nucleus centre, y
 * @param nucleusRadius  mean nucleus radius
 * @param shown          the patterns this cell shows clearly in its protein channel (a subset of the
 *                       bag's labels; faint decoys of other patterns are not listed)
 */
public record SyntheticHpaCell(String imageId, int index, double x, double y, double radius, double nucleusX,
        double nucleusY, double nucleusRadius, Set<HpaPattern> shown) {

    public SyntheticHpaCell {
        shown = Set.copyOf(shown);
    }
}
