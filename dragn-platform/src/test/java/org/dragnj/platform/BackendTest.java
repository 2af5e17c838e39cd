package org.dragnj.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void switchesOffJavaCppsResidentMemoryCheck() {
        Backend.configure();
        assertThat(System.getProperty(Backend.JAVACPP_MAX_PHYSICAL_BYTES)).isEqualTo("0");
    }
}
