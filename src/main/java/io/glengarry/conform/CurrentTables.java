package io.glengarry.conform;

import io.delta.tables.DeltaTable;
import io.glengarry.ingest.Extract;
import io.glengarry.runtime.DeltaTables;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.Optional;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * The winning version of every record of an extract, kept in {@code silver/_current/<extract>} so that a night
 * costs what its drop holds, not all history: the night's bronze rows are de-duplicated by key (the order
 * {@link CurrentState} defines) and {@code MERGE}d in — a version replaces the stored one only when it wins. Deleted
 * versions stay, flagged, so that an older version arriving late still loses to the deletion.
 *
 * <p>The table is rebuilt from all of bronze instead (the same result, the way a fresh warehouse builds it) when
 * merging cannot give the state as of the run date: the first night, a re-run of a night already merged (or of
 * an older one), and a full-snapshot drop newer than what the table holds. Every row of the table carries the
 * run date of its drop, so the table itself says which drops it has taken in; no other bookkeeping can drift.
 */
public final class CurrentTables {
    /** Compact a current table when a night's merges have left it with more files than this. */
    static final int COMPACT_ABOVE_FILES = 48;
    /**
     * Drops of up to this many rows of an extract are broadcast to the MERGE, so that finding the rows they match
     * does not shuffle the whole current table.
     */
    static final long BROADCAST_DROP_ROWS_UP_TO = 500_000;

    private final SparkSession spark;
    private final StageLog log;
    private final java.util.Set<Extract> merged = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CurrentTables(SparkSession spark, StageLog log) {
        this.spark = spark;
        this.log = log;
    }

    /** What a night does to an extract's current table. */
    enum Maintenance { REBUILD, MERGE }

    /**
     * Brings {@code path} up to {@code asOf} from the extract's bronze table and returns the current state (not
     * deleted) as of that date.
     */
    public Dataset<Row> asOf(Extract extract, Dataset<Row> bronze, String path, LocalDate asOf,
                             Optional<LocalDate> lastFullSnapshot) {
        long start = System.nanoTime();
        Optional<LocalDate[]> held = DeltaTable.isDeltaTable(spark, path) ? Optional.of(runDatesHeld(path))
                : Optional.empty();
        Maintenance maintenance = maintenance(held, asOf, lastFullSnapshot);
        if (maintenance == Maintenance.REBUILD) {
            DeltaTables.replaceAll(CurrentState.latestVersions(extract,
                    CurrentState.drops(bronze, Optional.empty(), asOf, lastFullSnapshot)), path);
            log.info("silver current {}: rebuilt from bronze ({})", extract.fileName(),
                    StageLog.seconds((System.nanoTime() - start) / 1e9));
        } else {
            merged.add(extract);
            Optional<LocalDate> after = Optional.ofNullable(held.get()[1]);
            Dataset<Row> newer = CurrentState.drops(bronze, after, asOf, lastFullSnapshot);
            long delivered = newer.count(); // bronze is partitioned by run date: reads only those drops
            if (delivered == 0) { // the extract was not in the drops since: nothing to merge, no commit
                log.info("silver current {}: no rows delivered after {}", extract.fileName(), after.orElse(null));
            } else {
                Dataset<Row> tonight = CurrentState.latestVersions(extract, newer);
                merge(extract, delivered <= BROADCAST_DROP_ROWS_UP_TO ? broadcast(tonight) : tonight, path);
                log.info("silver current {}: merged {} rows of the drops after {} ({})", extract.fileName(),
                        StageLog.count(delivered), after.orElse(null),
                        StageLog.seconds((System.nanoTime() - start) / 1e9));
            }
        }
        return CurrentState.withoutDeleted(extract, spark.read().format("delta").load(path));
    }

    /**
     * Whether {@link #asOf} brought the extract's table up to date by merging the newer drops into it (or found
     * none), so that every version changed since an earlier night carries a later run date; false after a rebuild.
     */
    public boolean merged(Extract extract) {
        return merged.contains(extract);
    }

    /**
     * MERGE only when the table holds no drop on or after the run date (else it is a re-run, or an older night)
     * and nothing older than the latest full snapshot (else the snapshot must replace it).
     *
     * @param held the oldest and newest run date of the rows the table holds (nulls when it is empty); empty when
     *             the table does not exist
     */
    static Maintenance maintenance(Optional<LocalDate[]> held, LocalDate asOf, Optional<LocalDate> lastFullSnapshot) {
        if (held.isEmpty()) {
            return Maintenance.REBUILD;
        }
        LocalDate oldest = held.get()[0];
        LocalDate newest = held.get()[1];
        if (newest != null && !newest.isBefore(asOf)) {
            return Maintenance.REBUILD;
        }
        if (oldest != null && lastFullSnapshot.isPresent() && oldest.isBefore(lastFullSnapshot.get())) {
            return Maintenance.REBUILD;
        }
        return Maintenance.MERGE;
    }

    private LocalDate[] runDatesHeld(String path) {
        Row r = spark.read().format("delta").load(path)
                .agg(min(Extract.RUN_DATE), max(Extract.RUN_DATE)).first();
        return new LocalDate[] {r.isNullAt(0) ? null : r.getDate(0).toLocalDate(),
            r.isNullAt(1) ? null : r.getDate(1).toLocalDate()};
    }

    private void merge(Extract extract, Dataset<Row> tonight, String path) {
        Column sameKey = null;
        for (String key : extract.keyColumns()) {
            Column k = col("current." + key).eqNullSafe(col("tonight." + key));
            sameKey = sameKey == null ? k : sameKey.and(k);
        }
        DeltaTable current = DeltaTable.forPath(spark, path);
        current.as("current")
                .merge(tonight.as("tonight"), sameKey)
                .whenMatched(CurrentState.wins(extract, "tonight", "current")).updateAll()
                .whenNotMatched().insertAll()
                .execute();
        long files = current.detail().select("numFiles").first().getLong(0);
        if (files > COMPACT_ABOVE_FILES) {
            log.info("silver current {}: compacting {} files", extract.fileName(), files);
            current.optimize().executeCompaction();
        }
    }
}
