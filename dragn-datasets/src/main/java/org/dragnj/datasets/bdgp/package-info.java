/**
 * FlyExpress / BDGP bagging (docs/design.md §5): the two BDGP metadata tables become a bag manifest of
 * gene × stage-group bags with the top-k annotation terms as classes, split into train, val and
 * test, plus a {@code report.json} that counts everything kept and dropped.
 *
 * <pre>{@code
 * BdgpBagging result = BdgpBagger.run(BdgpBaggingSpec.builder()
 *         .setOutputFolder(Path.of("data/bdgp-top10"))
 *         .optImageFolder(Path.of("data/flyexpress/pic"))   // omit to bag without checking images
 *         .optTopK(10)
 *         .optSplitScheme(SplitScheme.AUTHORS_CODE_40_10_50)  // or PAPER_5_4_1
 *         .build(), ProgressListener.NONE);
 * }</pre>
 *
 * The tables default to copies shipped in this module (resources
 * {@code org/dragnj/datasets/bdgp/standard_images.csv}, {@code standard_annotations.csv});
 * {@code optImagesCsv}/{@code optAnnotationsCsv}/{@code optTablesFolder} read others. With the
 * authors' split scheme and seed the bags and split equal those of the authors' Python code.
 */
package org.dragnj.datasets.bdgp;

