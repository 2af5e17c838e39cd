package org.dragnj.datasets.hpa.crops;

import java.nio.file.Path;

import org.dragnj.bags.manifest.Manifest;

/**
 * The outcome of a cropping run.
 *
 * @param report      what happened (also in {@code report.json})
 * @param manifest    the bag manifest written to the output folder: one bag per grouping bag with at
 *                    least one crop, its instances the crops
 * @param reportFile  where the report was written
 */
public record HpaCropResult(HpaCropReport report, Manifest manifest, Path reportFile) {
}
