package org.dragnj.experiment;

import java.io.IOException;
import java.nio.file.Path;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.dragnj.datasets.manifest.ValidationReport;
import org.dragnj.datasets.synthetic.SyntheticManifest;
import org.dragnj.experiment.config.ExperimentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The manifest an experiment trains on: read and validated, or synthesised once into a cache folder. */
public final class DataSource {

    private static final Logger LOG = LoggerFactory.getLogger(DataSource.class);

    private DataSource() {
    }

    /**
     * A name that is the same in every JVM for the same spec (a record's hashCode is not: its enum
     * components hash by identity).
     */
    static String stableKey(String spec) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(spec.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param cache folder for synthetic datasets; a dataset is stored under a name derived from its spec
     *              and reused by every later run that asks for the same data
     */
    /**
     * The bags, and what was left out of them (with skip_bad).
     *
     * @param skipped one line per problem, empty when the manifest was clean
     */
    public record Loaded(Manifest manifest, java.util.List<String> skipped) {

        /** Prints which bags were left out and why, and keeps that in {@code folder/skipped_bags.txt}. */
        public void writeSkipReport(Path folder) throws IOException {
            if (!skipped.isEmpty()) {
                String report = String.join("\n", skipped) + "\n";
                System.out.print(report);
                org.dragnj.bags.io.AtomicFiles.writeString(folder.resolve("skipped_bags.txt"), report);
            }
        }
    }

    public static Loaded load(ExperimentConfig.DataConfig data, Path cache, ProgressListener progress)
            throws IOException {
        if (data.synthetic() != null) {
            ExperimentConfig.SyntheticConfig s = data.synthetic();
            Path folder = cache.resolve("synthetic-" + stableKey(s.toString()));
            return new Loaded(SyntheticManifest.write(folder, new SyntheticBagGenerator(s.spec()),
                    new SyntheticManifest.Sizes(s.train(), s.val(), s.test()), progress), java.util.List.of());
        }
        ValidationPolicy policy = data.skipBad() ? ValidationPolicy.SKIP : ValidationPolicy.FAIL;
        ManifestReader.Result r = ManifestReader.of(policy, ManifestReader.ImageCheck.EXISTS).read(Path.of(data.manifest()));
        ValidationReport report = r.report();
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (!report.isClean()) {
            lines.add("manifest " + data.manifest() + ": " + report.summary() + " (--skip-bad):");
            report.problems().stream().limit(50).forEach(p -> lines.add("  " + p.message()));
            if (report.problems().size() > 50) {
                lines.add("  ... and " + (report.problems().size() - 50) + " more");
            }
            lines.forEach(LOG::warn);
        }
        return new Loaded(r.manifest(), lines);
    }
}
