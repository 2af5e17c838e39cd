/**
 * The bag manifest, the seam between data preparation and training: a folder with {@code bags.csv}
 * ({@code bag_id,split,labels,instances}) and {@code classes.txt}. Here are its records
 * ({@link org.dragnj.bags.manifest.Manifest}, {@link org.dragnj.bags.manifest.BagRecord},
 * {@link org.dragnj.bags.manifest.Split}), the atomic {@link org.dragnj.bags.manifest.ManifestWriter}
 * and seeded {@link org.dragnj.bags.manifest.SplitFractions}. Reading and validating a manifest
 * (which opens images) lives in {@code org.dragnj.datasets.manifest}.
 * <p>May use: org.dragnj.bags.io, commons-csv.
 */
package org.dragnj.bags.manifest;
