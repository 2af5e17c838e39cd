package org.dragnj.model.aggregation;

import java.util.Arrays;

/**
 * One parameter array of an aggregation vertex.
 *
 * @param name  key in the vertex's parameter table. The graph prefixes it with "vertexName_" and
 *              DL4J's updater splits that key at its last underscore, so a name has none.
 * @param shape shape of the array, 'c' order inside the flat parameter view
 * @param role  what the array is, which decides its updater and regularization
 */
public record ParamSpec(String name, long[] shape, Role role) {

    /** What a parameter array is. */
    public enum Role {
        /** Regularized, updated by the optimizer. */
        WEIGHT,
        /** Updated by the optimizer, not regularized (biases, BatchNorm scale and shift). */
        OTHER,
        /** Updated from the forward pass (BatchNorm running mean and variance), not by the optimizer. */
        RUNNING_STATISTIC
    }

    public ParamSpec {
        if (name.indexOf('_') >= 0) {
            throw new IllegalArgumentException("parameter name " + name + " must not contain '_'");
        }
        shape = shape.clone();
    }

    public static ParamSpec weight(String name, long... shape) {
        return new ParamSpec(name, shape, Role.WEIGHT);
    }

    public static ParamSpec other(String name, long... shape) {
        return new ParamSpec(name, shape, Role.OTHER);
    }

    public static ParamSpec runningStatistic(String name, long... shape) {
        return new ParamSpec(name, shape, Role.RUNNING_STATISTIC);
    }

    public boolean trainable() {
        return role != Role.RUNNING_STATISTIC;
    }

    public long length() {
        return Arrays.stream(shape).reduce(1L, (a, b) -> a * b);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSpec p && p.name.equals(name) && Arrays.equals(p.shape, shape)
                && p.role == role;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + role;
    }
}
