package org.dragnj.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer preset in a build without the DJL sources: a clear refusal that names the profile. */
class BenchMainPeerTest {

    @Test
    void peerPresetWithoutThePeerBuildNamesTheProfile(@TempDir Path out) {
        assumeFalse(peerPresent(), "built with -Ppeer-djl: the peer is present");
        assertThatThrownBy(() -> BenchMain.runPeer(out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Ppeer-djl")
                .hasMessageContaining("--preset peer");
    }

    private static boolean peerPresent() {
        try {
            Class.forName(BenchMain.PEER_MAIN);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
