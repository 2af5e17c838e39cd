package org.dragnj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataHintsTest {

    @AfterEach
    void clear() {
        System.clearProperty(DataHints.LAUNCHER);
    }

    @Test
    void hintsRunAsPrintedThroughTheLauncherOrThroughMaven() {
        System.setProperty(DataHints.LAUNCHER, "/opt/dragn j/bin/dragn");
        assertThat(DataHints.command("train", "--data", "my data"))
                .isEqualTo("'/opt/dragn j/bin/dragn' train --data 'my data'");
        System.clearProperty(DataHints.LAUNCHER);
        assertThat(DataHints.command("train", "--data", "d"))
                .isEqualTo("mvn -q -pl dragn-train exec:java -Dexec.args='train --data d'");
    }
}
