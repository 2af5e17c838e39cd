package org.dragnj.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.dragnj.datasets.manifest.ValidationReport;
import org.dragnj.datasets.survey.ImageSurvey;
import org.dragnj.datasets.synthetic.SyntheticManifest;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.evaluation.InputCheck;

/** The manifest an experiment trains on: read and validated, or synthesised once into a cache folder. */
public final class DataSource {

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
     * The bags, what was left out of them (with skip_bad) and what a person should know about the images;
     * the caller shows the last two (the command line prints them, a run folder keeps them).
     *
     * @param skipped  one line per problem, empty when the manifest was clean
     * @param warnings conversions the images will undergo, labels that cannot be learnt
     */
    public record Loaded(Manifest manifest, List<String> skipped, List<String> warnings) {

        public Loaded {
            skipped = List.copyOf(skipped);
            warnings = List.copyOf(warnings);
        }

        /** Clean data: nothing skipped, nothing to say. */
        public static Loaded of(Manifest manifest) {
            return new Loaded(manifest, List.of(), List.of());
        }

        /** Keeps which bags were left out and why in {@code folder/skipped_bags.txt}, the warnings in {@code data_warnings.txt}. */
        public void writeReports(Path folder) throws IOException {
            if (!skipped.isEmpty()) {
                AtomicFiles.writeString(folder.resolve("skipped_bags.txt"), String.join("\n", skipped) + "\n");
            }
            if (!warnings.isEmpty()) {
                AtomicFiles.writeString(folder.resolve("data_warnings.txt"), String.join("\n", warnings) + "\n");
            }
        }
    }

    /**
     * Reads and validates the manifest, then decodes every image of every split once (the pre-flight
     * pass): unreadable files fail the run before training, or with skip_bad leave their bags out.
     *
     * @param cache folder for synthetic datasets (stored under a name derived from the spec and reused by
     *              every later run asking for the same data) and for what earlier pre-flight passes found
     */
    public static Loaded load(ExperimentConfig config, Path cache, ProgressListener progress) throws IOException {
        ExperimentConfig.DataConfig data = config.data();
        if (data.synthetic() != null) {
            ExperimentConfig.SyntheticConfig s = data.synthetic();
            Path folder = cache.resolve("synthetic-" + stableKey(s.toString()));
            return Loaded.of(SyntheticManifest.write(folder, new SyntheticBagGenerator(s.spec()),
                    new SyntheticManifest.Sizes(s.train(), s.val(), s.test()), progress));
        }
        ValidationPolicy policy = data.skipBad() ? ValidationPolicy.SKIP : ValidationPolicy.FAIL;
        Path manifestFolder = Path.of(data.manifest());
        ManifestReader.Result r = ManifestReader.of(policy, ManifestReader.ImageCheck.EXISTS).read(manifestFolder);
        ValidationReport report = r.report();
        List<String> skipped = new ArrayList<>();
        if (!report.isClean()) {
            skipped.add("manifest " + data.manifest() + ": " + report.summary() + " (--skip-bad):");
            report.problems().stream().limit(LISTED).forEach(p -> skipped.add("  " + p.message()));
            if (report.problems().size() > LISTED) {
                skipped.add("  ... and " + (report.problems().size() - LISTED) + " more");
            }
        }
        Manifest manifest = r.manifest();
        ImageSurvey survey = ImageSurvey.of(manifest, manifest.bags(), surveyCache(cache, manifestFolder),
                Runtime.getRuntime().availableProcessors(), progress);
        ExperimentConfig.ModelConfig m = config.model();
        InputCheck.Findings found = InputCheck.inspect(new InputCheck.Expected(m.channels(),
                InputCheck.typical(manifest.bags(Split.TRAIN), survey), m.inputWidth(), m.inputHeight(), false),
                manifest, manifest.bags(), survey);
        if (policy == ValidationPolicy.FAIL || !found.refusals().isEmpty()) {
            found.orThrow("fix or remove these files (and their rows in " + manifestFolder.resolve(Manifest.BAGS_FILE)
                    + "), or add --skip-bad to leave their bags out");
        }
        if (!found.unreadable().isEmpty()) {
            skipped.add("pre-flight: " + found.unreadable().size() + " bags left out, their images cannot be read"
                    + " (--skip-bad):");
            found.unreadable().forEach((bag, files) -> skipped.add("  bag " + bag + ": " + String.join(", ", files)));
            manifest = new Manifest(manifest.folder(), manifest.classes(), manifest.bags().stream()
                    .filter(b -> !found.unreadable().containsKey(b.id())).toList());
        }
        List<String> warnings = new ArrayList<>(found.warnings());
        warnings.addAll(unlearnableLabels(manifest));
        return new Loaded(manifest, skipped, warnings);
    }

    private static final int LISTED = 50;

    /** Labels no training bag carries: the model only ever learns to say no to them. */
    static List<String> unlearnableLabels(Manifest manifest) {
        Set<String> seen = new HashSet<>();
        manifest.bags(Split.TRAIN).forEach(b -> seen.addAll(b.labels()));
        List<String> missing = manifest.classes().stream().filter(c -> !seen.contains(c)).toList();
        return missing.isEmpty() ? List.of() : List.of(missing.size() + " of " + manifest.classes().size()
                + " labels occur in no training bag, so the model cannot learn them and their test metrics"
                + " say nothing: " + String.join(", ", missing));
    }

    /** One survey cache per manifest folder, named after its absolute path. */
    public static Path surveyCache(Path cache, Path manifestFolder) {
        return cache.resolve("image-survey").resolve(stableKey(manifestFolder.toAbsolutePath().normalize().toString())
                + ".tsv");
    }
}
