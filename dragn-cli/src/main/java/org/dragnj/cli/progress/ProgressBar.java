package org.dragnj.cli.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line terminal progress bar with throughput and ETA:
 * {@code train  [#########-----------]  45/100  12.3 bags/s  ETA 0:04  loss 0.4123}.
 * On a terminal it redraws in place; when the output is a file or a pipe (CI logs) it prints a
 * line at most every {@code logEvery} so the log stays readable.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 28;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean inPlace;
    private final LongSupplier clock;
    private final long startNanos;
    private final long logEveryNanos;
    private long done;
    private long lastPrintNanos;
    private String suffix = "";

    public ProgressBar(String label, long total, String unit) {
        this(label, total, unit, System.err, System.console() != null, System::nanoTime, Duration.ofSeconds(5));
    }

    ProgressBar(String label, long total, String unit, PrintStream out, boolean inPlace, LongSupplier clock,
            Duration logEvery) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.inPlace = inPlace;
        this.clock = clock;
        this.logEveryNanos = logEvery.toNanos();
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    /** Advances by {@code n} units; {@code status} (e.g. the loss) is shown after the ETA. */
    public void step(long n, String status) {
        done += n;
        suffix = status == null ? "" : status;
        long now = clock.getAsLong();
        if (inPlace || now - lastPrintNanos >= logEveryNanos || done >= total) {
            lastPrintNanos = now;
            out.print((inPlace ? "\r" : "") + render(now) + (inPlace ? "" : System.lineSeparator()));
            out.flush();
        }
    }

    String render(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / total);
        String eta = rate > 0 && total > done ? clockTime((total - done) / rate) : "0:00";
        return String.format(Locale.ROOT, "%-8s [%s%s] %d/%d  %.1f %s/s  ETA %s  %s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total, rate, unit, eta, suffix).stripTrailing();
    }

    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (inPlace) {
            out.println();
        }
    }
}
