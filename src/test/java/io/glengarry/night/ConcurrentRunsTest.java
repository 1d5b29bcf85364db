package io.glengarry.night;

import io.glengarry.TestSpark;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.RunLock;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.glengarry.night.NextNight.NIGHT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of the night started by accident, as two real JVMs on one warehouse: the second is refused within
 * seconds (exit 1, GG-101 naming the first's process and run) without reading its drop or touching the lock, and
 * the first finishes as if alone - exports (CSV byte for byte, Parquet row for row) and manifest as an
 * uninterrupted run's. The first run's whole log (every line a night prints) holds none of the drop's e-mail
 * addresses.
 */
class ConcurrentRunsTest {
    @Test
    void aSecondRunIsRefusedWithinSecondsAndTheFirstFinishesAsIfAlone() throws Exception {
        TestSpark.get();
        Warehouse reference = NextNight.reference();
        Warehouse warehouse = NextNight.sampleNightsCopy();
        Path firstLog = warehouse.root().resolveSibling("first.log");
        Path secondLog = warehouse.root().resolveSibling("second.log");

        Process first = NextNight.start(warehouse, firstLog);
        NextNight.waitFor(first, firstLog, "the first run writing bronze", text -> text.contains("bronze_write ..."));
        long started = System.nanoTime();
        Process second = NextNight.start(warehouse, secondLog);
        assertThat(second.waitFor(2, TimeUnit.MINUTES)).as("the second run ends on its own").isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        String refusal = Files.readString(secondLog, StandardCharsets.UTF_8);
        boolean firstStillRunning = first.isAlive();
        System.out.printf(java.util.Locale.ROOT, "the second run was refused after %.1f s%n", seconds);

        assertThat(second.exitValue()).as(refusal).isEqualTo(ExitCode.UNEXPECTED_FAILURE.code);
        assertThat(refusal).contains("[GG-101] Another Glengarry run holds the warehouse lock",
                "pid " + first.pid(), "run-date " + NIGHT).doesNotContain("bronze_read ...");
        assertThat(seconds).as("refused within seconds (JVM and Spark start included)").isLessThan(60);
        if (firstStillRunning) {
            assertThat(Files.readString(warehouse.root().resolve(RunLock.FILE_NAME))).as("the lock is the first's")
                    .contains("pid=" + first.pid());
        }
        try (Stream<Path> files = Files.list(warehouse.root())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no lock taken over")
                    .noneMatch(name -> name.startsWith(RunLock.FILE_NAME + ".stale"));
        }

        assertThat(first.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(firstLog, StandardCharsets.UTF_8);
        assertThat(first.exitValue()).as(log).isEqualTo(ExitCode.SUCCESS.code);
        assertThat(NextNight.exports(warehouse, NIGHT)).as("every export of the night")
                .containsExactlyInAnyOrderEntriesOf(NextNight.exports(reference, NIGHT));
        assertThat(NextNight.comparableManifest(warehouse)).isEqualTo(NextNight.comparableManifest(reference));
        assertThat(NoRawEmailTest.addressesIn(log, NoRawEmailTest.addressesInTheDrops()))
                .as("e-mail addresses in the run's log").isEmpty();
        assertThat(log).contains("manifest written"); // the whole night's log was scanned
    }
}
