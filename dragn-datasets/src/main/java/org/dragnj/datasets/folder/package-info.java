/**
 * Unlabelled bags from a folder of images, for prediction: one bag per folder holding images (at any
 * depth, or per first-level subfolder), images directly in the folder as one bag or grouped by name, and
 * a report of every file that is in no bag.
 * <p>May use: org.dragnj.bags.
 */
package org.dragnj.datasets.folder;

