package org.dragnj.model.aggregation.dragn;

/**
 * A feature map of h x w stored as a zero-padded plane of (h+2) x (w+2) values, row-major, so that
 * a 3x3 convolution with zero padding reads its neighbours without bounds checks.
 *
 * <p>The kernels sweep the <em>span</em>: the contiguous run from the first to the last interior
 * element, border columns included. Long contiguous loops vectorize; the few border values the
 * sweep writes are zeroed afterwards ({@link PlaneOps#zeroBorderColumns}), so every stored plane
 * keeps a zero border.
 */
record PlaneGeometry(int height, int width) {

    int paddedWidth() {
        return width + 2;
    }

    /** Values per padded plane. */
    int size() {
        return (height + 2) * (width + 2);
    }

    /** Offset of the first interior element within a plane. */
    int spanStart() {
        return paddedWidth() + 1;
    }

    /** Length of the span from the first to the last interior element. */
    int spanLength() {
        return (height - 1) * paddedWidth() + width;
    }

    /** Interior values per plane (the real map). */
    int interior() {
        return height * width;
    }
}
