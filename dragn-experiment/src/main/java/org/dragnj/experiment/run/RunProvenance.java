package org.dragnj.experiment.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.model.io.ModelProvenance;

/**
 * The provenance of a run, written to {@code provenance.json} of its run folder and into every model
 * file it saves: experiment, seed, resolved config, software versions and backend, the git commit of
 * the code (when run from a checkout), a SHA-256 of the manifest's two files, the command line.
 */
public final class RunProvenance {

    private RunProvenance() {
    }

    public static ModelProvenance of(ExperimentConfig config, Path manifestFolder, List<String> command)
            throws IOException {
        return ModelProvenance.ofExperiment(config.name(), config.training().seed(), ConfigLoader.toYaml(config),
                manifestHash(manifestFolder), currentGitCommit(), command);
    }

    /** The checked-out commit ("…+dirty" with uncommitted changes), or "unknown" outside a git checkout. */
    static String currentGitCommit() {
        try {
            String head = run("git", "rev-parse", "HEAD");
            if (head.isEmpty()) {
                return "unknown";
            }
            return run("git", "status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "+dirty";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SHA-256 over bags.csv and then classes.txt. */
    public static String manifestHash(Path folder) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(folder.resolve(Manifest.BAGS_FILE)));
            sha.update(Files.readAllBytes(folder.resolve(Manifest.CLASSES_FILE)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
