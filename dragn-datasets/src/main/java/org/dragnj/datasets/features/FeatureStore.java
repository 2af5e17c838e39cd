package org.dragnj.datasets.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.iterator.InstanceSource;

/**
 * An on-disk store of fixed-shape float rows (one trunk feature map per instance), read through
 * memory maps so a training run touches the page cache, not the heap, and many runs share one copy.
 *
 * <p>Layout of the folder: {@code store.properties} (row shape, rows per shard), {@code index.tsv}
 * (key, row) and {@code shard-NNNNN.f32} files of little-endian floats, each below 1 GiB so one
 * memory map covers it. Rows are only ever appended; the index is rewritten atomically after the
 * rows it names are on disk, so a run killed during extraction leaves a store that lists only
 * complete rows (the bytes past them are overwritten by the next append).
 */
public final class FeatureStore {

    static final String PROPERTIES = "store.properties";
    static final String INDEX = "index.tsv";
    private static final long SHARD_BYTES = 1L << 30;

    private final Path folder;
    private final long[] shape;
    private final int rowFloats;
    private final int rowsPerShard;
    private final Map<String, Integer> index;
    private final Map<Integer, FloatBuffer> maps = new ConcurrentHashMap<>();

    private FeatureStore(Path folder, long[] shape, int rowsPerShard, Map<String, Integer> index) {
        this.folder = folder;
        this.shape = shape.clone();
        this.rowFloats = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        this.rowsPerShard = rowsPerShard;
        this.index = index;
    }

    /**
     * Opens the store in {@code folder}, creating it if absent.
     *
     * @param shape the shape of one row; an existing store must have been made with the same
     */
    public static FeatureStore open(Path folder, long[] shape) throws IOException {
        return open(folder, shape, SHARD_BYTES);
    }

