package org.dragnj.cli;

import java.util.Locale;

import org.dragnj.experiment.evaluation.ImportanceWriter;

/** What evaluate and predict say about the importance they wrote: which columns stayed empty, and why. */
final class ImportanceOutput {

    private ImportanceOutput() {
    }

    static void describe(ImportanceWriter.Summary s) {
        System.out.printf(Locale.ROOT, "importance of the instances of %d bags%s%s%n", s.bags(),
                s.singleInstanceBags() == 0 ? "" : String.format(Locale.ROOT, "; %d bags of one instance have no"
                        + " leave-one-out change (without it there is no bag)", s.singleInstanceBags()),
                s.gradients() ? "" : "; no gradient column: the model aggregates images before its trunk (PRE), so"
                        + " an instance has no features of its own");
        if (s.montage()) {
            System.out.println("montage of the most confident correct and the most wrong bag written");
        }
    }
}
