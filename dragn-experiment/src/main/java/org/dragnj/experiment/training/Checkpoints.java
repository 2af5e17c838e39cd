package org.dragnj.experiment.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.model.io.ModelFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The run's checkpoints: {@code last.zip} (most recent state, for --resume) and {@code best.zip}
 * (best validation macro F1). Each is one file holding weights, optimizer state and
 * {@link TrainingState}, written atomically: a kill at any moment leaves the previous one intact.
 */
public final class Checkpoints {

    static final String STATE_ENTRY = "dragn/training.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path folder;

    public Checkpoints(Path folder) {
        this.folder = folder;
    }

    public Path last() {
        return folder.resolve("last.zip");
    }

    public Path best() {
        return folder.resolve("best.zip");
    }

    void save(Path file, TrainingTarget target, TrainingState state) throws IOException {
        Files.createDirectories(folder);
        target.save(file, Map.of(STATE_ENTRY, JSON.writeValueAsBytes(state)));
    }

    /** Whether the training target's parameters are all finite (a checkpoint must never hold NaN or infinity). */
    static boolean finite(TrainingTarget target) {
        INDArray params = target.classifier().graph().params();
        return !BooleanIndexing.or(params, Conditions.isNan()) && !BooleanIndexing.or(params, Conditions.isInfinite());
    }

    /** The state stored in a checkpoint, if it is one. */
    public static Optional<TrainingState> state(Path file) throws IOException {
        Optional<byte[]> bytes = ModelFiles.readEntry(file, STATE_ENTRY);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes.get(), TrainingState.class));
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": its training state " + STATE_ENTRY + " cannot be read ("
                    + e.getOriginalMessage() + "); the checkpoint is damaged: start the run again into another --out"
                    + " folder", e);
        }
    }
}
