package org.dragnj.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.BadInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One model, one file: DL4J's model zip (configuration, parameters, updater state) plus an entry
 * {@value #HEADER_ENTRY} with the model's spec and provenance. Writes are atomic: the file appears
 * complete under its name or not at all.
 */
public final class ModelFiles {

    public static final String HEADER_ENTRY = "dragn/model.json";
    public static final int FORMAT_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFiles() {
    }

    /** The header of a model file; {@code spec} is the model's own spec type, read back by the caller. */
    public record Header<S>(int formatVersion, S spec, ModelProvenance provenance) {
    }

    /**
     * Writes a model file; {@code extraEntries} (e.g. a training checkpoint's state) go inside the same
     * file, so that model and state can never disagree.
     */
    public static <S> void write(Path file, ComputationGraph graph, S spec, ModelProvenance provenance,
            boolean withUpdaterState, Map<String, byte[]> extraEntries) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path dl4j = AtomicFiles.temporarySibling(file, ".dl4j.tmp");
        try {
            try {
                ModelSerializer.writeModel(graph, dl4j.toFile(), withUpdaterState);
            } catch (IOException e) {
                throw AtomicFiles.cannotWrite(file, e);
            }
            AtomicFiles.write(file, out -> {
                try (ZipFile in = new ZipFile(dl4j.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
                    Enumeration<? extends ZipEntry> entries = in.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry e = entries.nextElement();
                        zip.putNextEntry(new ZipEntry(e.getName()));
                        try (InputStream is = in.getInputStream(e)) {
                            is.transferTo(zip);
                        }
                        zip.closeEntry();
                    }
                    zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
                    zip.write(JSON.writeValueAsBytes(new Header<>(FORMAT_VERSION, spec, provenance)));
                    zip.closeEntry();
                    for (Map.Entry<String, byte[]> extra : extraEntries.entrySet()) {
                        zip.putNextEntry(new ZipEntry(extra.getKey()));
                        zip.write(extra.getValue());
                        zip.closeEntry();
                    }
                }
            });
        } finally {
            Files.deleteIfExists(dl4j);
        }
    }

    /** Reads the header of a model file, with the spec as {@code specType}. */
    public static <S> Header<S> readHeader(Path file, Class<S> specType) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry e = zip.getEntry(HEADER_ENTRY);
            if (e == null) {
                throw new BadInputException(file + " is not a DRAGN-J model file (it has no " + HEADER_ENTRY
                        + "); pass a model written by dragn train, e.g. <run folder>/checkpoints/best.zip");
            }
            try (InputStream in = zip.getInputStream(e)) {
                var tree = JSON.readTree(in);
                int version = tree.path("formatVersion").asInt(-1);
                if (version != FORMAT_VERSION) {
                    throw new BadInputException(file + " has model format " + version + "; this DRAGN-J reads format "
                            + FORMAT_VERSION);
                }
                return new Header<>(version, JSON.treeToValue(tree.get("spec"), specType),
                        JSON.treeToValue(tree.get("provenance"), ModelProvenance.class));
            } catch (JsonProcessingException | ZipException x) {
                throw damaged(file, HEADER_ENTRY, x);
            }
        }
    }

    /** An extra entry written with the model, if present. */
    public static Optional<byte[]> readEntry(Path file, String name) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(e)) {
                return Optional.of(in.readAllBytes());
            } catch (ZipException x) {
                throw damaged(file, name, x);
            }
        }
    }

    public static ComputationGraph readGraph(Path file, boolean withUpdaterState) throws IOException {
        open(file).close();
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), withUpdaterState);
        } catch (IOException | RuntimeException e) {
            // DL4J reports a missing or damaged entry as an IllegalStateException or a JSON or EOF error, none naming the file
            throw new BadInputException(file + " holds no readable DL4J network (" + firstLine(e)
                    + "); the file is damaged or was not written by DRAGN-J: train again, or use another checkpoint", e);
        }
    }

    /**
     * Opens a model file as a zip, or says what the file is instead: the JDK's errors ("zip END header not
     * found") name neither the file nor what was expected of it.
     */
    private static ZipFile open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + " is a folder; pass a model file (.zip), e.g. <run folder>/checkpoints/best.zip");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toAbsolutePath().toString(), null, "no model file there");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BadInputException(file + " is not a DRAGN-J model file (not a zip archive: " + e.getMessage()
                    + "); it may be cut short (an interrupted copy or download): copy it again, or pass another model", e);
        }
    }

    private static BadInputException damaged(Path file, String entry, Exception e) {
        return new BadInputException(file + ": its entry " + entry + " cannot be read (" + firstLine(e)
                + "); the file is damaged: copy it again, or use another checkpoint", e);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
