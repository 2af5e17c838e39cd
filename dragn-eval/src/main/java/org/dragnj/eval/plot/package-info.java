/**
 * Figures as PNG and SVG: ROC curves, training curves, t-SNE maps (Smile), montages of instance thumbnails.
 * <p>May use: org.dragnj.eval.metrics, JFreeChart, Smile, org.dragnj.bags.io.
 */
package org.dragnj.eval.plot;

