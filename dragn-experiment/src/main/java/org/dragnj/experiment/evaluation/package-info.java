/**
 * Running a model over bags and writing what it found: metrics, report, curves, scores, attention
 * weights, which instances mattered (leave-one-out, score gradients, the montage), instance and bag
 * features; also any model's scores CSV against a manifest's truth.
 * <p>May use: org.dragnj.model, org.dragnj.datasets, org.dragnj.eval.
 */
package org.dragnj.experiment.evaluation;
