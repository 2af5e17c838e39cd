package org.dragnj.cli;

import java.nio.file.Path;

import org.dragnj.experiment.DataSource;

import picocli.CommandLine.Option;

/** Where generated data and the pre-flight image check's memory live, shared by every command that reads images. */
final class DataCacheOption {

    @Option(names = "--data-cache", defaultValue = "runs/data", description = "Where synthetic datasets are"
            + " generated and reused, and where the image check remembers files it decoded (by size and"
            + " modification time, so a rerun decodes only what changed) (default: ${DEFAULT-VALUE}).")
    Path folder;

    /** The image check's memory for one manifest (or image) folder. */
    Path surveyCache(Path dataFolder) {
        return DataSource.surveyCache(folder, dataFolder);
    }
}
