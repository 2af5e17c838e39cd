package org.dragnj.datasets.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureStoreTest {

    private static final long[] SHAPE = {2, 1, 3};

    private static float[] row(int k) {
        float[] r = new float[6];
        for (int i = 0; i < r.length; i++) {
            r[i] = k * 10 + i + 0.5f;
        }
        return r;
    }

    @Test
    void rowsRoundTripAcrossShardsAndReopening(@TempDir Path dir) throws IOException {
        // 24-byte rows, 3 rows per 80-byte shard: seven rows span three shard files.
        FeatureStore store = FeatureStore.open(dir, SHAPE, 80);
        try (FeatureStore.Appender a = store.appender()) {
            for (int k = 0; k < 7; k++) {
                a.append("img" + k, row(k));
            }
            a.commit();
        }
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".f32")).count()).isEqualTo(3);
        FeatureStore again = FeatureStore.open(dir, SHAPE, 80);
        assertThat(again.size()).isEqualTo(7);
        for (int k = 0; k < 7; k++) {
            assertThat(again.read("img" + k)).containsExactly(row(k));
        }
        assertThat(again.missing(List.of("img3", "new", "img9", "new"))).containsExactly("new", "img9");
    }

    @Test
    void appendingLaterExtendsTheStoreAndRemapsTheGrownShard(@TempDir Path dir) throws IOException {
        FeatureStore store = FeatureStore.open(dir, SHAPE, 80);
        try (FeatureStore.Appender a = store.appender()) {
            a.append("a", row(1));
            a.commit();
        }
        assertThat(store.read("a")).containsExactly(row(1)); // maps the one-row shard
        try (FeatureStore.Appender a = store.appender()) {
            a.append("b", row(2));
            a.append("a", row(9)); // already stored: kept as it was
            a.commit();
        }
        assertThat(store.read("b")).containsExactly(row(2));
        assertThat(store.read("a")).containsExactly(row(1));
    }

    @Test
    void uncommittedRowsAreNotListed(@TempDir Path dir) throws IOException {
        FeatureStore store = FeatureStore.open(dir, SHAPE);
        try (FeatureStore.Appender a = store.appender()) {
            a.append("kept", row(1));
            a.commit();
            a.append("lost", row(2)); // a run killed here: bytes on disk, not in the index
        }
        FeatureStore again = FeatureStore.open(dir, SHAPE);
        assertThat(again.contains("kept")).isTrue();
        assertThat(again.contains("lost")).isFalse();
        try (FeatureStore.Appender a = again.appender()) {
            a.append("next", row(3)); // takes the lost row's place
            a.commit();
        }
        assertThat(FeatureStore.open(dir, SHAPE).read("next")).containsExactly(row(3));
        assertThat(again.read("kept")).containsExactly(row(1));
    }

    @Test
    void refusesAnotherShapeAndUnknownKeys(@TempDir Path dir) throws IOException {
        FeatureStore.open(dir, SHAPE);
        assertThatThrownBy(() -> FeatureStore.open(dir, new long[] {3, 1, 2}))
                .hasMessageContaining("[2, 1, 3]").hasMessageContaining("another folder");
        assertThatThrownBy(() -> FeatureStore.open(dir, SHAPE).read("nope")).hasMessageContaining("no row for nope");
        try (FeatureStore.Appender a = FeatureStore.open(dir, SHAPE).appender()) {
            assertThatThrownBy(() -> a.append("x", new float[5])).hasMessageContaining("6");
        }
    }

    @Test
    void oneWriterAtATime(@TempDir Path dir) throws IOException {
        FeatureStore store = FeatureStore.open(dir, SHAPE);
        try (FeatureStore.Appender ignored = store.appender()) {
            assertThatThrownBy(store::appender).isInstanceOf(IOException.class)
                    .hasMessageContaining("being written by another process");
        }
    }
}
