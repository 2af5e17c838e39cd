package org.dragnj.model.aggregation.dragn;

/** How the aggregation unit's weights start. */
public enum UnitInit {
    /**
     * PyTorch's Conv2d default, as the DRAGN authors' code leaves it: weights and biases uniform in
     * ±1/√fan_in. A round then multiplies the maps by a random factor, so over the ⌊(n−1)/2⌋ rounds of
     * a long bag the signal shrinks or grows geometrically.
     */
    UNIFORM,
    /**
     * Each unit starts as the mean of its window (the last convolution's centre taps 1/3, hidden
     * convolutions the identity on the centre tap, everything else and the biases 0), so the recursion
     * starts as a position-weighted mean of the bag and keeps the scale of the features through every
     * round; training moves it from there. Measured on real-digit bags with the embedding trunk, it is
     * what lets DRAGN learn at all (README, "Learning quality").
     */
    WINDOW_MEAN
}
