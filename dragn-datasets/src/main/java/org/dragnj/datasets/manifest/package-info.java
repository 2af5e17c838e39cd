/**
 * Reading a bag manifest: every problem located by file, line and bag
 * ({@link org.dragnj.datasets.manifest.ManifestProblem}), then fail at once or skip the bad bags and
 * report them ({@link org.dragnj.datasets.manifest.ValidationPolicy}); images are checked for
 * existence or decoded (OpenCV) as asked.
 * <p>May use: org.dragnj.bags, commons-csv, OpenCV.
 */
package org.dragnj.datasets.manifest;

