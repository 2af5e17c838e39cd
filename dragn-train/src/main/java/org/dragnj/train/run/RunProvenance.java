package org.dragnj.train.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dragnj.data.manifest.Manifest;
import org.dragnj.model.io.Versions;
import org.dragnj.platform.Backend;

/**
 * What a run was made with, written to {@code provenance.json} of every run folder: seed,
 * software versions, native backend, the git commit of the code (when run from a checkout), and a
 * SHA-256 of the manifest's two files.
 */
public record RunProvenance(String experiment, long seed, String dragnjVersion, String dl4jVersion, String java,
        String backend, String nativeBuild, String gitCommit, String manifestSha256, String startedAt,
        List<String> command) {

    public static RunProvenance of(String experiment, long seed, Path manifestFolder, List<String> command) {
        return new RunProvenance(experiment, seed, Versions.dragnj(), Versions.dl4j(), Versions.java(),
                Versions.backend(), Backend.configure().build().settingName(), currentGitCommit(), manifestHash(manifestFolder),
                Instant.now().toString(), List.copyOf(command));
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
