package org.dragnj.data.hpa;

import java.util.List;

/** Proposes candidate regions of an image, in full-resolution coordinates, each with a score. */
interface ProposalGenerator {

    List<Box> propose(HpaImage image);

    static ProposalGenerator of(HpaCropConfig config) {
        return switch (config.proposalMode()) {
            case SELECTIVE_SEARCH -> new SelectiveSearchProposals(config);
            case NUCLEI -> new NucleusProposals(config);
        };
    }
}
