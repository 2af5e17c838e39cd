package org.dragnj.datasets.synthetic.flyexpress;

import java.nio.file.Path;
import java.util.List;

/**
 * What a synthesis run did.
 *
 * @param folder  where the images are
 * @param genes   the genes whose images were drawn, by name
 * @param images  image files of those genes
 * @param written files drawn in this run
 * @param skipped files already present, left as they were
 */
public record SynthesisResult(Path folder, List<String> genes, int images, int written, int skipped) {

    public SynthesisResult {
        genes = List.copyOf(genes);
    }
}
