package org.dragnj.experiment.training;

import java.util.Locale;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.model.BagClassifier;

/**
 * The trainer's work on one batch: the optimizer step, the divergence test on its loss and the
 * progress report. Apart from the {@link Trainer} so that a benchmark can time a step as the trainer
 * pays for it, not only the graph's fit.
 */
public final class BatchStep {

    /**
     * What one batch left.
     *
     * @param state      the state after the batch
     * @param divergence why the loss counts as diverged, or null; the trainer stops the run on it
     */
    public record Outcome(TrainingState state, String divergence) {
    }

    /** A training loss above this is treated as divergence, like NaN. */
    static final double EXPLODED = 1e6;

    private final LossWatch watch;
    private final ProgressListener progress;

    /** @param divergenceFactor {@code training.divergence_factor} (0: only NaN and infinity stop a run) */
    public BatchStep(double divergenceFactor, ProgressListener progress) {
        this.watch = new LossWatch(divergenceFactor);
        this.progress = progress;
    }

    /** One optimizer step of {@code model} on {@code batch} and the bookkeeping after it. */
    public Outcome take(BagClassifier model, BagBatch batch, TrainingState state) {
        return after(state, model.fit(batch), batch.size());
    }

    /**
     * The bookkeeping after a step whose data loss was {@code loss}.
     *
     * @param bags bags to report as done (0: the caller reports progress itself)
     */
    Outcome after(TrainingState state, double loss, int bags) {
        if (!Double.isFinite(loss) || Math.abs(loss) > EXPLODED) {
            return new Outcome(state, "loss " + loss);
        }
        TrainingState next = state.afterBatch(loss);
        String verdict = watch.verdict(next.recentLosses(), next.baselineLoss());
        if (verdict != null) {
            return new Outcome(state, verdict);
        }
        if (bags > 0) {
            progress.advanced(bags, String.format(Locale.ROOT, "loss %.4f", next.epochLossSum() / next.epochBatches()));
        }
        return new Outcome(next, null);
    }
}
