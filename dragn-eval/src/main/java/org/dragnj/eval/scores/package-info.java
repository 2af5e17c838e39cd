/**
 * The scores CSV (bag_id, one probability column per label) that any model can write and
 * {@code dragn metrics} reads.
 * <p>May use: commons-csv, org.dragnj.bags.io.
 */
package org.dragnj.eval.scores;
