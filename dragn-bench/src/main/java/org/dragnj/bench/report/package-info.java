/**
 * The benchmark report: summary rows, markdown, JSON and plots.
 * <p>May use: JFreeChart, Jackson, org.dragnj.model.aggregation.
 */
package org.dragnj.bench.report;
