/**
 * The frozen-trunk feature cache: one store per trunk fingerprint, shared by every run and
 * aggregation on that trunk.
 * <p>May use: org.dragnj.model, org.dragnj.datasets.
 */
package org.dragnj.experiment.features;
