package org.dragnj.datasets.manifest;

/** What a reader does with a problem in its input. */
public enum ValidationPolicy {
    /** Stop at the end of reading and throw, listing every problem found. */
    FAIL,
    /** Leave the offending bag (or instance) out, and report what was skipped and why. */
    SKIP
}
