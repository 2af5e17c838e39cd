/**
 * One experiment end to end ({@link org.dragnj.experiment.Experiment}: data, model, training with
 * checkpoints, the best model's test evaluation, all in one run folder), several aggregations
 * compared ({@link org.dragnj.experiment.Comparison}), and the data an experiment trains on
 * ({@link org.dragnj.experiment.DataSource}).
 * <p>May use: every library module (bags, datasets, model, eval); never picocli or a logging implementation.
 */
package org.dragnj.experiment;
