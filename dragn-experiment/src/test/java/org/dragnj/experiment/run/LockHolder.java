package org.dragnj.experiment.run;

import java.nio.file.Path;
import java.util.List;

/** Another process that owns a run folder until its stdin closes or it is killed (for {@link RunLockTest}). */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), List.of("dragn", "train", "--out", args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        }
    }
}
