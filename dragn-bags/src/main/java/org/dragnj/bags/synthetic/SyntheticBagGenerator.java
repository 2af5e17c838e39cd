package org.dragnj.bags.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.dragnj.bags.Bag;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Renders the synthetic bag task of a {@link SyntheticBagSpec}. Bag {@code i} is a pure function of
 * (spec, i), so any subset of a dataset can be regenerated without generating the rest.
 */
public final class SyntheticBagGenerator {

    /** Motif shapes; label k uses shape k mod 4. */
    enum Shape { SQUARE, DISC, RING, CROSS }

    /** Which part of a motif an instance shows. */
    enum Part { WHOLE, LEFT, RIGHT }

    /** A motif part to draw into an instance. */
    private record Mark(int label, Part part) {
    }

    private static final float[][] PALETTE = {
        {1.0f, 0.15f, 0.15f}, {0.15f, 1.0f, 0.15f}, {0.2f, 0.3f, 1.0f},
        {1.0f, 0.95f, 0.15f}, {1.0f, 0.2f, 1.0f}, {0.15f, 1.0f, 1.0f},
    };

    private final SyntheticBagSpec spec;

    public SyntheticBagGenerator(SyntheticBagSpec spec) {
        this.spec = spec;
    }

    public SyntheticBagSpec spec() {
        return spec;
    }

    /** Human-readable label names, e.g. {@code "red-square"}. */
    public List<String> classNames() {
        String[] colours = {"red", "green", "blue", "yellow", "magenta", "cyan"};
        return IntStream.range(0, spec.classes())
                .mapToObj(k -> colours[colourIndex(k)] + "-" + shape(k).name().toLowerCase())
                .toList();
    }

    /** The i-th bag, with id {@code "bag-<i>"}. */
    public Bag bag(int i) {
        SyntheticBagSample sample = sample(i);
        int n = sample.instances().size();
        INDArray x = Nd4j.create(DataType.FLOAT, n, 3, spec.height(), spec.width());
        for (int j = 0; j < n; j++) {
            x.slice(j).assign(Nd4j.create(sample.instances().get(j), new long[] {3, spec.height(), spec.width()},
                    DataType.FLOAT));
        }
        INDArray y = Nd4j.create(DataType.FLOAT, spec.classes());
        for (int k = 0; k < spec.classes(); k++) {
            y.putScalar(k, sample.labels()[k] ? 1.0 : 0.0);
        }
        return new Bag("bag-" + i, x, y);
    }

    public List<Bag> bags(int from, int count) {
        List<Bag> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(bag(i));
        }
        return out;
    }

    /** The i-th bag as plain arrays: per instance a CHW float image in [0, 1], and the labels. */
    public SyntheticBagSample sample(int i) {
        Random rnd = new Random(bagSeed(spec.seed(), i));
        int n = spec.minBagLength() + rnd.nextInt(spec.maxBagLength() - spec.minBagLength() + 1);
        boolean[] labels = new boolean[spec.classes()];
        List<List<Mark>> marks = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            marks.add(new ArrayList<>());
        }
        for (int k = 0; k < spec.classes(); k++) {
            labels[k] = rnd.nextDouble() < spec.labelProbability();
            List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            Collections.shuffle(order, rnd);
            if (spec.evidence() == SyntheticBagSpec.Evidence.PRESENCE) {
                if (labels[k]) {
                    int evidence = 1 + rnd.nextInt(Math.min(spec.maxEvidence(), n));
                    for (int e = 0; e < evidence; e++) {
                        marks.get(order.get(e)).add(new Mark(k, Part.WHOLE));
                    }
                }
            } else if (labels[k]) {
                marks.get(order.get(0)).add(new Mark(k, Part.LEFT));
                marks.get(order.get(n > 1 ? 1 : 0)).add(new Mark(k, Part.RIGHT));
            } else if (rnd.nextBoolean()) {
                marks.get(order.get(0)).add(new Mark(k, rnd.nextBoolean() ? Part.LEFT : Part.RIGHT));
            }
        }
        List<float[]> images = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            images.add(render(marks.get(j), rnd));
        }
        return new SyntheticBagSample(images, labels);
    }

    /**
     * A well-mixed seed per bag (SplitMix64's finaliser). java.util.Random seeded with consecutive
     * numbers gives strongly correlated first draws, so bags i and i+1 would get the same length.
     */
    static long bagSeed(long seed, int i) {
        long z = seed * 0x9E3779B97F4A7C15L + i;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private float[] render(List<Mark> marks, Random rnd) {
        int h = spec.height();
        int w = spec.width();
        float[] img = new float[3 * h * w];
        // Smooth background: a per-channel level plus a random linear gradient, like uneven illumination.
        for (int c = 0; c < 3; c++) {
            float base = 0.1f + 0.15f * rnd.nextFloat();
            float gy = (rnd.nextFloat() - 0.5f) * 0.2f;
            float gx = (rnd.nextFloat() - 0.5f) * 0.2f;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img[(c * h + y) * w + x] = base + gy * y / h + gx * x / w;
                }
            }
        }
        int radius = Math.max(2, (int) Math.round(Math.min(h, w) * spec.motifScale() / 2));
        int distractors = rnd.nextInt(3);
        for (int d = 0; d < distractors; d++) {
            float grey = 0.35f + 0.25f * rnd.nextFloat();
            draw(img, Shape.values()[rnd.nextInt(4)], Part.WHOLE, new float[] {grey, grey, grey}, radius, rnd);
        }
        for (Mark m : marks) {
            draw(img, shape(m.label()), m.part(), PALETTE[colourIndex(m.label())], radius, rnd);
        }
        for (int p = 0; p < img.length; p++) {
            float v = img[p] + (float) (rnd.nextGaussian() * spec.noise());
            img[p] = Math.max(0f, Math.min(1f, v));
        }
        return img;
    }

    private void draw(float[] img, Shape shape, Part part, float[] colour, int r, Random rnd) {
        int h = spec.height();
        int w = spec.width();
        int cy = r + rnd.nextInt(Math.max(1, h - 2 * r));
        int cx = r + rnd.nextInt(Math.max(1, w - 2 * r));
        for (int y = Math.max(0, cy - r); y < Math.min(h, cy + r + 1); y++) {
            for (int x = Math.max(0, cx - r); x < Math.min(w, cx + r + 1); x++) {
                boolean inPart = part == Part.WHOLE || (part == Part.LEFT ? x < cx : x >= cx);
                if (inPart && inside(shape, y - cy, x - cx, r)) {
                    for (int c = 0; c < 3; c++) {
                        img[(c * h + y) * w + x] = colour[c];
                    }
                }
            }
        }
    }

    private static boolean inside(Shape shape, int dy, int dx, int r) {
        int d2 = dy * dy + dx * dx;
        return switch (shape) {
            case SQUARE -> true;
            case DISC -> d2 <= r * r;
            case RING -> d2 <= r * r && d2 >= (r - Math.max(1, r / 2)) * (r - Math.max(1, r / 2));
            case CROSS -> Math.abs(dy) <= Math.max(0, r / 3) || Math.abs(dx) <= Math.max(0, r / 3);
        };
    }

    private static Shape shape(int k) {
        return Shape.values()[k % 4];
    }

    private static int colourIndex(int k) {
        return (k + k / 4) % PALETTE.length;
    }
}
