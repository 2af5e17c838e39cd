/**
 * The benchmark runner ({@link org.dragnj.bench.BenchMain}): presets, the plan of JMH jobs, forked
 * runs with progress, the report.
 * <p>May use: JMH and everything; this module is runnable and picks the backend.
 */
package org.dragnj.bench;
