package org.dragnj.bench;

/** JVM options every benchmark fork needs, as constants that {@code @Fork} annotations can name. */
public final class ForkOptions {

    /** The JDK's Vector API, which the DRAGN kernel's SIMD loops use (README: "CPU backend"). */
    public static final String VECTOR_API = "--add-modules=jdk.incubator.vector";

    private ForkOptions() {
    }
}
