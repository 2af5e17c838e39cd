package org.dragnj.train.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.model.io.ModelFiles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The run's checkpoints: {@code last.zip} (most recent state, for --resume) and {@code best.zip}
 * (best validation macro F1). Each is one file holding weights, optimizer state and
 * {@link TrainingState}, written atomically: a kill at any moment leaves the previous one intact.
 */
public final class Checkpoints {

    static final String STATE_ENTRY = "dragn/training.json";
    /** The optimizer state of a head trained on a frozen trunk (the model file holds the whole model's). */
    static final String HEAD_UPDATER_ENTRY = "dragn/head-updater.bin";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path folder;
    private final FrozenTrunk frozen;

    public Checkpoints(Path folder) {
        this(folder, null);
    }

    private Checkpoints(Path folder, FrozenTrunk frozen) {
        this.folder = folder;
        this.frozen = frozen;
    }

    /**
     * Checkpoints of a head trained on a frozen trunk: each holds the assembled whole model (so
     * evaluate and predict read it as any model) and the head's optimizer state.
     */
    public Checkpoints withFrozenTrunk(FrozenTrunk trunk) {
        return new Checkpoints(folder, trunk);
    }

    public Path last() {
        return folder.resolve("last.zip");
    }

    public Path best() {
        return folder.resolve("best.zip");
    }

    void save(Path file, DragnModel model, TrainingState state) throws IOException {
        Files.createDirectories(folder);
        if (frozen == null) {
            model.save(file, Map.of(STATE_ENTRY, JSON.writeValueAsBytes(state)));
        } else {
            frozen.assemble().save(file, Map.of(STATE_ENTRY, JSON.writeValueAsBytes(state), HEAD_UPDATER_ENTRY,
                    frozen.headUpdaterState()));
        }
    }

    /** Restores the head's optimizer state from a frozen-trunk checkpoint. */
    public static void restoreHead(Path file, FrozenTrunk trunk) throws IOException {
        byte[] state = ModelFiles.readEntry(file, HEAD_UPDATER_ENTRY).orElseThrow(() -> new IllegalArgumentException(
                file + " was not written by a frozen-trunk run; resume it without frozen_trunk"));
        trunk.restoreHeadUpdaterState(state);
    }

    /** The state stored in a checkpoint, if it is one. */
    public static Optional<TrainingState> state(Path file) throws IOException {
        Optional<byte[]> bytes = ModelFiles.readEntry(file, STATE_ENTRY);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(JSON.readValue(bytes.get(), TrainingState.class));
    }
}
