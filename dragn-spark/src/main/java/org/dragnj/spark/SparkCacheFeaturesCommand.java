package org.dragnj.spark;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.cli.ExperimentOptions;
import org.dragnj.experiment.DataSource;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.features.FeatureCache;
import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.spark.features.DistributedExtraction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dragn-spark cache-features}: the feature cache of {@code dragn train --frozen-trunk}, filled by executors. */
@Command(name = "cache-features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute the frozen-trunk features that 'dragn train --frozen-trunk' reads, on Spark executors:"
                + " the experiment's options as for train (config, --data, --trunk, --input-size, --pretrained, ...),"
                + " the model broadcast once to every executor, batches of " + FeatureCache.BATCH + " images per"
                + " forward pass. Features already in --feature-cache are kept; train afterwards on one machine with"
                + " the same options and --frozen-trunk.",
                "The executors read the images at the manifest's paths: the manifest folder must be on a file system"
                        + " they share (this machine, NFS, a mounted bucket)."})
final class SparkCacheFeaturesCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment = new ExperimentOptions();

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Option(names = "--staging", paramLabel = "URI", description = "Where executors leave feature shards for the"
            + " driver, a Hadoop URI both reach (default: a hidden folder in --feature-cache).")
    String staging;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = experiment.load();
        DataSource.Loaded data = DataSource.load(config, experiment.dataCache(), ProgressListener.NONE);
        data.skipped().forEach(System.out::println);
        data.warnings().forEach(w -> System.out.println("warning: " + w));
        Manifest manifest = data.manifest();
        FrozenTrunk trunk = FrozenTrunk.of(DragnModel.create(Experiment.modelSpec(config, manifest)));
        URI shards = staging != null ? HadoopFiles.uri(staging)
                : experiment.featureCache().resolve(".staging").toAbsolutePath().toUri();
        try (JavaSparkContext sc = spark.context("dragn cache-features")) {
            FeatureCache.Prepared p = FeatureCache.prepare(trunk, manifest, manifest.bags(), experiment.featureCache(),
                    ProgressListener.NONE, new DistributedExtraction(sc, shards));
            System.out.printf(Locale.ROOT, "features of %d images in %s: %d extracted on Spark in %.1f s (%.1f"
                    + " images/s), %d already there%n", p.extracted() + p.reused(), p.store().folder(), p.extracted(),
                    p.seconds(), p.extracted() / Math.max(p.seconds(), 1e-9), p.reused());
            System.out.println("next: dragn train <the same options> --frozen-trunk --feature-cache "
                    + experiment.featureCache());
        }
        return 0;
    }
}
