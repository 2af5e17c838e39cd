/**
 * Finding and decoding the files of one HPA image id: Kaggle channel files or one RGB/RGBA/grey file,
 * 8 or 16 bit, as OpenCV planes; anything unusable is an IOException naming the file.
 * <p>May use: OpenCV.
 */
package org.dragnj.datasets.hpa.image;

