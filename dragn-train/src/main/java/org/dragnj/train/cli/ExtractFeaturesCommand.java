package org.dragnj.train.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dragnj.data.batch.BagBatch;
import org.dragnj.data.io.ProgressListener;
import org.dragnj.data.iterator.BagIterator;
import org.dragnj.data.manifest.BagRecord;
import org.dragnj.model.DragnModel;
import org.dragnj.train.evaluation.EmbeddingWriter;
import org.dragnj.train.progress.ProgressBarListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Instance features before aggregation and bag features after it, as CSV, with their t-SNE maps
 * coloured by label (the paper's figures 6 and 7).
 */
@Command(name = "extract-features", mixinStandardHelpOptions = true,
        description = "Write instance features (trunk, averaged over space) and bag features (what the head reads)"
                + " of a saved model as CSV, and t-SNE maps of both coloured by label.")
final class ExtractFeaturesCommand implements Callable<Integer> {

    @Mixin
    SavedModelOptions input = new SavedModelOptions();

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--tsne-points", defaultValue = "2000",
            description = "At most this many points per t-SNE map, drawn at random (0: no maps; default: ${DEFAULT-VALUE}).")
    int tsnePoints;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        SavedModelOptions.Loaded in = input.load(seed);
        DragnModel m = in.model();
        BagIterator iterator = in.iterator();
        List<BagRecord> bags = in.bags();
        EmbeddingWriter collector = new EmbeddingWriter(in.manifest());
        ProgressListener progress = new ProgressBarListener();
        progress.started("features", iterator.bagCount(), "bags");
        try (BagIterator.Epoch epoch = iterator.epoch(0)) {
            while (epoch.hasNext()) {
                BagBatch b = epoch.next();
                DragnModel.Embeddings e = m.embeddings(b);
                collector.add(b, e.instances().map(ExtractFeaturesCommand::rows).orElse(null), rows(e.bags()));
                progress.advanced(b.size(), "");
            }
        }
        progress.finished();
        EmbeddingWriter.Written w = collector.write(out, tsnePoints, seed, m.spec().aggregation().name());
        System.out.printf(Locale.ROOT, "%d bags%s; written to %s: %s%n", bags.size(),
                w.instances() == 0 ? " (no instance features: the trunk reads aggregated images in PRE mode)"
                        : ", " + w.instances() + " instances", out.toAbsolutePath(), String.join(", ", w.files()));
        return 0;
    }

    private static double[][] rows(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').toDoubleMatrix();
    }
}
