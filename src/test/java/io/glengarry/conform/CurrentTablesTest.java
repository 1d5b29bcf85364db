package io.glengarry.conform;

import io.glengarry.TestSpark;
import io.glengarry.conform.CurrentTables.Maintenance;
import io.glengarry.ingest.Extract;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The current table kept by MERGE night after night holds exactly what the window over all of bronze gives
 * (CurrentState): later versions, ties broken by drop then line, two versions in one drop, a late stale version,
 * deletions (and an older version arriving after one), a full snapshot, and a re-run of an older night; and so
 * does a small table rebuilt from bronze instead (spark.incremental-from-rows).
 */
class CurrentTablesTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate D3 = D1.plusDays(2);
    private static final LocalDate D4 = D1.plusDays(3);

    @Test
    void mergesWhenTheTableHoldsOnlyOlderDropsAndRebuildsOtherwise() {
        LocalDate[] d1ToD2 = {D1, D2};
        assertThat(CurrentTables.maintenance(Optional.empty(), D3, Optional.empty())).isEqualTo(Maintenance.REBUILD);
        assertThat(CurrentTables.maintenance(Optional.of(d1ToD2), D3, Optional.empty())).isEqualTo(Maintenance.MERGE);
        assertThat(CurrentTables.maintenance(Optional.of(new LocalDate[] {null, null}), D3, Optional.empty()))
                .isEqualTo(Maintenance.MERGE);
        // a re-run of the newest night merged, or of an older one
        assertThat(CurrentTables.maintenance(Optional.of(d1ToD2), D2, Optional.empty()))
                .isEqualTo(Maintenance.REBUILD);
        assertThat(CurrentTables.maintenance(Optional.of(d1ToD2), D1, Optional.empty()))
                .isEqualTo(Maintenance.REBUILD);
        // a full snapshot newer than the oldest version held replaces it; one the table was rebuilt from does not
        assertThat(CurrentTables.maintenance(Optional.of(d1ToD2), D3, Optional.of(D3)))
                .isEqualTo(Maintenance.REBUILD);
        assertThat(CurrentTables.maintenance(Optional.of(d1ToD2), D3, Optional.of(D1)))
                .isEqualTo(Maintenance.MERGE);
    }

    @Test
    void nightByNightMergesEqualTheStateRebuiltFromAllOfBronze(@TempDir Path dir) {
        nightByNight(dir, 0); // every night with rows merges
    }

    @Test
    void smallTablesAreRebuiltInsteadWithTheSameRows(@TempDir Path dir) {
        nightByNight(dir, Integer.MAX_VALUE); // every night with rows rebuilds
    }

    @Test
    void aTableOfAnotherShapeThanBronzeIsRebuiltRatherThanMerged(@TempDir Path dir) {
        SparkSession spark = TestSpark.get();
        String bronzePath = dir.resolve("bronze/accounts").toString();
        spark.createDataFrame(List.of(account("A1", "a1", "10:00", false, D1, 2),
                        account("A2", "a2", "10:00", false, D2, 3)), Extract.ACCOUNTS.bronzeSchema())
                .write().format("delta").partitionBy(Extract.RUN_DATE).save(bronzePath);
        Dataset<Row> bronze = spark.read().format("delta").load(bronzePath);
        CurrentTables current = new CurrentTables(spark, new StageLog(), 0);
        String path = dir.resolve("current/accounts").toString();
        current.asOf(Extract.ACCOUNTS, bronze, bronzePath, path, D1, Optional.empty());
        // the table as a version of the contract without the column segment left it
        io.glengarry.runtime.DeltaTables.replaceAll(spark.read().format("delta").load(path).drop("segment")
                .localCheckpoint(), path);

        Dataset<Row> state = current.asOf(Extract.ACCOUNTS, bronze, bronzePath, path, D2, Optional.empty());

        assertThat(current.actions().get("accounts")).isEqualTo("rebuilt");
        assertThat(state.columns()).containsExactly(bronze.columns());
        assertThat(names(state)).containsExactly("a1", "a2");
    }

    private static void nightByNight(Path dir, long incrementalFromRows) {
        SparkSession spark = TestSpark.get();
        Dataset<Row> drops = spark.createDataFrame(List.of(
                account("A1", "a1", "10:00", false, D1, 2),
                account("A2", "a2", "10:00", false, D1, 3),
                account("A1", "a1-v2", "11:00", false, D2, 2),     // later version
                account("A2", "a2-v2", "10:00", false, D2, 4),     // same time, later drop
                account("A3", "a3", "09:00", false, D2, 5),
                account("A4", "a4-gone", "12:00", true, D2, 6),    // arrives deleted
                account("A5", "a5-first", "08:00", false, D2, 3),  // two versions in one drop: the later line wins
                account("A5", "a5-second", "08:00", false, D2, 7),
                account("A1", "a1-stale", "10:30", false, D3, 2),  // late, older than the version held
                account("A2", "a2-gone", "13:00", true, D3, 3),    // deletion
                account("A4", "a4-old", "11:00", false, D3, 4),    // older than its deletion
                account("A1", "a1-v3", "14:00", false, D4, 2),     // D4 is a full snapshot: A1 and A6 only
                account("A6", "a6", "14:00", false, D4, 3)), Extract.ACCOUNTS.bronzeSchema());
        String bronzePath = dir.resolve("bronze/accounts").toString(); // as bronze is kept: by run date
        drops.write().format("delta").partitionBy(Extract.RUN_DATE).save(bronzePath);
        Dataset<Row> bronze = spark.read().format("delta").load(bronzePath);
        CurrentTables current = new CurrentTables(spark, new StageLog(), incrementalFromRows);
        String path = dir.resolve("current/accounts").toString();

        night(current, bronze, bronzePath, path, D1, Optional.empty(), "a1", "a2");
        night(current, bronze, bronzePath, path, D2, Optional.empty(), "a1-v2", "a2-v2", "a3", "a5-second");
        assertThat(current.merged(Extract.ACCOUNTS)).isEqualTo(incrementalFromRows == 0);
        assertThat(current.actions().get("accounts")).isEqualTo(incrementalFromRows == 0 ? "merged" : "from_bronze");
        night(current, bronze, bronzePath, path, D3, Optional.empty(), "a1-v2", "a3", "a5-second");
        night(current, bronze, bronzePath, path, D4, Optional.of(D4), "a1-v3", "a6");
        // re-running an older night rebuilds the table as of that night
        night(current, bronze, bronzePath, path, D2, Optional.empty(), "a1-v2", "a2-v2", "a3", "a5-second");
        assertThat(dir.resolve("current/accounts")).as("a table kept only above spark.incremental-from-rows")
                .matches(p -> java.nio.file.Files.exists(p) == (incrementalFromRows == 0));
        current.release();
    }

    /**
     * One night: the current state asOf returns has the names expected and the very rows of the window over all of
     * bronze; for a kept table, it is the table's state (asOf reads it back).
     */
    private static void night(CurrentTables current, Dataset<Row> bronze, String bronzePath, String path,
                              LocalDate asOf, Optional<LocalDate> snapshot, String... names) {
        Dataset<Row> state = current.asOf(Extract.ACCOUNTS, bronze, bronzePath, path, asOf, snapshot);
        assertThat(names(state)).as("as of " + asOf).containsExactly(names);
        Dataset<Row> rebuilt = CurrentState.asOf(Extract.ACCOUNTS, bronze, asOf, snapshot);
        assertThat(sorted(state)).as("as of " + asOf).isEqualTo(sorted(rebuilt));
    }

    private static List<String> sorted(Dataset<Row> rows) {
        return rows.orderBy("account_id").collectAsList().stream().map(Row::toString).toList();
    }

    private static List<String> names(Dataset<Row> rows) {
        return rows.orderBy("account_id").collectAsList().stream().map(r -> r.<String>getAs("name")).toList();
    }

    private static Row account(String id, String name, String modified, boolean deleted, LocalDate runDate,
                               long line) {
        List<Object> v = new ArrayList<>(List.of(id, name, "software", "US", "West", "enterprise"));
        v.add(Timestamp.valueOf("2026-11-20 " + modified + ":00"));
        v.add(deleted);
        v.add(null); // domain
        v.add(runDate + "/accounts.csv");
        v.add(line);
        v.add(Date.valueOf(runDate));
        return RowFactory.create(v.toArray());
    }
}
