package org.dragnj.spark.hpa;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;

import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.manifest.SplitFractions;
import org.dragnj.datasets.hpa.crops.CropDepth;
import org.dragnj.datasets.hpa.crops.CropFormat;
import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.image.ImageLayout;
import org.dragnj.datasets.hpa.proposals.ProposalSpec;

/**
 * An {@link HpaCropSpec} without its folders, shipped to the executors: each one puts its own local
 * staging folders back in ({@link #at}), so every image is cropped by the very code, with the very
 * settings, of the single-machine command.
 */
record CropSettings(GroupingFormat groupingFormat, ArrayList<String> classes, ImageLayout imageLayout,
        ProposalSpec proposals, int cropSize, CropFormat cropFormat, CropDepth cropDepth, Split defaultSplit,
        SplitFractions splitFractions) implements Serializable {

    static CropSettings of(HpaCropSpec spec) {
        return new CropSettings(spec.groupingFormat(), new ArrayList<>(spec.classes()), spec.imageLayout(),
                spec.proposals(), spec.cropSize(), spec.cropFormat(), spec.cropDepth(), spec.defaultSplit(),
                spec.splitFractions());
    }

    /** The spec with these folders, cropping one image at a time (the executor's cores run tasks, not threads). */
    HpaCropSpec at(Path groupingFile, Path imageFolder, Path outputFolder) {
        return new HpaCropSpec(groupingFile, groupingFormat, imageFolder, outputFolder, classes, imageLayout, proposals,
                cropSize, cropFormat, cropDepth, 1, defaultSplit, splitFractions);
    }
}
