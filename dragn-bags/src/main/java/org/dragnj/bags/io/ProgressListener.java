package org.dragnj.bags.io;

/**
 * How long-running library work reports progress without printing: the command line renders it
 * as a progress bar, tests ignore it.
 */
public interface ProgressListener {

    /** Ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void started(String task, long total, String unit) {
        }

        @Override
        public void advanced(long amount, String status) {
        }

        @Override
        public void finished() {
        }
    };

    /** A task of {@code total} units ("images", "bags") begins. */
    void started(String task, long total, String unit);

    /** {@code amount} more units are done; {@code status} is a short note (may be empty). Thread-safe. */
    void advanced(long amount, String status);

    void finished();
}
