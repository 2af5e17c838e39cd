/**
 * Throughput benchmarks: trunks, training full and frozen, the data pipeline, HPA cropping; and the
 * shared workloads they generate once.
 * <p>May use: org.dragnj.experiment, org.dragnj.datasets, org.dragnj.model, JMH.
 */
package org.dragnj.bench.throughput;
