package org.dragnj.cli.progress;

import org.dragnj.bags.io.ProgressListener;

/** Renders a library's progress reports as terminal progress bars, one per task. */
public final class ProgressBarListener implements ProgressListener {

    private ProgressBar bar;

    @Override
    public synchronized void started(String task, long total, String unit) {
        if (bar != null) {
            bar.close();
        }
        bar = new ProgressBar(task, total, unit);
    }

    @Override
    public synchronized void advanced(long amount, String status) {
        if (bar != null) {
            bar.step(amount, status);
        }
    }

    @Override
    public synchronized void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
