package org.dragnj.train.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dragnj.data.iterator.BagIterator;
import org.dragnj.data.iterator.BagLoaderSpec;
import org.dragnj.data.manifest.Manifest;
import org.dragnj.data.manifest.ManifestReader;
import org.dragnj.data.manifest.ValidationPolicy;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.train.evaluation.BagPredictor;
import org.dragnj.train.evaluation.Evaluator;
import org.dragnj.train.progress.ProgressBarListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Evaluates a saved model on a manifest split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on a manifest split: metrics.json, report.md, ROC curves, scores.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model or checkpoint file (.zip).")
    Path model;

    @Option(names = "--data", required = true, description = "Bag manifest folder.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--rule", defaultValue = "THRESHOLD_05", description = "${COMPLETION-CANDIDATES}")
    DecisionRule rule;

    @Option(names = "--batch", defaultValue = "8", description = "Bags per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--max-bag-length", defaultValue = "0", description = "Cap bag length as in training (0: none).")
    int maxBagLength;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (rule == DecisionRule.TUNED_PER_LABEL) {
            throw new IllegalArgumentException("TUNED_PER_LABEL needs validation scores: use 'dragn metrics'"
                    + " with --val-scores, or train with that rule");
        }
        DragnModel m = DragnModel.load(model);
        Manifest manifest = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.EXISTS).read(data)
                .manifest();
        requireSameLabels(m.spec(), manifest);
        BagIterator bags = new BagIterator(manifest, manifest.bags(MetricsCommand.parseSplit(split)),
                loaderSpec(m.spec(), batch, maxBagLength, seed));
        ProgressBarListener progress = new ProgressBarListener();
        BagPredictor.Result result = BagPredictor.predict(m, bags, progress);
        Evaluator.Evaluation e = Evaluator.write(out, model.getFileName() + " on " + split, result, manifest, rule, null,
                bootstrap, seed);
        System.out.print(new org.dragnj.eval.report.ComparisonReport(java.util.Map.of(model.getFileName().toString(),
                e.metrics()), null).markdown());
        System.out.println("written: " + out.toAbsolutePath());
        return 0;
    }

    static BagLoaderSpec loaderSpec(ModelSpec spec, int batch, int maxBagLength, long seed) {
        return BagLoaderSpec.builder().setImageSize(spec.inputHeight(), spec.inputWidth())
                .optChannels(spec.inputChannels()).optBatchSize(batch).optMaxBagLength(maxBagLength).optSeed(seed)
                .build().forEvaluation();
    }

    static void requireSameLabels(ModelSpec spec, Manifest manifest) {
        if (!spec.labels().equals(manifest.classes())) {
            throw new IllegalArgumentException("the model predicts labels " + spec.labels() + " but the manifest's"
                    + " classes.txt lists " + manifest.classes());
        }
    }
}
