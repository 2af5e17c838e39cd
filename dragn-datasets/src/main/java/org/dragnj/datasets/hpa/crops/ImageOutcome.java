package org.dragnj.datasets.hpa.crops;

import java.io.Serializable;
import java.util.List;

/**
 * What processing one image gave; {@code reason} is set only for FAILED. Serializable: a distributed
 * run collects the outcomes of its workers.
 */
public record ImageOutcome(String imageId, String bagId, Status status, List<CompletionMarker.Crop> crops,
        int proposals, int sized, double proposalSeconds, double cropSeconds, String reason) implements Serializable {

    public enum Status { CROPPED, RESUMED, FAILED }

    public ImageOutcome {
        crops = List.copyOf(crops);
    }

    public static ImageOutcome failed(String imageId, String bagId, String reason, double seconds) {
        return new ImageOutcome(imageId, bagId, Status.FAILED, List.of(), 0, 0, 0, seconds, reason);
    }
}
