/**
 * Unlabelled bags from a folder of images, for prediction: one bag per subfolder, or the folder
 * itself as one bag.
 * <p>May use: org.dragnj.bags.
 */
package org.dragnj.datasets.folder;

