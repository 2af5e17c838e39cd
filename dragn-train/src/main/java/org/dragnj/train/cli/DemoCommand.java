package org.dragnj.train.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dragnj.data.batch.BagBatch;
import org.dragnj.data.synthetic.SyntheticBagGenerator;
import org.dragnj.data.synthetic.SyntheticBagSpec;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.io.Versions;
import org.dragnj.model.trunk.Trunk;
import org.dragnj.platform.Backend;
import org.dragnj.train.progress.ProgressBar;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The smallest honest end-to-end run: a post-aggregation DRAGN-L1 model on the small trunk learns
 * a synthetic bag task (coloured motifs spread over the instances of a bag), then predicts
 * held-out bags and is saved.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train DRAGN-L1 on synthetic bags for a few seconds and show what it predicts.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "150", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "8", description = "Bags per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data and model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "runs/demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Backend.Selection backend = Backend.configure();
        SyntheticBagGenerator data = new SyntheticBagGenerator(SyntheticBagSpec.builder().optClasses(3)
                .optImageSize(32, 32).optBagLengths(1, 6).optMotifScale(0.4).optSeed(seed).build());
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(data.classNames())
                .setInputSize(32, 32).optAggregation(Aggregation.DRAGN_L1).optOptimizer(OptimizerSpec.adam(3e-3))
                .optSeed(seed).build();
        System.out.printf(Locale.ROOT, "DRAGN-J %s on DL4J %s, %s (%s)%n", Versions.dragnj(), Versions.dl4j(),
                Versions.backend(), backend.reason());
        DragnModel model = DragnModel.create(spec);
        System.out.printf(Locale.ROOT, "model: %s; DRAGN unit %d parameters%n", model,
                model.aggregationParameterCount());

        BagBatch heldOut = BagBatch.pack(data.bags(1_000_000, 64), DataType.FLOAT);
        double before = model.loss(heldOut);
        try (ProgressBar bar = new ProgressBar("train", (long) steps * batch, "bags")) {
            for (int s = 0; s < steps; s++) {
                double loss = model.fit(BagBatch.pack(data.bags(s * batch, batch), DataType.FLOAT));
                bar.step(batch, String.format(Locale.ROOT, "loss %.4f", loss));
            }
        }
        double after = model.loss(heldOut);
        INDArray p = model.predict(heldOut);
        System.out.printf(Locale.ROOT, "held-out loss (64 bags, sum over %d labels): %.4f -> %.4f%n",
                spec.numLabels(), before, after);
        System.out.printf(Locale.ROOT, "held-out label accuracy at p >= 0.5: %.1f %%%n",
                100 * p.gte(0.5).castTo(DataType.FLOAT).eq(heldOut.labels()).castTo(DataType.FLOAT)
                        .meanNumber().doubleValue());
        List<String> labels = spec.labels();
        for (int b = 0; b < 5; b++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s n=%d ", heldOut.bagIds().get(b),
                    heldOut.layout().length(b)));
            for (int k = 0; k < labels.size(); k++) {
                line.append(String.format(Locale.ROOT, " %s %.2f (truth %d)", labels.get(k), p.getDouble(b, k),
                        heldOut.labels().getInt(b, k)));
            }
            System.out.println(line);
        }
        Path file = out.resolve("model.zip");
        model.save(file);
        System.out.println("model saved to " + file.toAbsolutePath());
        return 0;
    }
}
