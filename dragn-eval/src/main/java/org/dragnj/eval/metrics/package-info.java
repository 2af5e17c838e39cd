/**
 * The paper's metrics (docs/design.md §6) over scores and truth, decision rules, per-label thresholds
 * tuned on validation, and bootstrap intervals.
 * <p>May use: the JDK only.
 */
package org.dragnj.eval.metrics;
