package org.dragnj.datasets.hpa.crops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.bags.io.AtomicFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The file {@code done.json} written (atomically) into an image's crop folder after all its crops:
 * a rerun that finds it, with the same crop settings and every listed file present, skips the image.
 *
 * @param imageId      the image
 * @param fingerprint  {@link HpaCropSpec#cropFingerprint()} of the run that wrote it
 * @param sources      name, size and modification time of each source file ({@link #stamp})
 * @param width        full-resolution width
 * @param height       full-resolution height
 * @param proposals    raw proposals
 * @param sized        proposals that passed the size and aspect filters
 * @param crops        the crops written, best first
 * @param seconds      time spent on the image
 */
public record CompletionMarker(String imageId, String fingerprint, String sources, int width, int height, int proposals, int sized,
        List<Crop> crops, double seconds) {

    public static final String FILE = "done.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One crop.
     *
     * @param file  path relative to the output folder (as written in the manifest)
     * @param x     left edge of the square window in the original image
     * @param y     top edge
     * @param side  window side in original pixels (the crop is this window resized to S×S)
     */
    public record Crop(String file, int x, int y, int side) implements java.io.Serializable {
    }

    public CompletionMarker {
        crops = List.copyOf(crops);
    }

    /**
     * Identifies the source files' content cheaply: a source replaced or edited after cropping makes its
     * crops stale. File names only, so moving the whole image folder keeps the crops valid.
     */
    static String stamp(List<Path> files) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(f.getFileName()).append(':').append(Files.size(f)).append(':')
                    .append(Files.getLastModifiedTime(f).toMillis());
        }
        return sb.toString();
    }

    void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, this));
    }

    /** The marker in {@code file}, or null when there is none or it cannot be parsed (then the image is redone). */
    public static CompletionMarker readOrNull(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), CompletionMarker.class);
        } catch (IOException e) {
            return null;
        }
    }
}
