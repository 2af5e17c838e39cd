/**
 * Aggregation vertices alone: depth benchmarks (time per bag against n), the per-window loop kept as
 * a reference, map shapes and analytic FLOPs.
 * <p>May use: org.dragnj.model.aggregation, JMH.
 */
package org.dragnj.bench.aggregation;
