package org.dragnj.cli;

import org.dragnj.experiment.evaluation.OrderAveraging;

import picocli.CommandLine.Option;

/** Test-time order averaging, shared by evaluate and predict. */
final class OrderOptions {

    @Option(names = "--order-averaging", defaultValue = "1", paramLabel = "K", description = "Order-dependent"
            + " aggregations (DRAGN): score every bag in K random instance orders and average the probabilities;"
            + " 1 scores the bag in its manifest order (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--order-seed", defaultValue = "1", description = "Seed of those orders (default: ${DEFAULT-VALUE}).")
    long seed;

    OrderAveraging averaging() {
        return new OrderAveraging(orders, seed);
    }
}
