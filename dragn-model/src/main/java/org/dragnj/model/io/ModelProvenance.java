package org.dragnj.model.io;

import java.time.Instant;

/** Who made a model file: software versions, backend and time of writing. */
public record ModelProvenance(String dragnjVersion, String dl4jVersion, String javaVersion, String backend,
        String writtenAt) {

    public static ModelProvenance current() {
        return new ModelProvenance(Versions.dragnj(), Versions.dl4j(), Versions.java(), Versions.backend(),
                Instant.now().toString());
    }
}
