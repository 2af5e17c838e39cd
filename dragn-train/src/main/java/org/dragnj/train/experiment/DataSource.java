package org.dragnj.train.experiment;

import java.io.IOException;
import java.nio.file.Path;

import org.dragnj.data.io.ProgressListener;
import org.dragnj.data.manifest.Manifest;
import org.dragnj.data.manifest.ManifestReader;
import org.dragnj.data.manifest.ValidationPolicy;
import org.dragnj.data.manifest.ValidationReport;
import org.dragnj.data.synthetic.SyntheticBagGenerator;
import org.dragnj.data.synthetic.SyntheticManifest;
import org.dragnj.train.config.ExperimentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The manifest an experiment trains on: read and validated, or synthesised once into a cache folder. */
public final class DataSource {

    private static final Logger LOG = LoggerFactory.getLogger(DataSource.class);

    private DataSource() {
    }

    /**
     * @param cache folder for synthetic datasets; a dataset is stored under a name derived from its spec
     *              and reused by every later run that asks for the same data
     */
    public static Manifest load(ExperimentConfig.DataConfig data, Path cache, ProgressListener progress)
            throws IOException {
        if (data.synthetic() != null) {
            ExperimentConfig.SyntheticConfig s = data.synthetic();
            Path folder = cache.resolve("synthetic-" + Integer.toHexString(s.hashCode()));
            return SyntheticManifest.write(folder, new SyntheticBagGenerator(s.spec()),
                    new SyntheticManifest.Sizes(s.train(), s.val(), s.test()), progress);
        }
        ValidationPolicy policy = data.skipBad() ? ValidationPolicy.SKIP : ValidationPolicy.FAIL;
        ManifestReader.Result r = ManifestReader.of(policy, ManifestReader.ImageCheck.EXISTS).read(Path.of(data.manifest()));
        ValidationReport report = r.report();
        if (!report.isClean()) {
            LOG.warn("manifest {}: {}", data.manifest(), report.summary());
            report.problems().stream().limit(20).forEach(p -> LOG.warn("  skipped: {}", p.message()));
            if (report.problems().size() > 20) {
                LOG.warn("  ... and {} more", report.problems().size() - 20);
            }
        }
        return r.manifest();
    }
}
