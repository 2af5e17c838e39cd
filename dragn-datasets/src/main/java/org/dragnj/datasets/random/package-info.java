/**
 * Derived seeds: every random choice of the data pipeline and of the synthetic generators is drawn
 * from a seed derived from the run's seed and what is drawn, so reruns and resumed runs agree.
 * <p>May use: the JDK only.
 */
package org.dragnj.datasets.random;
