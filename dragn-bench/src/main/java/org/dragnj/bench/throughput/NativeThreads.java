package org.dragnj.bench.throughput;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Caps the threads ND4J's native ops use (OpenMP and libnd4j's own pool), as OMP_NUM_THREADS would. */
public final class NativeThreads {

    private NativeThreads() {
    }

    /** @param threads the cap; 0 leaves ND4J's default (one per core) */
    public static void limit(int threads) {
        if (threads <= 0) {
            return;
        }
        Nd4j.create(1); // loads the backend
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }
}
