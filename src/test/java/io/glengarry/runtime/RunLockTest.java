package io.glengarry.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLockTest {
    @TempDir
    Path warehouse;

    private final StageLog log = new StageLog();

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheLock() {
        try (RunLock first = RunLock.acquire(warehouse, "run-date 2026-11-24", Duration.ofMinutes(10), log)) {
            assertThatThrownBy(() -> RunLock.acquire(warehouse, "run-date 2026-11-25", Duration.ofMinutes(10), log))
                    .isInstanceOf(GlengarryException.class)
                    .hasMessageContaining("Another Glengarry run holds the warehouse lock")
                    .hasMessageContaining("run-date 2026-11-24");
        }
        // released: the next run gets it
        RunLock.acquire(warehouse, "run-date 2026-11-25", Duration.ofMinutes(10), log).close();
        assertThat(warehouse.resolve(RunLock.FILE_NAME)).doesNotExist();
    }

    @Test
    void aLockLeftByAProcessThatIsGoneIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(warehouse.resolve(RunLock.FILE_NAME),
                "host=" + RunLock.hostName() + "\npid=" + gone.pid() + "\nrun=run-date 2026-11-24\n");
        try (RunLock lock = RunLock.acquire(warehouse, "run-date 2026-11-25", Duration.ofMinutes(10), log)) {
            assertThat(Files.readString(warehouse.resolve(RunLock.FILE_NAME))).contains("run-date 2026-11-25");
        }
    }

    @Test
    void aLockFromAnotherHostIsTakenOverOnlyOnceItsHeartbeatIsOld() throws Exception {
        Path file = warehouse.resolve(RunLock.FILE_NAME);
        Files.writeString(file, "host=elsewhere\npid=1\nrun=run-date 2026-11-24\n");
        assertThatThrownBy(() -> RunLock.acquire(warehouse, "run-date 2026-11-25", Duration.ofMinutes(10), log))
                .isInstanceOf(GlengarryException.class);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
        try (RunLock lock = RunLock.acquire(warehouse, "run-date 2026-11-25", Duration.ofMinutes(10), log)) {
            assertThat(Files.readString(file)).contains("run-date 2026-11-25");
        }
    }
}
