package org.dragnj.cli;

import org.dragnj.experiment.run.ResumePolicy;

import picocli.CommandLine.Option;

/** Continuing a run folder where it stopped, shared by train and compare. */
public final class ResumeOptions {

    @Option(names = "--resume", description = "Continue the run(s) in --out from the last checkpoint. Refused, with"
            + " the differences listed, if the config, the manifest or the model differ from the checkpoint's.")
    boolean resume;

    @Option(names = "--allow-changed-data", description = "With --resume: continue even though the manifest changed"
            + " since the run started; this is recorded in the run's provenance.")
    boolean allowChangedData;

    public ResumePolicy policy() {
        if (allowChangedData && !resume) {
            throw new IllegalArgumentException("--allow-changed-data goes with --resume");
        }
        return !resume ? ResumePolicy.NEW_RUN
                : allowChangedData ? ResumePolicy.RESUME_ALLOW_CHANGED_DATA : ResumePolicy.RESUME;
    }
}
