/**
 * HPA cropping (docs/design.md §5): turns Human Protein Atlas images into bags of cell crops.
 *
 * <h2>Input</h2>
 * A grouping file ({@link org.dragnj.datasets.hpa.grouping.GroupingFormat}): either {@code bag_id,image_id,labels[,split]}
 * (a bag is a package of images of one protein; every row of a bag repeats its ';'-separated labels) or
 * Kaggle's {@code train.csv} ({@code Id,Target}, each image its own bag, Target = class indices; names from
 * {@code optClasses}, e.g. {@link org.dragnj.datasets.hpa.grouping.HpaClasses#KAGGLE_2018}, or the index strings).
 * Images ({@link org.dragnj.datasets.hpa.image.ImageLayout}) are Kaggle channel files {@code <id>_red|_green|_blue|_yellow}
 * (microtubules, protein, nucleus, ER) or one RGB / RGBA / grey file, 8 or 16 bit. Every problem in the
 * grouping file is reported at once, located by file, line and bag; nothing is cropped until it is clean.
 *
 * <h2>Proposals</h2>
 * {@link org.dragnj.datasets.hpa.proposals.ProposalMode#SELECTIVE_SEARCH}: OpenCV ximgproc selective search ("fast") on a
 * copy shrunk to {@code searchMaxSide} (default 512) and contrast-stretched; boxes are mapped back to full
 * resolution and ranked by how well they frame an object ({@link org.dragnj.datasets.hpa.proposals.ProposalRanking}).
 * {@link org.dragnj.datasets.hpa.proposals.ProposalMode#NUCLEI}: Otsu threshold of the nucleus channel, one box per
 * connected component widened by {@code nucleusExpansion}. Both then filter by side (fractions of the
 * shorter image side) and aspect ratio, make each box square (so resizing does not distort cells),
 * suppress overlaps (IoU above {@code nmsIou}) and keep the best {@code maxCropsPerImage}.
 *
 * <h2>Output</h2>
 * <pre>
 * out/bags.csv, out/classes.txt        bag manifest (org.dragnj.data.manifest): one bag per grouping bag that
 *                                      has crops, instances = crop paths relative to out/
 * out/crops/&lt;image&gt;/&lt;image&gt;_NN.png    crops, best first; &lt;image&gt; is the id, or a sanitised id plus a hash
 * out/crops/&lt;image&gt;/done.json          completion marker: settings fingerprint, windows (x, y, side)
 * out/report.json                      {@link org.dragnj.datasets.hpa.crops.HpaCropReport}: counts, failures with reasons,
 *                                      crops per image, time, crops/s
 * </pre>
 * Crop format: by default ({@link org.dragnj.datasets.hpa.crops.CropFormat#RGB}, {@link org.dragnj.datasets.hpa.crops.CropDepth#EIGHT_BIT})
 * an 8-bit 3-channel PNG of S×S pixels (S = {@code cropSize}, default 512) with R = microtubules,
 * G = protein, B = nucleus: the composite the HPA web site shows, what a 3-channel trunk takes, and what
 * {@code new NativeImageLoader(S, S, 3)} or {@code imread} loads with no special handling. The ER channel is
 * dropped in that format; {@link org.dragnj.datasets.hpa.crops.CropFormat#RGBA_ER} keeps it as alpha (load with 4
 * channels; viewers show low-ER pixels as transparent) and {@link org.dragnj.datasets.hpa.crops.CropDepth#SAME_AS_INPUT}
 * keeps 16 bits.
 *
 * <h2>Running</h2>
 * {@link org.dragnj.datasets.hpa.crops.HpaCropper#run(org.dragnj.bags.io.ProgressListener)} processes images on
 * {@code threads} threads (default: all cores). Every file is written atomically and an image's marker
 * last, so a rerun skips the images an earlier run completed with the same settings, and redoes images
 * that failed, were interrupted, lost a crop, or were cropped with other settings. An image that cannot be
 * read (missing channel, corrupt file, unsupported depth, mismatched channel sizes) is recorded with its
 * reason in the report and the run goes on.
 */
package org.dragnj.datasets.hpa.crops;

