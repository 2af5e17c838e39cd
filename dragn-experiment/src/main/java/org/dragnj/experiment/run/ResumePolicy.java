package org.dragnj.experiment.run;

/** Whether a run starts afresh or continues its checkpoint, and how strictly the checkpoint must match. */
public enum ResumePolicy {
    /** A new run; refused if the folder already holds one. */
    NEW_RUN,
    /** Continue from {@code last.zip}; refused if config, manifest or model differ from the checkpoint's. */
    RESUME,
    /** As {@link #RESUME}, but a changed manifest is accepted and recorded in the run's provenance. */
    RESUME_ALLOW_CHANGED_DATA;

    public boolean resumes() {
        return this != NEW_RUN;
    }
}
