/**
 * What a person opens: {@code report.html} of a run ({@link org.dragnj.experiment.report.RunReport},
 * rewritten after every epoch as a live view) and of a comparison
 * ({@link org.dragnj.experiment.report.ComparisonPage}), built from the files the run wrote.
 * <p>May use: org.dragnj.eval, org.dragnj.experiment.run, org.dragnj.experiment.training.
 */
package org.dragnj.experiment.report;

