/**
 * Experiment files: the YAML schema ({@link org.dragnj.experiment.config.ExperimentConfig}), built-in
 * defaults and named configs (demo, hpa-paper, flyexpress-paper, digits-key-instance, digits-multi-label), deep merge and dotted overrides.
 * <p>May use: Jackson (YAML), org.dragnj.model and org.dragnj.eval enums.
 */
package org.dragnj.experiment.config;

