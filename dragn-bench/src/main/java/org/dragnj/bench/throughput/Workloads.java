package org.dragnj.bench.throughput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.datasets.synthetic.SyntheticManifest;
import org.dragnj.experiment.DataSource;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;

/**
 * The data the throughput benchmarks run on, generated once into the work folder (system property
 * {@value #WORK}, default {@code target/bench-work}) and reused by every forked benchmark JVM.
 */
public final class Workloads {

    /** System property: folder for generated data, feature caches and crop output. */
    public static final String WORK = "dragn.bench.work";

    /** The pipeline datasets. */
    public enum Dataset {
        /** The demo config's synthetic bags (32×32 PNGs, bags of 2–6), training split. */
        DEMO,
        /** Synthetic bags of FlyExpress-sized 180×320 PNGs (bags of 2–6), 60 bags. */
        FLY_180X320
    }

    private Workloads() {
    }

    public static Path work() {
        return Path.of(System.getProperty(WORK, "target/bench-work")).toAbsolutePath();
    }

    /** The built-in demo experiment ({@code dragn-experiment/configs/demo.yaml}). */
    public static ExperimentConfig demoConfig() {
        try {
            return ConfigLoader.load("demo", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Manifest manifest(Dataset dataset) {
        try {
            return switch (dataset) {
                case DEMO -> DataSource.load(demoConfig(), work().resolve("data"), ProgressListener.NONE)
                        .manifest();
                case FLY_180X320 -> SyntheticManifest.write(work().resolve("data").resolve("fly-180x320"),
                        new SyntheticBagGenerator(SyntheticBagSpec.builder().optClasses(4).optImageSize(180, 320)
                                .optBagLengths(2, 6).optSeed(7).build()),
                        new SyntheticManifest.Sizes(60, 0, 0), ProgressListener.NONE);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Image height and width of a dataset. */
    public static int[] imageSize(Dataset dataset) {
        return switch (dataset) {
            case DEMO -> new int[] {demoConfig().model().inputHeight(), demoConfig().model().inputWidth()};
            case FLY_180X320 -> new int[] {180, 320};
        };
    }

    /** Bags and instances of a split. */
    public static long[] bagsAndInstances(Manifest manifest, Split split) {
        long instances = 0;
        for (BagRecord b : manifest.bags(split)) {
            instances += b.instances().size();
        }
        return new long[] {manifest.bags(split).size(), instances};
    }
}
