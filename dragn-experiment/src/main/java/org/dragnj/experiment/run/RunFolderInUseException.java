package org.dragnj.experiment.run;

import java.io.IOException;
import java.nio.file.Path;

/** Another run owns the output folder (see {@link RunLock}). */
public class RunFolderInUseException extends IOException {

    public RunFolderInUseException(Path folder, String owner) {
        super(folder.toAbsolutePath() + " is in use by another run (" + owner + "); two runs writing into one"
                + " folder would mix their files: wait for it to end, or choose another --out");
    }
}
