package org.dragnj.model.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a model was made, stored in its file so that a model passed to a colleague keeps it: the
 * experiment that trained it (name, seed, resolved config, SHA-256 of its manifest, git commit of
 * the code, command line; all null for a model built in code), the software that wrote it, and when.
 * A run folder's {@code provenance.json} is the same record. Notes record what happened to the run
 * since it started that a reader of its results must know (resumed on changed data).
 */
public record ModelProvenance(String experiment, Long seed, String config, String manifestSha256, String gitCommit,
        List<String> command, String dragnjVersion, String dl4jVersion, String javaVersion, String backend,
        String writtenAt, List<String> notes) {

    public ModelProvenance {
        command = command == null ? null : List.copyOf(command);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A model built in code: the software only. */
    public static ModelProvenance current() {
        return new ModelProvenance(null, null, null, null, null, null, Versions.dragnj(), Versions.dl4j(),
                Versions.java(), Versions.backend(), Instant.now().toString(), List.of());
    }

    /** A model trained by an experiment, on this software, now. */
    public static ModelProvenance ofExperiment(String experiment, long seed, String config, String manifestSha256,
            String gitCommit, List<String> command) {
        return current().withOrigin(experiment, seed, config, manifestSha256, gitCommit, command);
    }

    /** The same origin, written by this software now (what a model saved again records). */
    public ModelProvenance rewrittenNow() {
        ModelProvenance now = current();
        return new ModelProvenance(experiment, seed, config, manifestSha256, gitCommit, command, now.dragnjVersion,
                now.dl4jVersion, now.javaVersion, now.backend, now.writtenAt, notes);
    }

    private ModelProvenance withOrigin(String experiment, long seed, String config, String manifestSha256,
            String gitCommit, List<String> command) {
        return new ModelProvenance(experiment, seed, config, manifestSha256, gitCommit, command, dragnjVersion,
                dl4jVersion, javaVersion, backend, writtenAt, notes);
    }

    /** The same provenance with one more note. */
    public ModelProvenance withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new ModelProvenance(experiment, seed, config, manifestSha256, gitCommit, command, dragnjVersion,
                dl4jVersion, javaVersion, backend, writtenAt, more);
    }

    /** Whether an experiment made it (else it was built in code). */
    public boolean hasOrigin() {
        return experiment != null;
    }

    /** A few lines for a person: what made the model and with what. */
    public String describe(List<String> classes) {
        List<String> lines = new ArrayList<>();
        if (hasOrigin()) {
            lines.add(String.format(Locale.ROOT, "experiment %s, seed %d, git %s", experiment, seed, gitCommit));
            lines.add("manifest sha256 " + manifestSha256);
            if (command != null && !command.isEmpty()) {
                lines.add("command: " + String.join(" ", command));
            }
        } else {
            lines.add("made in code (no experiment recorded)");
        }
        notes.forEach(n -> lines.add("note: " + n));
        lines.add("classes: " + String.join(", ", classes));
        lines.add(String.format(Locale.ROOT, "written %s by DRAGN-J %s, DL4J %s, Java %s, %s", writtenAt, dragnjVersion,
                dl4jVersion, javaVersion, backend));
        return String.join("\n", lines);
    }
}
