package org.dragnj.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.io.ModelFiles;
import org.dragnj.model.io.ModelProvenance;

/**
 * What a resumed run must have in common with its checkpoint: the config (as given now, as in the
 * folder's config.yaml, as inside last.zip), the manifest (its SHA-256 at the start) and the model
 * (the labels its head predicts). A run continued on other data or settings would report results
 * that no single configuration produced, so every difference is listed and the resume refused;
 * changed data alone may be accepted on request, and is then noted in the provenance.
 */
public final class ResumeCheck {

    private ResumeCheck() {
    }

    /**
     * @return what changed in the data when that was allowed (for the provenance); empty when all matches
     * @throws BadInputException listing every difference when the resume is refused
     */
    public static Optional<String> verify(RunFolder run, ExperimentConfig config, Manifest manifest,
            ResumePolicy policy) throws IOException {
        Path last = run.checkpoints().last();
        if (!Files.isRegularFile(last)) {
            throw new BadInputException("nothing to resume in " + run.root() + ": no " + last
                    + " (start a new run without --resume)");
        }
        ModelFiles.Header<ModelSpec> header = ModelFiles.readHeader(last, ModelSpec.class);
        ModelProvenance then = header.provenance();
        String now = ConfigLoader.toYaml(config);
        List<String> refused = new ArrayList<>();
        Path configFile = run.root().resolve("config.yaml");
        String folderConfig = Files.isRegularFile(configFile) ? resolved(Files.readString(configFile)) : null;
        if (folderConfig == null) {
            refused.add("config: " + configFile + " is missing");
        } else {
            ConfigLoader.differences(folderConfig, now).forEach(d -> refused.add("config " + d + " (run → now)"));
        }
        String modelConfig = then.config() == null ? null : resolved(then.config());
        if (modelConfig != null && folderConfig != null
                && !ConfigLoader.differences(modelConfig, folderConfig).isEmpty()) {
            refused.add("model: " + last.getFileName() + " was written by another config than " + configFile + " ("
                    + String.join("; ", ConfigLoader.differences(modelConfig, folderConfig)) + ")");
        }
        List<String> labels = header.spec().labels();
        if (!labels.equals(manifest.classes())) {
            refused.add("model: the checkpoint predicts " + labels + ", the manifest's " + Manifest.CLASSES_FILE
                    + " now lists " + manifest.classes());
        }
        String hashNow = RunProvenance.manifestHash(manifest.folder());
        String dataChange = then.manifestSha256() == null || then.manifestSha256().equals(hashNow) ? null
                : "manifest " + manifest.folder() + ": " + Manifest.BAGS_FILE + " or " + Manifest.CLASSES_FILE
                        + " changed since the run started (sha256 " + abbreviate(then.manifestSha256()) + " → "
                        + abbreviate(hashNow) + ")";
        if (dataChange != null && policy != ResumePolicy.RESUME_ALLOW_CHANGED_DATA) {
            refused.add(dataChange);
        }
        if (!refused.isEmpty()) {
            throw new BadInputException("cannot resume " + run.root() + ": it differs from its checkpoint "
                    + last + ":\n  " + String.join("\n  ", refused) + "\nresume with the config and data the run"
                    + " started with, or start a new run in another --out"
                    + (refused.size() == 1 && refused.get(0).equals(dataChange)
                            ? "; to continue on the changed data anyway, add --allow-changed-data (it is recorded)"
                            : ""));
        }
        return Optional.ofNullable(dataChange);
    }

    /**
     * A saved config with the keys added to the defaults since it was written filled in, so that a run
     * started by an older DRAGN-J is compared on what it did, not refused for a key it never had.
     */
    private static String resolved(String yaml) {
        try {
            return ConfigLoader.toYaml(ConfigLoader.fromYaml(yaml));
        } catch (IOException | RuntimeException e) {
            return yaml; // compared as written: every difference is listed
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
