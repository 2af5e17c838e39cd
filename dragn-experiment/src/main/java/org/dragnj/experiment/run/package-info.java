/**
 * A run folder (config, provenance, history, curves, checkpoints, test results) and its provenance.
 * <p>May use: org.dragnj.model.io, org.dragnj.eval.plot, Jackson.
 */
package org.dragnj.experiment.run;
