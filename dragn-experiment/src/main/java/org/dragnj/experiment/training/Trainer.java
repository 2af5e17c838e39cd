package org.dragnj.experiment.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.Metric;
import org.dragnj.eval.metrics.Metrics;
import org.dragnj.eval.metrics.MetricsResult;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.evaluation.BagPredictor;
import org.dragnj.experiment.evaluation.OrderAveraging;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.LearningRates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: epochs of optimizer steps over length-bucketed batches, validation after
 * every epoch, the best model (by the configured {@link ModelSelection}) and the latest state
 * checkpointed atomically, a plateau schedule and early stopping driven by the same measure.
 *
 * <p>Reproducible: batches, instance order and augmentation are functions of (seed, epoch), and a
 * checkpoint holds weights, optimizer state and {@link TrainingState}; a run resumed from
 * {@code last.zip} performs exactly the steps the uninterrupted run would have.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** Called after every epoch (e.g. to write the history and curves). */
    public interface EpochListener {
        void epochFinished(TrainingState state) throws IOException;
    }

    private final ExperimentConfig.TrainingConfig config;
    private final DecisionRule rule;
    private final OrderAveraging orders;
    private final Checkpoints checkpoints;
    private final ProgressListener progress;
    private final BatchStep step;
    /** Null: one replica, a step per batch. */
    private final ParallelTraining parallel;
    /** The state in last.zip, for the divergence message (null before this run saved one). */
    private TrainingState lastSaved;

    /** A trainer whose data parallelism is the config's: ParallelWrapper for {@code training.workers} > 1. */
    public Trainer(ExperimentConfig.TrainingConfig config, ExperimentConfig.EvaluationConfig evaluation,
            Checkpoints checkpoints, ProgressListener progress) {
        this(config, evaluation, checkpoints, progress, defaultParallelism(config));
    }

    /**
     * Validation scores bags with the evaluation's decision rule (0.5 for tuned thresholds) and order averaging.
     *
     * @param parallel how replicas share the steps, empty for one replica
     */
    public Trainer(ExperimentConfig.TrainingConfig config, ExperimentConfig.EvaluationConfig evaluation,
            Checkpoints checkpoints, ProgressListener progress, Optional<ParallelTraining> parallel) {
        this.parallel = parallel.orElse(null);
        this.config = config;
        DecisionRule rule = evaluation.decisionRule();
        this.rule = rule == DecisionRule.TUNED_PER_LABEL ? DecisionRule.THRESHOLD_05 : rule;
        this.orders = evaluation.orders();
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.step = new BatchStep(config.divergenceFactor(), progress);
    }

    /** ParallelWrapper for {@code training.workers} > 1, else none. */
    public static Optional<ParallelTraining> defaultParallelism(ExperimentConfig.TrainingConfig config) {
        return config.workers() > 1 ? Optional.of(new ParallelWrapperTraining(config.workers())) : Optional.empty();
    }

    private TrainingState sequentialEpoch(TrainingTarget target, BagIterator.Epoch batches, TrainingState state)
            throws IOException {
        while (batches.hasNext()) {
            state = proceed(state, step.take(target.classifier(), batches.next(), state));
            if (config.checkpointEveryBatches() > 0 && batches.hasNext()
                    && state.batch() % config.checkpointEveryBatches() == 0) {
                save(checkpoints.last(), target, state);
            }
        }
        return state;
    }

    private TrainingState parallelEpoch(BagClassifier model, BagIterator.Epoch batches, TrainingState state) {
        if (state.batch() > 0) {
            throw new IllegalStateException("a data-parallel run resumes at epoch boundaries only");
        }
        TrainingState[] now = {state};
        parallel.fitEpoch(model, batches, progress, loss -> now[0] = proceed(now[0], step.after(now[0], loss, 0)));
        return now[0];
    }

    /** The state after a batch, or the divergence stop. */
    private TrainingState proceed(TrainingState state, BatchStep.Outcome outcome) {
        if (outcome.divergence() != null) {
            throw diverged(state, outcome.divergence());
        }
        return outcome.state();
    }

    /** Says where training stands and which saved models are usable: last.zip never holds non-finite weights. */
    private TrainingDivergedException diverged(TrainingState state, String why) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "training diverged at epoch %d, batch %d: %s."
                + " The last finite state is kept in %s", state.epoch() + 1, state.batch() + 1, why, checkpoints.last()));
        if (lastSaved != null) {
            s.append(lastSaved.epoch() == 0 && lastSaved.batch() == 0 ? " (the initial weights)"
                    : lastSaved.batch() == 0 ? " (end of epoch " + lastSaved.epoch() + ")"
                    : String.format(Locale.ROOT, " (epoch %d, after batch %d)", lastSaved.epoch() + 1, lastSaved.batch()));
        }
        if (state.bestEpoch() >= 0) {
            s.append(String.format(Locale.ROOT, " and the best model in %s (epoch %d); evaluate either with 'dragn"
                    + " evaluate --model FILE'", checkpoints.best(), state.bestEpoch() + 1));
        }
        s.append(". Resuming would diverge again: lower the learning rate (now ").append(state.learningRate())
                .append(") and start a new run");
        return new TrainingDivergedException(s.toString());
    }

    /** Saves a checkpoint unless the weights are no longer finite (a step can break them before the loss shows it). */
    private void save(Path file, TrainingTarget target, TrainingState state) throws IOException {
        if (!Checkpoints.finite(target)) {
            throw diverged(state, "the weights are no longer finite (NaN or infinity); " + file.getFileName()
                    + " was not overwritten");
        }
        checkpoints.save(file, target, state);
        if (file.equals(checkpoints.last())) {
            lastSaved = state;
        }
    }

    /**
     * Trains from {@code state} (start or a checkpoint's) until the epochs are done or early stopping.
     *
     * @return the final state; the best model is in {@link Checkpoints#best()}
     */
    public TrainingState run(TrainingTarget target, TrainingState state, EpochListener listener) throws IOException {
        BagClassifier model = target.classifier();
        BagIterator train = target.bags().train();
        LearningRates.set(model.graph(), state.learningRate());
        if (state.epoch() == 0 && state.batch() == 0 && !state.finished()) {
            // the initial weights: a run that diverges in its first steps still leaves a usable last.zip
            save(checkpoints.last(), target, state);
        }
        while (!state.finished() && state.epoch() < config.epochs()) {
            long start = System.nanoTime();
            int e = state.epoch();
            try (BagIterator.Epoch batches = train.epoch(e, state.batch())) {
                progress.started(String.format(Locale.ROOT, "epoch %d/%d", e + 1, config.epochs()),
                        train.bagCount(), "bags");
                state = parallel != null ? parallelEpoch(model, batches, state)
                        : sequentialEpoch(target, batches, state);
            }
            progress.finished();
            BagPredictor.Result val = BagPredictor.predict(model, target.bags().val(), orders, ProgressListener.NONE);
            MetricsResult m = Metrics.compute(val.predictions(), rule);
            EpochRecord record = new EpochRecord(e, state.epochLossSum() / Math.max(1, state.epochBatches()), val.loss(),
                    m.get(Metric.F1_MACRO), m.get(Metric.AUC_MACRO), state.learningRate(),
                    (System.nanoTime() - start) / 1e9);
            ModelSelection selection = config.selection();
            double score = selection.score(record);
            boolean improved = score > state.bestScore();
            double lr = state.learningRate();
            double plateauBest = state.plateauBest();
            int plateauWait = state.plateauWait();
            if (config.schedule().type() == ExperimentConfig.ScheduleType.PLATEAU) {
                if (score > plateauBest) {
                    plateauBest = score;
                    plateauWait = 0;
                } else if (++plateauWait > config.schedule().patience()) {
                    lr = Math.max(config.schedule().minLearningRate(), lr * config.schedule().factor());
                    plateauWait = 0;
                    LOG.info("{} has not improved for {} epochs: learning rate {} -> {}", selection.description(),
                            config.schedule().patience(), state.learningRate(), lr);
                }
            }
            int sinceBest = improved ? 0 : state.epochsSinceBest() + 1;
            boolean earlyStop = config.earlyStoppingPatience() > 0 && sinceBest >= config.earlyStoppingPatience();
            boolean last = e + 1 >= config.epochs();
            String reason = earlyStop ? "early stopping: no better " + selection.description() + " for "
                    + config.earlyStoppingPatience() + " epochs" : last ? "all " + config.epochs() + " epochs done" : "";
            state = state.afterEpoch(record, score, improved, plateauBest, plateauWait, lr, earlyStop || last, reason);
            if (improved) {
                save(checkpoints.best(), target, state);
            }
            if (lr != record.learningRate()) {
                LearningRates.set(model.graph(), lr);
            }
            save(checkpoints.last(), target, state);
            LOG.info(String.format(Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, val macro F1 %.4f, val AUC %.4f%s",
                    e + 1, record.trainLoss(), record.valLoss(), record.valF1Macro(), record.valAucMacro(),
                    improved ? " (best)" : ""));
            listener.epochFinished(state);
        }
        return state;
    }
}
