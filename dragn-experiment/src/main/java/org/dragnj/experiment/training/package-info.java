/**
 * The training loop ({@link org.dragnj.experiment.training.Trainer}): epochs, validation, plateau
 * schedule, early stopping, divergence stop, checkpoints ({@code last.zip}, {@code best.zip}) that
 * resume bit for bit, data-parallel workers; and what it trains
 * ({@link org.dragnj.experiment.training.TrainingTarget}: the whole model, or a frozen trunk's head).
 * <p>May use: org.dragnj.model, org.dragnj.datasets, org.dragnj.eval, deeplearning4j-parallel-wrapper.
 */
package org.dragnj.experiment.training;
