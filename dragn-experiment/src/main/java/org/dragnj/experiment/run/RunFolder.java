package org.dragnj.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.eval.plot.TrainingCurves;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.training.Checkpoints;
import org.dragnj.experiment.training.EpochRecord;
import org.dragnj.model.io.ModelProvenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One run's folder:
 * <pre>
 *   config.yaml          the resolved experiment config
 *   provenance.json      seed, versions, backend, git commit, manifest hash
 *   history.csv          per epoch: losses, validation macro F1 and AUC, learning rate, seconds
 *   training_curves.png
 *   checkpoints/         last.zip (for --resume), best.zip (best validation macro F1)
 *   test/                metrics.json, report.md, roc_curves.png, scores.csv (attention.csv)
 * </pre>
 * Every file is written atomically.
 */
public final class RunFolder {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private final Path root;

    public RunFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Checkpoints checkpoints() {
        return new Checkpoints(root.resolve("checkpoints"));
    }

    public Path test() {
        return root.resolve("test");
    }

    public void writeConfig(ExperimentConfig config) throws IOException {
        AtomicFiles.writeString(root.resolve("config.yaml"), ConfigLoader.toYaml(config));
    }

    public void writeProvenance(ModelProvenance provenance) throws IOException {
        AtomicFiles.write(root.resolve("provenance.json"), out -> JSON.writeValue(out, provenance));
    }

    /**
     * history.csv and training_curves.png (+ .svg) of the epochs so far.
     *
     * @param selected the epoch kept so far, null if none
     */
    public void writeHistory(List<EpochRecord> history, TrainingCurves.Selection selected, String title)
            throws IOException {
        StringBuilder csv = new StringBuilder("epoch,train_loss,val_loss,val_f1_macro,val_auc_macro,learning_rate,seconds\n");
        for (EpochRecord r : history) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3g,%.1f%n", r.epoch() + 1, r.trainLoss(),
                    r.valLoss(), r.valF1Macro(), r.valAucMacro(), r.learningRate(), r.seconds()));
        }
        AtomicFiles.writeString(root.resolve("history.csv"), csv.toString());
        if (!history.isEmpty()) {
            TrainingCurves.write(root.resolve("training_curves.png"), history.stream()
                    .map(r -> new TrainingCurves.Point(r.epoch() + 1, r.trainLoss(), r.valLoss(), r.valF1Macro(),
                            r.valAucMacro()))
                    .toList(), selected, title);
        }
    }

    /** Removes what a run killed while writing left behind: temporary files here, in checkpoints/ and test/. */
    public void removeStaleTemporaries() throws IOException {
        AtomicFiles.removeStaleTemporaries(root, 1);
    }

    /** A run folder that already holds a run (a config and a last checkpoint). */
    public boolean hasCheckpoint() {
        return Files.isRegularFile(checkpoints().last());
    }
}
