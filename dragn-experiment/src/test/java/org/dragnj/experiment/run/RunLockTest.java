package org.dragnj.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder owned by another process is refused with its owner named; after a kill -9 it is taken over. */
class RunLockTest {

    @TempDir
    Path dir;

    private static ProcessBuilder lockHolder(Path folder) {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), folder.toString());
    }

    private Process holder(Path folder) throws IOException {
        Process p = lockHolder(folder).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        assertThat(line).isEqualTo("locked");
        return p;
    }

    @Test
    void anotherLiveProcessIsNamedAndAKilledOneLeavesAStaleLockThatIsTakenOver() throws Exception {
        Path folder = dir.resolve("run");
        Process other = holder(folder);
        try {
            assertThatThrownBy(() -> RunLock.acquire(folder, List.of("second"))).isInstanceOf(RunFolderInUseException.class)
                    .hasMessageStartingWith(folder + " is in use by another run (pid " + other.pid() + " on ")
                    .hasMessageContaining("command: dragn train --out " + folder + ")");
        } finally {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no chance to release anything
        }
        assertThat(Files.readString(folder.resolve(RunLock.FILE))).startsWith("pid " + other.pid() + " on ");
        try (RunLock mine = RunLock.acquire(folder, List.of("third"))) {
            assertThat(Files.readString(folder.resolve(RunLock.FILE)))
                    .startsWith("pid " + ProcessHandle.current().pid() + " on ").endsWith("command: third\n");
        }
        assertThat(folder.resolve(RunLock.FILE)).doesNotExist();
    }

    @Test
    void aSecondRunRefusedInThisProcessLeavesTheFirstRunsLockInForce() throws Exception {
        Path folder = dir.resolve("run");
        try (RunLock first = RunLock.acquire(folder, List.of("first"))) {
            assertThatThrownBy(() -> RunLock.acquire(folder, List.of("second"))).isInstanceOf(RunFolderInUseException.class)
                    .hasMessageContaining("(another run in this process)");
            // POSIX locks belong to the process: had the refusal opened and closed the file, this would succeed
            Process other = lockHolder(folder).redirectErrorStream(true).start();
            other.getOutputStream().close();
            String out = new String(other.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(out).isNotZero();
            assertThat(out).contains("is in use by another run (pid " + ProcessHandle.current().pid() + " on ");
        }
    }
}
