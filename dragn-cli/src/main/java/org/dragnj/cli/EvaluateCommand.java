package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.report.ComparisonReport;
import org.dragnj.experiment.evaluation.BagPredictor;
import org.dragnj.experiment.evaluation.Evaluator;
import org.dragnj.experiment.evaluation.ImportanceCsv;
import org.dragnj.experiment.evaluation.ImportanceMontage;
import org.dragnj.experiment.evaluation.ImportanceWriter;
import org.dragnj.experiment.evaluation.SavedModelInput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Evaluates a saved model on a manifest split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on a manifest split: metrics.json, report.md, ROC curves, scores; with"
        + " --importance also which instances mattered.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    SavedModelOptions input = new SavedModelOptions();

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--rule", defaultValue = "THRESHOLD_05", description = "Decision rule: ${COMPLETION-CANDIDATES}"
            + " (default: ${DEFAULT-VALUE}).")
    DecisionRule rule;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstrap resampling (and of bag"
            + " subsampling under --max-bag-length) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OrderOptions order = new OrderOptions();

    @Option(names = "--importance", description = "Also write which instances mattered: " + ImportanceCsv.FILE
            + " (per bag, instance and label: leave-one-out change of the score, gradient × input of the instance's"
            + " trunk features, attention weight) and " + ImportanceMontage.FILE + " (+ .svg: the most confident"
            + " correct and the most wrong bag, instances ordered by importance). Costs n extra bag evaluations per"
            + " bag of n.")
    boolean importance;

    @Override
    public Integer call() throws Exception {
        if (rule == DecisionRule.TUNED_PER_LABEL) {
            throw new IllegalArgumentException("TUNED_PER_LABEL needs validation scores: use 'dragn metrics'"
                    + " with --val-scores, or train with that rule");
        }
        SavedModelInput in = input.load(seed);
        DataHints.describeModel(input.model, in.model());
        BagPredictor.Result result = BagPredictor.predict(in.model().forInference(), in.iterator(),
                order.averaging(in.model().provenance()),
                new ProgressBarListener());
        String name = input.model.getFileName().toString();
        Evaluator.Evaluation e = Evaluator.write(out, name + " on " + input.split, result, in.manifest(), rule, null,
                bootstrap, seed);
        if (importance) {
            ImportanceWriter.Summary s = ImportanceWriter.write(out.resolve(ImportanceCsv.FILE),
                    out.resolve(ImportanceMontage.FILE), name + " on " + input.split, in.model(), in.iterator(),
                    in.manifest(), new ProgressBarListener());
            ImportanceOutput.describe(s);
        }
        System.out.print(new ComparisonReport(Map.of(name, e.metrics()), null).markdown());
        System.out.println("written: " + out.toAbsolutePath());
        return 0;
    }
}
