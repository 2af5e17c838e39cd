package org.dragnj.datasets.synthetic.flyexpress;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dragnj.datasets.bdgp.View;

/**
 * What one synthetic image shows.
 *
 * @param file       the file name, as the image table lists it
 * @param gene       the gene of its first listing
 * @param stageGroup the stage group of its first listing
 * @param view       the view of its first listing
 * @param terms      the terms whose patterns it shows: a subset of its gene × stage group's terms
 */
public record ImagePlan(String file, String gene, int stageGroup, View view, List<String> terms) {

    public ImagePlan {
        terms = List.copyOf(terms);
    }

    /** Collects the terms while the plan is made. */
    static final class Builder {
        final String file;
        final String gene;
        final int stageGroup;
        final View view;
        final Set<String> terms = new LinkedHashSet<>();

        Builder(String file, String gene, int stageGroup, View view) {
            this.file = file;
            this.gene = gene;
            this.stageGroup = stageGroup;
            this.view = view;
        }

        ImagePlan build() {
            return new ImagePlan(file, gene, stageGroup, view, List.copyOf(terms));
        }
    }
}
