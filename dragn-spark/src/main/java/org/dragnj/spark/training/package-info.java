/**
 * Distributed training: DL4J's parameter averaging on Spark ({@link org.dragnj.spark.training.SparkParameterAveraging}),
 * driven by the single-machine {@code Trainer} (validation, checkpoints, schedule). Bag batches reach DL4J's
 * workers whole ({@link org.dragnj.spark.training.WholeBatches}).
 * <p>May use: org.dragnj.experiment, org.dragnj.model, dl4j-spark, spark-core.
 */
package org.dragnj.spark.training;

