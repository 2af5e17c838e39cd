package org.dragnj.datasets.hpa.crops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dragnj.datasets.hpa.proposals.Box;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaCell;

/**
 * Recall of synthetic cells in the crops of a run: a cell counts as found when its centre lies inside
 * a crop window of its image; "tight" additionally asks for a window no wider than 4 cell radii (two
 * cell diameters), i.e. a crop at cell scale rather than a crop of a whole group of cells.
 */
record CropRecall(int cells, int found, int tight) {

    static CropRecall measure(Path outputFolder, Map<String, List<SyntheticHpaCell>> truth) throws IOException {
        int cells = 0;
        int found = 0;
        int tight = 0;
        for (Map.Entry<String, List<SyntheticHpaCell>> e : truth.entrySet()) {
            CompletionMarker marker = CompletionMarker.readOrNull(outputFolder.resolve(HpaCropper.CROP_FOLDER)
                    .resolve(ImageCropTask.safeName(e.getKey())).resolve(CompletionMarker.FILE));
            if (marker == null) {
                throw new IOException("no completion marker for image " + e.getKey() + " under " + outputFolder);
            }
            for (SyntheticHpaCell cell : e.getValue()) {
                cells++;
                boolean in = false;
                boolean small = false;
                for (CompletionMarker.Crop c : marker.crops()) {
                    if (new Box(c.x(), c.y(), c.side(), c.side(), 0).contains(cell.x(), cell.y())) {
                        in = true;
                        small |= c.side() <= 4 * cell.radius();
                    }
                }
                found += in ? 1 : 0;
                tight += small ? 1 : 0;
            }
        }
        return new CropRecall(cells, found, tight);
    }

    double recall() {
        return (double) found / cells;
    }

    double tightRecall() {
        return (double) tight / cells;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "recall %.3f (%d/%d cells), tight recall %.3f (%d)", recall(),
                found, cells, tightRecall(), tight);
    }
}