    static FeatureStore open(Path folder, long[] shape, long shardBytes) throws IOException {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("row shape must be positive, got " + Arrays.toString(shape));
        }
        Files.createDirectories(folder);
        Path props = folder.resolve(PROPERTIES);
        long rowBytes = 4 * Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int rowsPerShard = (int) Math.max(1, Math.min(Integer.MAX_VALUE, shardBytes / rowBytes));
        if (Files.isRegularFile(props)) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(props)) {
                p.load(in);
            }
            long[] stored = Arrays.stream(p.getProperty("shape", "").split(",")).filter(s -> !s.isBlank())
                    .mapToLong(Long::parseLong).toArray();
            if (!Arrays.equals(stored, shape)) {
                throw new IllegalArgumentException("feature store " + folder + " holds rows of shape "
                        + Arrays.toString(stored) + ", not " + Arrays.toString(shape) + "; use another folder");
            }
            rowsPerShard = Integer.parseInt(p.getProperty("rows_per_shard"));
        } else {
            AtomicFiles.writeString(props, "shape=" + String.join(",", Arrays.stream(shape).mapToObj(Long::toString)
                    .toList()) + "\nrows_per_shard=" + rowsPerShard + "\n");
        }
        return new FeatureStore(folder, shape, rowsPerShard, readIndex(folder.resolve(INDEX)));
    }

    private static Map<String, Integer> readIndex(Path file) throws IOException {
        Map<String, Integer> index = new ConcurrentHashMap<>();
        if (!Files.isRegularFile(file)) {
            return index;
        }
        int line = 0;
        for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            int tab = s.indexOf('\t');
            if (tab <= 0) {
                throw new IOException(file + ":" + line + ": expected 'key<TAB>row'; delete the folder to rebuild the store");
            }
            index.put(s.substring(0, tab), Integer.parseInt(s.substring(tab + 1)));
        }
        return index;
    }

    public Path folder() {
        return folder;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int size() {
        return index.size();
    }

    public boolean contains(String key) {
        return index.containsKey(key);
    }

    /** The keys not yet stored, in their first-seen order, without duplicates. */
    public List<String> missing(Collection<String> keys) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : keys) {
            if (!index.containsKey(k)) {
                out.add(k);
            }
        }
        return new ArrayList<>(out);
    }

    /** One stored row. */
    public float[] read(String key) {
        Integer row = index.get(key);
        if (row == null) {
            throw new IllegalArgumentException("feature store " + folder + " has no row for " + key);
        }
        float[] out = new float[rowFloats];
        map(row / rowsPerShard).get((row % rowsPerShard) * rowFloats, out);
        return out;
    }

    /** A view of one shard; the duplicate keeps concurrent readers' positions apart. */
    private FloatBuffer map(int shard) {
        return maps.computeIfAbsent(shard, s -> {
            try (FileChannel ch = FileChannel.open(shardFile(s), StandardOpenOption.READ)) {
                MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                return mapped.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map " + shardFile(s), e);
            }
        }).duplicate();
    }

    private Path shardFile(int shard) {
        return folder.resolve(String.format("shard-%05d.f32", shard));
    }

    /**
     * Appends rows; only {@link Appender#commit()} makes them visible (in this store and on disk).
     * One appender at a time, across processes too (a file lock).
     */
    public Appender appender() throws IOException {
        return new Appender();
    }

    /** Adds rows at the end of the store. */
    public final class Appender implements AutoCloseable {
        private final FileChannel lockChannel;
        private final FileLock lock;
        private final Map<String, Integer> pending = new LinkedHashMap<>();
        private int nextRow;

        private Appender() throws IOException {
            lockChannel = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null; // held by this process
            }
            lock = l;
            if (lock == null) {
                lockChannel.close();
                throw new IOException("feature store " + folder + " is being written by another process; wait for it");
            }
            index.putAll(readIndex(folder.resolve(INDEX)));
            nextRow = index.values().stream().mapToInt(r -> r + 1).max().orElse(0);
        }

        public void append(String key, float[] row) throws IOException {
            if (row.length != rowFloats) {
                throw new IllegalArgumentException("row for " + key + " has " + row.length + " values, the store's rows "
                        + rowFloats);
            }
            if (key.indexOf('\n') >= 0 || key.indexOf('\t') >= 0) {
                throw new IllegalArgumentException("a feature key cannot hold tabs or line breaks: " + key);
            }
            if (index.containsKey(key) || pending.containsKey(key)) {
                return;
            }
            int r = nextRow++;
            ByteBuffer bytes = ByteBuffer.allocate(4 * rowFloats).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(row);
            try (FileChannel ch = FileChannel.open(shardFile(r / rowsPerShard), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                long at = 4L * (r % rowsPerShard) * rowFloats;
                while (bytes.hasRemaining()) {
                    at += ch.write(bytes, at);
                }
            }
            pending.put(key, r);
        }

        /** Flushes the appended rows to disk, then publishes them in the index. */
        public void commit() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            Set<Integer> shards = new java.util.TreeSet<>();
            pending.values().forEach(r -> shards.add(r / rowsPerShard));
            for (int s : shards) {
                try (FileChannel ch = FileChannel.open(shardFile(s), StandardOpenOption.WRITE)) {
                    ch.force(false);
                }
                maps.remove(s); // the shard grew: map it again on the next read
            }
            Map<String, Integer> all = new LinkedHashMap<>();
            readIndex(folder.resolve(INDEX)).forEach(all::put);
            all.putAll(pending);
            StringBuilder sb = new StringBuilder();
            all.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(e -> sb.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
            AtomicFiles.writeString(folder.resolve(INDEX), sb.toString());
            index.putAll(pending);
            pending.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    /** The key of a manifest's instance: its image file's absolute path, shared by every manifest that lists it. */
    public static String key(Manifest manifest, String instance) {
        return manifest.resolve(instance).toAbsolutePath().normalize().toString();
    }

    /** The store's rows as the instances of a manifest's bags, for a bag iterator. */
    public InstanceSource source(Manifest manifest) {
        FeatureStore store = this;
        return new InstanceSource() {
            @Override
            public long[] shape() {
                return store.shape();
            }

            @Override
            public float[] load(String instance) throws IOException {
                String key = key(manifest, instance);
                if (!store.contains(key)) {
                    throw new IOException("no cached features for " + key + " in " + folder
                            + "; extract them first (dragn extract-features, or train with frozen_trunk)");
                }
                return store.read(key);
            }

            @Override
            public boolean isImage() {
                return false;
            }

            @Override
            public String toString() {
                return "features in " + folder;
            }
        };
    }
}
