package io.glengarry.conform;

import io.delta.tables.DeltaTable;
import io.glengarry.ingest.Extract;
import io.glengarry.runtime.DeltaLogReader;
import io.glengarry.runtime.DeltaTables;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
 * an older one), a full-snapshot drop newer than what the table holds, and a table whose columns are not
 * bronze's (a column new in the contract). Every row of the table carries the
 * run date of its drop, so the table itself says which drops it has taken in; no other bookkeeping can drift.
 *
 * <p>An extract whose bronze rows up to the run date are fewer than {@code spark.incremental-from-rows} keeps no
 * table: its current state is the same window over bronze, computed each night and held in Spark's cache for the
 * silver stage. A table an earlier, larger night left stays correct to merge into later (it holds the state as of
 * its newest run date, and a MERGE takes every drop after that).
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
    private final DeltaLogReader logs;
    private final long incrementalFromRows;
    private final Map<String, String> madeWith;
    private final java.util.Set<Extract> merged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> actions = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<Extract, Map<String, Long>> lineage = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Dataset<Row>> computed = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param incrementalFromRows an extract whose bronze rows up to the run date are fewer is not kept in a table:
     *                            its current state is the window over bronze, computed each night (the same rows;
     *                            on small data a MERGE's or a rewrite's fixed cost is above the window's)
     */
    public CurrentTables(SparkSession spark, StageLog log, long incrementalFromRows) {
        this(spark, log, incrementalFromRows, Map.of());
    }

    /**
     * @param madeWith columns that hold one value in every row, saying how the rows were made (the key that hashed
     *                 the leads' e-mails, EmailPseudonym.KEY_ID), with tonight's value: a table whose rows hold
     *                 another (by its Delta statistics) is rebuilt, not merged into
     */
    public CurrentTables(SparkSession spark, StageLog log, long incrementalFromRows, Map<String, String> madeWith) {
        this.spark = spark;
        this.log = log;
        this.logs = new DeltaLogReader(spark);
        this.incrementalFromRows = incrementalFromRows;
        this.madeWith = madeWith;
    }

    /** What a night does to an extract's current table. */
    enum Maintenance { REBUILD, MERGE }

    /**
     * Brings {@code path} up to {@code asOf} from the extract's bronze table (at {@code bronzePath}) and returns the
     * current state (not deleted) as of that date. What the table holds, and what bronze has since, is read from
     * their Delta logs: deciding costs no Spark job.
     */
    public Dataset<Row> asOf(Extract extract, Dataset<Row> bronze, String bronzePath, String path, LocalDate asOf,
                             Optional<LocalDate> lastFullSnapshot) {
        long start = System.nanoTime();
        String name = extract.fileName();
        Optional<DeltaLogReader.TableState> bronzeState = logs.read(bronzePath); // read once for both counts
        BronzeRows upToTonight = bronzeRows(bronze, bronzeState, Optional.empty(), asOf, lastFullSnapshot);
        if (upToTonight.rows() < incrementalFromRows) {
            // small: the window over bronze each night costs less than keeping a table (no commit, no re-read)
            actions.put(name, "from_bronze");
            lineage.put(extract, Map.of("bronze." + name, upToTonight.version(), "bronze." + name + ".through",
                    upToTonight.newestRunDate(), "bronze." + name + ".since",
                    lastFullSnapshot.map(LocalDate::toEpochDay).orElse(-1L)));
            Dataset<Row> current = CurrentState.asOf(extract, bronze, asOf, lastFullSnapshot)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            computed.add(current);
            return current;
        }
        Optional<DeltaLogReader.TableState> table = logs.read(path);
        Optional<LocalDate[]> held = table.map(t -> runDatesHeld(t, path));
        // a table of another shape than bronze's (a column new in the contract) cannot take a MERGE: rebuilt
        boolean sameColumns = table.map(t -> t.columns().equals(List.of(bronze.columns()))).orElse(true);
        // rows made otherwise (e-mails hashed with another key) are all made again: rebuilt
        boolean sameMaking = table.map(this::madeAsTonight).orElse(true);
        Maintenance maintenance = sameColumns && sameMaking ? maintenance(held, asOf, lastFullSnapshot)
                : Maintenance.REBUILD;
        Optional<LocalDate> after = held.map(h -> h[1]);
        long delivered = maintenance == Maintenance.MERGE ? bronzeRows(bronze, bronzeState, after, asOf,
                lastFullSnapshot).rows() : -1;
        if (maintenance == Maintenance.MERGE && delivered == 0) {
            // the extract was not in the drops since: nothing to merge, no commit
            merged.add(extract);
            actions.put(name, "unchanged");
            log.info("silver current {}: no rows delivered after {}", name, after.orElse(null));
        } else if (maintenance == Maintenance.MERGE) {
            merged.add(extract);
            actions.put(name, "merged");
            Dataset<Row> tonight = CurrentState.latestVersions(extract,
                    CurrentState.drops(bronze, after, asOf, lastFullSnapshot));
            merge(extract, delivered <= BROADCAST_DROP_ROWS_UP_TO ? broadcast(tonight) : tonight, path);
            log.info("silver current {}: merged {} rows of the drops after {} ({})", name,
                    StageLog.count(delivered), after.orElse(null),
                    StageLog.seconds((System.nanoTime() - start) / 1e9));
        } else {
            actions.put(name, "rebuilt");
            DeltaTables.replaceAll(CurrentState.latestVersions(extract,
                    CurrentState.drops(bronze, Optional.empty(), asOf, lastFullSnapshot)), path);
            log.info("silver current {}: rebuilt from bronze ({})", name,
                    StageLog.seconds((System.nanoTime() - start) / 1e9));
        }
        lineage.put(extract, Map.of("current." + name, DeltaTables.latestVersion(path)));
        return CurrentState.withoutDeleted(extract, spark.read().format("delta").load(path));
    }

    /**
     * What the extract's current state was built from, for the lineage of the silver tables that read it: the
     * current table's version, or (computed from bronze) bronze's version and the run dates it took.
     */
    public Map<String, Long> lineage(Extract extract) {
        return lineage.get(extract);
    }

    /**
     * Whether {@link #asOf} brought the extract's table up to date by merging the newer drops into it (or found
     * none), so that every version changed since an earlier night carries a later run date; false after a rebuild
     * and for a current state computed from bronze.
     */
    public boolean merged(Extract extract) {
        return merged.contains(extract);
    }

    /** Drops the current states computed from bronze tonight from Spark's cache. */
    public void release() {
        computed.forEach(Dataset::unpersist);
        computed.clear();
    }

    /**
     * What each extract's current state got tonight, by extract: its table {@code merged}, {@code rebuilt} or left
     * {@code unchanged}, or {@code from_bronze} (small: computed from bronze, no table kept).
     */
    public Map<String, String> actions() {
        return Map.copyOf(actions);
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

    /**
     * Whether every row of the table holds tonight's value in each {@code madeWith} column it has (an empty table
     * does; a file without statistics cannot say, so it does not).
     */
    private boolean madeAsTonight(DeltaLogReader.TableState table) {
        for (Map.Entry<String, String> column : madeWith.entrySet()) {
            if (!table.columns().contains(column.getKey())) {
                continue;
            }
            Optional<String[]> range = table.range(column.getKey());
            if (range.isEmpty()) {
                return false; // a file without statistics
            }
            String[] held = range.get();
            boolean empty = held[0] == null;
            if (!empty && !(column.getValue().equals(held[0]) && column.getValue().equals(held[1]))) {
                return false;
            }
        }
        return true;
    }

    /** The oldest and newest run date of the rows the table holds (nulls when it has none), from its log. */
    private LocalDate[] runDatesHeld(DeltaLogReader.TableState table, String path) {
        Optional<String[]> range = table.range(Extract.RUN_DATE);
        if (range.isPresent()) {
            return new LocalDate[] {date(range.get()[0]), date(range.get()[1])};
        }
        Row r = spark.read().format("delta").load(path) // a file written without statistics
                .agg(min(Extract.RUN_DATE), max(Extract.RUN_DATE)).first();
        return new LocalDate[] {r.isNullAt(0) ? null : r.getDate(0).toLocalDate(),
            r.isNullAt(1) ? null : r.getDate(1).toLocalDate()};
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    /** Rows of some of bronze's drops, the table's version, and the newest of those drops (epoch day; -1: none). */
    record BronzeRows(long rows, long version, long newestRunDate) {
    }

    /**
     * The bronze drops after {@code after} (all when empty) up to {@code asOf}, from the last full snapshot on:
     * bronze is partitioned by run date, so its log says how many rows each drop holds.
     */
    private static BronzeRows bronzeRows(Dataset<Row> bronze, Optional<DeltaLogReader.TableState> state,
                                         Optional<LocalDate> after, LocalDate asOf,
                                         Optional<LocalDate> lastFullSnapshot) {
        if (state.isEmpty()) {
            return new BronzeRows(0, -1, -1);
        }
        long rows = 0;
        long newest = -1;
        boolean counted = true;
        for (DeltaLogReader.DataFile f : state.get().files()) {
            LocalDate drop = LocalDate.parse(f.partitionValues().get(Extract.RUN_DATE));
            boolean inRange = !drop.isAfter(asOf) && (after.isEmpty() || drop.isAfter(after.get()))
                    && (lastFullSnapshot.isEmpty() || !drop.isBefore(lastFullSnapshot.get()));
            if (inRange) {
                newest = Math.max(newest, drop.toEpochDay());
                counted &= f.rows().isPresent();
                rows += f.rows().orElse(0);
            }
        }
        if (!counted) { // a file written without statistics: count the drops with Spark
            rows = CurrentState.drops(bronze, after, asOf, lastFullSnapshot).count();
        }
        return new BronzeRows(rows, state.get().version(), newest);
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
        long files = logs.read(path).map(t -> t.files().size()).orElse(0);
        if (files > COMPACT_ABOVE_FILES) {
            log.info("silver current {}: compacting {} files", extract.fileName(), files);
            current.optimize().executeCompaction();
        }
    }
}
