package org.dragnj.model.aggregation.dragn;

/**
 * A block of {@code lanes} feature channels of an h x w map, stored as a zero-padded plane of
 * (h+2) x (w+2) pixels with the channels innermost: value (y, x, lane) sits at
 * ((y·(w+2) + x)·lanes + lane). A 3x3 convolution with zero padding then reads its neighbours
 * without bounds checks.
 *
 * <p>Why channels innermost: the unit's convolution is the same for every feature channel, so
 * a tap is one multiply-add over a long contiguous run of values (the SIMD axis), not over a few
 * dozen pixels of one channel's map.
 *
 * <p>The kernels sweep the <em>span</em>: the contiguous run from the first to the last interior
 * pixel, border columns included. The few border values the sweep writes are zeroed afterwards
 * ({@link PlaneOps#zeroBorderColumns}), so every stored plane keeps a zero border.
 */
record PlaneGeometry(int height, int width, int lanes) {

    PlaneGeometry {
        if (height < 1 || width < 1 || lanes < 1) {
            throw new IllegalArgumentException("plane of " + height + "x" + width + " with " + lanes + " lanes");
        }
    }

    int paddedWidth() {
        return width + 2;
    }

    /** Values between vertically adjacent pixels. */
    int rowStride() {
        return paddedWidth() * lanes;
    }

    /** Values per padded plane. */
    int size() {
        return (height + 2) * rowStride();
    }

    /** Offset of the first interior value within a plane. */
    int spanStart() {
        return rowStride() + lanes;
    }

    /** Length of the span from the first to the last interior value. */
    int spanLength() {
        return ((height - 1) * paddedWidth() + width) * lanes;
    }

    /** Interior values per plane (the real maps of all lanes). */
    int interior() {
        return height * width * lanes;
    }

    /** Offset of the value under tap t of a 3x3 kernel (row-major dy, dx) from the centre value. */
    int tapOffset(int tap) {
        return (tap / 3 - 1) * rowStride() + (tap % 3 - 1) * lanes;
    }
}
