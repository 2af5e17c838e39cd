package org.dragnj.datasets.bdgp;

import java.io.IOException;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.ManifestWriter;

/**
 * The result of BDGP bagging: the manifest (bags in split order train, val, test, each in shuffled
 * order) and the report of what was kept and dropped.
 */
public record BdgpBagging(Manifest manifest, BaggingReport report) {

    /**
     * Writes the manifest folder: classes.txt and bags.csv through {@link ManifestWriter}, then
     * {@value BaggingReport#FILE}; each file atomically.
     */
    public void write() throws IOException {
        ManifestWriter.write(manifest);
        report.write(manifest.folder().resolve(BaggingReport.FILE));
    }
}
