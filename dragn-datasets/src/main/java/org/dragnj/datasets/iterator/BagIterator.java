package org.dragnj.datasets.iterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.dragnj.bags.Bag;
import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.manifest.BadImageAdvice;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.random.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of bags read from a manifest, epoch by epoch. Within a batch all bags have the same
 * length (bags are bucketed by their length after capping), because equal-length batches let
 * DRAGN run each round for the whole batch at once. Every epoch is a pure function of
 * (seed, epoch): bucket contents, batch order, instance order, subsampling and augmentation,
 * which is what makes an interrupted run resumable to the same result ({@link #epoch(int, int)}).
 */
public final class BagIterator {

    private final Manifest manifest;
    private final List<BagRecord> bags;
    private final BagLoaderSpec spec;
    private final InstanceSource source;
    private final long[] shape;

    /** Bags of images, decoded and resized as the spec says. */
    public BagIterator(Manifest manifest, List<BagRecord> bags, BagLoaderSpec spec) {
        this(manifest, bags, spec, InstanceSource.images(manifest, spec));
    }

    /**
     * Bags whose instances come from {@code source} (e.g. cached trunk features); the spec's batching,
     * shuffling and bag-length cap apply, its image size and channels do not.
     */
    public BagIterator(Manifest manifest, List<BagRecord> bags, BagLoaderSpec spec, InstanceSource source) {
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("no bags to iterate over");
        }
        if (spec.augmentation() != Augmentation.NONE && !source.isImage()) {
            throw new IllegalArgumentException("augmentation flips and rotates images; turn it off for " + source);
        }
        this.manifest = manifest;
        this.bags = List.copyOf(bags);
        this.spec = spec;
        this.source = source;
        this.shape = source.shape();
    }

    public BagLoaderSpec spec() {
        return spec;
    }

    public int bagCount() {
        return bags.size();
    }

    /** The batches of an epoch as bag indices (into the bag list), in the order they are served. */
    public List<int[]> plan(int epoch) {
        SplittableRandom rnd = new SplittableRandom(Seeds.of(spec.seed(), epoch));
        Map<Integer, List<Integer>> buckets = new TreeMap<>();
        for (int i = 0; i < bags.size(); i++) {
            buckets.computeIfAbsent(cappedLength(bags.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<int[]> batches = new ArrayList<>();
        for (List<Integer> bucket : buckets.values()) {
            int[] order = bucket.stream().mapToInt(Integer::intValue).toArray();
            if (spec.shuffle()) {
                shuffle(order, rnd);
            }
            for (int from = 0; from < order.length; from += spec.batchSize()) {
                batches.add(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + spec.batchSize())));
            }
        }
        if (spec.shuffle()) {
            for (int i = batches.size() - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int[] t = batches.get(i);
                batches.set(i, batches.get(j));
                batches.set(j, t);
            }
        }
        return batches;
    }

    public int batchesPerEpoch() {
        return plan(0).size();
    }

    /** The batches of one epoch. Close it to stop loading ahead. */
    public Epoch epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of one epoch from batch {@code skip} on (resuming an interrupted epoch). */
    public Epoch epoch(int epoch, int skip) {
        return new Epoch(epoch, plan(epoch), skip);
    }

    /** Loads one bag as it appears in the given epoch. */
    public Bag load(int bagIndex, int epoch) {
        BagRecord record = bags.get(bagIndex);
        SplittableRandom rnd = new SplittableRandom(Seeds.of(spec.seed(), epoch, bagIndex));
        int n = record.instances().size();
        int[] order = IntStream.range(0, n).toArray();
        int keep = cappedLength(record);
        if (spec.shuffleInstances() || keep < n) {
            shuffle(order, rnd);
        }
        int[] chosen = java.util.Arrays.copyOf(order, keep);
        if (!spec.shuffleInstances()) {
            java.util.Arrays.sort(chosen);
        }
        // the bag is assembled on the heap and copied to native memory once: an array per instance, assigned
        // into the bag, was two more native copies of every instance on every step (frozen trunk: 120 kB each)
        int size = Math.toIntExact(shape[0] * shape[1] * shape[2]);
        float[] x = new float[keep * size];
        for (int j = 0; j < keep; j++) {
            String instance = record.instances().get(chosen[j]);
            float[] chw;
            try {
                chw = source.load(instance);
            } catch (IOException e) {
                throw new UncheckedIOException(new BadInputException("bag '" + record.id() + "': cannot load instance "
                        + instance + " (" + e.getMessage() + "); " + BadImageAdvice.of(manifest), e));
            }
            chw = spec.augmentation().apply(chw, spec.channels(), spec.height(), spec.width(), rnd);
            if (chw.length != size) {
                throw new IllegalStateException("instance " + instance + " of bag '" + record.id() + "' has " + chw.length
                        + " values, not " + size + " " + java.util.Arrays.toString(shape));
            }
            System.arraycopy(chw, 0, x, j * size, size);
        }
        return new Bag(record.id(), Nd4j.create(x, new long[] {keep, shape[0], shape[1], shape[2]}, 'c'),
                Nd4j.createFromArray(manifest.targets(record)));
    }

    private int cappedLength(BagRecord b) {
        int n = b.instances().size();
        return spec.maxBagLength() > 0 ? Math.min(n, spec.maxBagLength()) : n;
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** One epoch's batches, loaded up to {@code prefetchBatches} ahead on a background thread. */
    public final class Epoch implements Iterator<BagBatch>, AutoCloseable {
        private final int epoch;
        private final List<int[]> plan;
        private int next;
        private final Deque<Future<BagBatch>> ahead = new ArrayDeque<>();
        private final ExecutorService executor;
        private int submitted;

        private Epoch(int epoch, List<int[]> plan, int skip) {
            this.epoch = epoch;
            this.plan = plan;
            this.next = Math.min(skip, plan.size());
            this.submitted = next;
            this.executor = spec.prefetchBatches() > 0 ? Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dragn-bag-loader");
                t.setDaemon(true);
                return t;
            }) : null;
            fill();
        }

        public int index() {
            return epoch;
        }

        /** Batches in this epoch (including any skipped). */
        public int size() {
            return plan.size();
        }

        /** Index of the batch {@link #next()} returns next. */
        public int position() {
            return next;
        }

        @Override
        public boolean hasNext() {
            return next < plan.size();
        }

        @Override
        public BagBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has " + plan.size() + " batches");
            }
            BagBatch batch;
            if (executor == null) {
                batch = loadBatch(plan.get(next));
            } else {
                try {
                    batch = ahead.removeFirst().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading bags", e);
                } catch (ExecutionException e) {
                    close();
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
            next++;
            fill();
            return batch;
        }

        private void fill() {
            if (executor == null) {
                return;
            }
            while (submitted < plan.size() && ahead.size() < spec.prefetchBatches()) {
                int[] batch = plan.get(submitted++);
                ahead.addLast(executor.submit(() -> loadBatch(batch)));
            }
        }

        private BagBatch loadBatch(int[] indices) {
            List<Bag> loaded = IntStream.of(indices).parallel().mapToObj(i -> load(i, epoch)).toList();
            return BagBatch.pack(loaded, DataType.FLOAT);
        }

        @Override
        public void close() {
            if (executor != null) {
                ahead.forEach(f -> f.cancel(true));
                ahead.clear();
                executor.shutdownNow();
            }
        }
    }
}
