package org.dragnj.spark.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.broadcast.Broadcast;
import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.platform.Backend;

/**
 * The trunk an executor computes features with, built once per executor JVM from the broadcast model
 * file and kept for every later task of the same broadcast (an executor runs many tasks; rebuilding a
 * ResNet per task would cost more than the task).
 */
final class ExecutorTrunks {

    private static final Map<Long, FrozenTrunk> BY_BROADCAST = new ConcurrentHashMap<>();

    private ExecutorTrunks() {
    }

    static FrozenTrunk of(Broadcast<byte[]> model) {
        return BY_BROADCAST.computeIfAbsent(model.id(), id -> {
            Backend.configure(); // an executor JVM picks the native build as the driver did
            try {
                Path file = Files.createTempFile("dragn-trunk-", ".zip");
                try {
                    Files.write(file, model.value());
                    return FrozenTrunk.of(DragnModel.load(file));
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the broadcast model on this executor", e);
            }
        });
    }
}
