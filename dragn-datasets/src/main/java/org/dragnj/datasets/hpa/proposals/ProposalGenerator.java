package org.dragnj.datasets.hpa.proposals;

import java.util.List;

import org.dragnj.datasets.hpa.image.HpaImage;

/** Proposes candidate regions of an image, in full-resolution coordinates, each with a score. */
public interface ProposalGenerator {

    List<Box> propose(HpaImage image);

    static ProposalGenerator of(ProposalSpec spec) {
        return switch (spec.mode()) {
            case SELECTIVE_SEARCH -> new SelectiveSearchProposals(spec);
            case NUCLEI -> new NucleusProposals(spec);
        };
    }
}
