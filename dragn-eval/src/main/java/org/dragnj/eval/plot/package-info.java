/**
 * Figures as PNG: ROC curves, training curves, t-SNE maps (Smile).
 * <p>May use: org.dragnj.eval.metrics, JFreeChart, Smile, org.dragnj.bags.io.
 */
package org.dragnj.eval.plot;
