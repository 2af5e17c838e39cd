package org.dragnj.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsCountRateAndEta() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("train", 100, "bags", new PrintStream(buf, true, StandardCharsets.UTF_8),
                false, now::get, Duration.ofSeconds(5));
        now.set(10_000_000_000L); // 10 s for 25 bags: 2.5 bags/s, 75 left → 30 s
        bar.step(25, "loss 0.5000");
        assertThat(buf.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("train    [#######---------------------] 25/100  2.5 bags/s  ETA 0:30  loss 0.5000");
    }

    @Test
    void logModePrintsAtMostEveryIntervalAndAlwaysAtTheEnd() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("x", 4, "it", new PrintStream(buf, true, StandardCharsets.UTF_8), false,
                now::get, Duration.ofSeconds(5));
        now.set(1_000_000_000L);
        bar.step(1, "");
        now.set(2_000_000_000L);
        bar.step(1, "");
        now.set(7_000_000_000L);
        bar.step(1, "");
        now.set(7_100_000_000L);
        bar.step(1, "");
        assertThat(buf.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    @Test
    void clockTimeFormatsHours() {
        assertThat(ProgressBar.clockTime(59.6)).isEqualTo("1:00");
        assertThat(ProgressBar.clockTime(3725)).isEqualTo("1:02:05");
    }
}
