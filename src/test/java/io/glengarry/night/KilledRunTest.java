package io.glengarry.night;

import io.glengarry.TestSpark;
import io.glengarry.report.GoldReports;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.RunLock;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.glengarry.night.NextNight.NIGHT;
import static io.glengarry.night.NextNight.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night run in a child JVM and killed with SIGKILL (no shutdown hook runs) at a point of the night, then run
 * again (a new JVM, as Airflow's retry would) without touching anything: the dead run's lock is taken over, the
 * run succeeds, every export of the night equals an uninterrupted run's (CSV byte for byte, Parquet row for row:
 * NextNight#exports) and its manifest says the same; the previous night's exports are untouched throughout; at the moment of the kill, no export of the night is half-written (an export folder that
 * exists holds the finished files) and no manifest claims the night.
 *
 * <p>{@code mvn test} runs one kill point (gold, half the reports exported: the most partial state). The whole set,
 * before, in and after every stage, is the {@code hardening-full} group:
 * {@code mvn -B -ntp test -Dtest=KilledRunTest -Dgroups=hardening-full -Dexcluded.groups=} (2-3 minutes a
 * point on two cores; README "Hardening").
 */
class KilledRunTest {
    /** Where the night is killed: as soon as its log shows the line. */
    record KillPoint(String name, String logLine) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<KillPoint> ALL = List.of(
            new KillPoint("reading the drop (lock held, nothing written)", "bronze_read ..."),
            new KillPoint("writing bronze", "bronze_write ..."),
            new KillPoint("silver started, no table written", "silver lead identity resolved"),
            new KillPoint("silver half-written", "silver touches written"),
            new KillPoint("silver done, gold not started", "gold ..."),
            new KillPoint("gold: the first report exported", "gold sales_channel_contribution:"),
            new KillPoint("gold: half the reports exported", "gold forecast_accuracy:"),
            new KillPoint("gold done, writing the summary page", "summary ..."),
            new KillPoint("counting the tables for the manifest", "manifest ..."),
            new KillPoint("registering the catalog", "catalog ..."));

    static Stream<KillPoint> inTheSuite() {
        return Stream.of(ALL.get(6));
    }

    static Stream<KillPoint> all() {
        return ALL.stream();
    }

    @ParameterizedTest(name = "killed {0}")
    @MethodSource("inTheSuite")
    void aNightKilledHalfWayIsRepairedByRunningItAgain(KillPoint point) throws Exception {
        killAndRepair(point);
    }

    @Tag("hardening-full")
    @ParameterizedTest(name = "killed {0}")
    @MethodSource("all")
    void aNightKilledAtAnyPointIsRepairedByRunningItAgain(KillPoint point) throws Exception {
        killAndRepair(point);
    }

    private static void killAndRepair(KillPoint point) throws Exception {
        TestSpark.get();
        Warehouse reference = NextNight.reference();
        Map<String, String> referenceExports = NextNight.exports(reference, NIGHT);
        Warehouse warehouse = NextNight.sampleNightsCopy();
        Map<String, String> previousNight = NextNight.exports(warehouse, PREVIOUS);
        Path log = warehouse.root().resolveSibling("killed-run.log");

        Process run = NextNight.start(warehouse, log);
        NextNight.waitFor(run, log, "'" + point.logLine() + "'", text -> text.contains(point.logLine()));
        run.destroyForcibly(); // SIGKILL
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(warehouse.root().resolve(RunLock.FILE_NAME)).as("the dead run's lock is left behind").exists();
        assertThat(warehouse.manifest(NIGHT)).as("no manifest claims the killed night").doesNotExist();
        Map<String, String> exportedBeforeTheKill = NextNight.exports(warehouse, NIGHT);
        for (String report : GoldReports.REPORTS) {
            if (Files.isDirectory(warehouse.exportDir(report, NIGHT))) {
                assertThat(exportedBeforeTheKill).as("an export appears whole or not at all")
                        .containsKeys(report + "/" + report + ".csv", report + "/" + report + ".parquet");
            }
        }
        assertThat(referenceExports).as("exports written before the kill")
                .containsAllEntriesOf(exportedBeforeTheKill);
        assertThat(NextNight.exports(warehouse, PREVIOUS)).as("the previous night's exports")
                .containsExactlyInAnyOrderEntriesOf(previousNight);

        Path againLog = warehouse.root().resolveSibling("run-again.log");
        int again = NextNight.run(warehouse, againLog);

        assertThat(again).as(Files.readString(againLog)).isEqualTo(ExitCode.SUCCESS.code);
        assertThat(warehouse.root().resolve(RunLock.FILE_NAME)).doesNotExist();
        assertThat(NextNight.exports(warehouse, NIGHT)).as("every export of the night")
                .containsExactlyInAnyOrderEntriesOf(referenceExports);
        assertThat(NextNight.comparableManifest(warehouse)).isEqualTo(NextNight.comparableManifest(reference));
        assertThat(NextNight.exports(warehouse, PREVIOUS)).as("the previous night's exports")
                .containsExactlyInAnyOrderEntriesOf(previousNight);
    }
}
