package org.dragnj.cli;

import java.io.IOException;

import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.evaluation.OrderAveraging;
import org.dragnj.model.io.ModelProvenance;

import picocli.CommandLine.Option;

/**
 * Test-time order averaging, shared by evaluate and predict. Unless given, a model is scored with the
 * orders its run tested it with (recorded in the model file), so that evaluate reproduces the run's
 * test metrics.
 */
final class OrderOptions {

    @Option(names = "--order-averaging", paramLabel = "K", description = "Order-dependent"
            + " aggregations (DRAGN): score every bag in K random instance orders and average the probabilities;"
            + " 1 scores the bag in its manifest order (default: what the model's run used, else 1).")
    Integer orders;

    @Option(names = "--order-seed", description = "Seed of those orders (default: the model's run's, else 1).")
    Long seed;

    OrderAveraging averaging(ModelProvenance provenance) {
        OrderAveraging recorded = new OrderAveraging(1, 1);
        if (provenance.config() != null && (orders == null || seed == null)) {
            try {
                recorded = ConfigLoader.fromYaml(provenance.config()).evaluation().orders();
            } catch (IOException | IllegalArgumentException e) {
                System.out.println("warning: the model's recorded config does not read (" + e.getMessage().lines()
                        .findFirst().orElse("") + "); scoring with --order-averaging 1 unless given");
            }
        }
        return new OrderAveraging(orders != null ? orders : recorded.orders(), seed != null ? seed : recorded.seed());
    }
}
