/**
 * Tables and JSON: the comparison table in the paper's layout, per-label tables, metrics.json.
 * <p>May use: org.dragnj.eval.metrics, Jackson, org.dragnj.bags.io.
 */
package org.dragnj.eval.report;
