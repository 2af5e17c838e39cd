package org.dragnj.bench.throughput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.dragnj.bags.io.Folders;
import org.dragnj.bench.ForkOptions;
import org.dragnj.datasets.hpa.crops.HpaCropReport;
import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.dragnj.datasets.hpa.crops.HpaCropper;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.proposals.ProposalMode;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaDataset;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaGenerator;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaSpec;
import org.dragnj.platform.Backend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HPA preparation: one complete cropping run ({@link HpaCropper}, default settings: 512² crops, at
 * most 16 per image, proposals on a copy of at most 512 pixels) over synthetic size×size
 * four-channel fields, for both proposal modes, with one worker thread or all cores
 * ({@code threads} 0). Every run starts from an empty output folder; the last run's report.json
 * stays in {@link #outputFolder} so that crops/s can be computed (the crop count is deterministic).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Djava.awt.headless=true"})
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class HpaCropBenchmark {

    static {
        Backend.configure();
    }

    @Param({"SELECTIVE_SEARCH", "NUCLEI"})
    public ProposalMode mode;

    /** Worker threads; 0 means all cores. */
    @Param({"1", "0"})
    public int threads;

    @Param({"1024"})
    public int size;

    /** Fields (images) per run. */
    @Param({"4"})
    public int images;

    private HpaCropSpec config;

    /** Where the run of these parameters writes its crops and report. */
    public static Path outputFolder(ProposalMode mode, int threads, int size, int images) {
        return Workloads.work().resolve("hpa").resolve("out-" + mode + "-t" + threads + "-" + size + "-" + images);
    }

    public static int effectiveThreads(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        Path data = Workloads.work().resolve("hpa").resolve("fields-" + size + "-" + images + "-" + mode + "-t" + threads);
        Folders.deleteTree(data);
        SyntheticHpaDataset fields = new SyntheticHpaGenerator(SyntheticHpaSpec.builder().optImageSize(size)
                .optBags(Math.max(1, images / 2)).optImagesPerBag(2, 2).optSeed(size).build()).write(data);
        config = HpaCropSpec.builder().setGrouping(fields.groupingFile(), GroupingFormat.BAG_CSV)
                .setImageFolder(fields.imageFolder()).setOutputFolder(outputFolder(mode, threads, size, images))
                .optClasses(fields.classes()).optProposalMode(mode).optThreads(effectiveThreads(threads)).build();
    }

    @Setup(Level.Invocation)
    public void emptyOutput() throws IOException {
        Folders.deleteTree(config.outputFolder());
    }

    @Benchmark
    public HpaCropReport crop() throws IOException {
        return new HpaCropper(config).run().report();
    }

}
