package org.dragnj.experiment.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The divergence test on the training loss, beyond NaN and infinity: a run whose loss sits far above
 * where it has been is diverging even while every number is finite (a too high learning rate drives
 * BCE to the log clip, ≈ 27.6, and keeps it there). The recent loss is the median of the last
 * {@value #RECENT} batches, so that one hard bag does not count as divergence; it is compared with
 * {@code factor} × the larger of the running median over the {@value #WINDOW} batches before them
 * and the run's first loss (the untrained model's, computed before the first update), so that a loss
 * that has fallen close to zero does not make ordinary noise look like an explosion, and a run
 * whose very first step wrecks the model is still caught.
 */
public record LossWatch(double factor) {

    /** Batches in the recent median. */
    public static final int RECENT = 3;
    /** Batches in the running median. */
    public static final int WINDOW = 50;

    /** @param factor k of "loss above k × running median"; 0 switches the test off */
    public LossWatch {
        if (!(factor == 0 || Double.isFinite(factor) && factor > 1)) {
            throw new IllegalArgumentException("factor must be 0 (off) or a finite number > 1, not " + factor);
        }
    }

    /**
     * @param losses   the latest batch losses, oldest first (at most {@value #RECENT} + {@value #WINDOW})
     * @param baseline the run's first batch loss (0 before there is one)
     * @return why the loss counts as diverged, or null
     */
    public String verdict(List<Double> losses, double baseline) {
        if (factor == 0 || losses.size() < RECENT + 1) {
            return null;
        }
        int n = losses.size();
        double recent = median(losses.subList(n - RECENT, n));
        double running = median(losses.subList(0, n - RECENT));
        double reference = Math.max(running, baseline);
        if (recent > factor * reference) {
            return String.format(Locale.ROOT, "the median loss of the last %d batches, %.4g, is above %s × %.4g (the"
                    + " larger of the running median %.4g and the first loss %.4g; training.divergence_factor)",
                    RECENT, recent, factor, reference, running, baseline);
        }
        return null;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The losses kept for the next verdict: the last {@value #RECENT} + {@value #WINDOW}. */
    static List<Double> kept(List<Double> losses, double next) {
        Double[] out = losses.toArray(Double[]::new);
        out = Arrays.copyOf(out, out.length + 1);
        out[out.length - 1] = next;
        int from = Math.max(0, out.length - RECENT - WINDOW);
        return List.of(Arrays.copyOfRange(out, from, out.length));
    }
}
