package org.dragnj.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class NativeBuildTest {

    @Test
    void autoPicksAvx2OnlyWithAvx2AndFma() {
        assertThat(NativeBuild.parse("auto", Set.of("sse4_2", "avx", "avx2", "fma"))).isEqualTo(NativeBuild.ONEDNN_AVX2);
        assertThat(NativeBuild.parse("auto", Set.of("sse4_2", "avx"))).isEqualTo(NativeBuild.ONEDNN);
        assertThat(NativeBuild.parse("AUTO", Set.of())).isEqualTo(NativeBuild.ONEDNN);
    }

    @Test
    void explicitSettingsWin() {
        assertThat(NativeBuild.parse("plain", Set.of("avx2", "fma"))).isEqualTo(NativeBuild.PLAIN);
        assertThat(NativeBuild.parse(" onednn ", Set.of("avx2", "fma"))).isEqualTo(NativeBuild.ONEDNN);
        assertThat(NativeBuild.PLAIN.extension()).isEmpty();
        assertThat(NativeBuild.ONEDNN_AVX2.extension()).isEqualTo("-onednn-avx2");
    }

    @Test
    void unknownSettingNamesTheChoices() {
        assertThatThrownBy(() -> NativeBuild.parse("mkl", Set.of()))
                .hasMessageContaining(Backend.SETTING).hasMessageContaining("onednn-avx2, onednn or plain");
    }

    @Test
    void thisMachinesFlagsAreRead() {
        // Linux CI machines expose /proc/cpuinfo; every x86-64 CPU has sse2.
        assertThat(NativeBuild.cpuFlags()).contains("sse2");
    }
}
