package io.glengarry.ingest;

import io.delta.tables.DeltaTable;
import io.glengarry.runtime.DeltaLogReader;
import io.glengarry.runtime.DeltaTables;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The bronze stage: read every extract of a drop, check it, and only when the whole drop passes, replace that
 * run date's rows in {@code bronze/<extract>}, {@code bronze/_quarantine} and {@code bronze/_drops}.
 */
public final class BronzeIngest {
    private static final String ROWS_READ = "rows_read";
    public static final StructType QUARANTINE_SCHEMA = new StructType()
            .add(Extract.RUN_DATE, DataTypes.DateType, false)
            .add("extract", DataTypes.StringType, false)
            .add(Extract.SOURCE_FILE, DataTypes.StringType, false)
            .add(Extract.SOURCE_LINE, DataTypes.LongType, false)
            .add(RawExtractReader.RAW_LINE, DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true);

    public static final StructType DROPS_SCHEMA = new StructType()
            .add(Extract.RUN_DATE, DataTypes.DateType, false)
            .add("extract", DataTypes.StringType, false)
            .add("full_snapshot", DataTypes.BooleanType, false)
            .add("files", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("bytes", DataTypes.LongType, false)
            .add("sha256", DataTypes.StringType, false)
            .add("rows_read", DataTypes.LongType, false)
            .add("rows_accepted", DataTypes.LongType, false)
            .add("rows_quarantined", DataTypes.LongType, false);

    private BronzeIngest() {
    }

    /** Reads and checks every extract of the drop (one counting pass per extract). Writes nothing. */
    public static DropIntake read(SparkSession spark, Path dropDir, LocalDate runDate, StageLog log) {
        return read(spark, dropDir, runDate, SourceMapping.canonical(), log);
    }

    /** The same for a drop of another source, read through its source mapping. */
    public static DropIntake read(SparkSession spark, Path dropDir, LocalDate runDate, SourceMapping mapping,
                                  StageLog log) {
        return read(spark, dropDir, runDate, mapping, null, log);
    }

    /**
     * As above; with a {@code stagingDir}, each extract's typed rows (accepted and quarantined) are parsed once
     * and kept there as Parquet, and everything after — the counts, the bronze rows, the quarantine — reads that
     * instead of parsing the CSV again. The staging folder is scratch: no table or export; the caller removes it.
     */
    public static DropIntake read(SparkSession spark, Path dropDir, LocalDate runDate, SourceMapping mapping,
                                  Path stagingDir, StageLog log) {
        List<String> unknownFiles = new ArrayList<>();
        Map<Extract, ExtractFiles> filesByExtract = DropInspector.inspect(dropDir, mapping, unknownFiles);
        for (String unknown : unknownFiles) {
            log.warn("ignoring {} in the drop: not a file name of source {}", unknown, mapping.name());
        }
        List<ExtractIntake> intakes = new ArrayList<>();
        for (ExtractFiles files : filesByExtract.values()) {
            long start = System.nanoTime();
            if (!files.ignoredColumns().isEmpty()) {
                log.warn("{}: columns not in the contract{} are ignored: {}", files.extract().fileName(),
                        files.mapping().identity() ? "" : " nor read by source mapping " + mapping.name(),
                        files.ignoredColumns());
            }
            Dataset<Row> typed = ExtractTyping.type(files.extract(), mapped(spark, files, mapping), runDate);
            ExtractIntake intake = stagingDir != null
                    ? staged(spark, files, typed, stagingDir.resolve(files.extract().fileName()))
                    : countByReason(files, typed);
            intakes.add(intake);
            log.info("read {}: {} rows, {} accepted, {} quarantined {} ({})", files.extract().fileName(),
                    StageLog.count(intake.rowsRead()), StageLog.count(intake.rowsAccepted()),
                    StageLog.count(intake.rowsQuarantined()),
                    intake.quarantinedByReason().isEmpty() ? "" : intake.quarantinedByReason(),
                    StageLog.seconds((System.nanoTime() - start) / 1e9));
        }
        return new DropIntake(dropDir, runDate, intakes, unknownFiles);
    }

    /**
     * The extract's rows as text in the contract's columns. A mapping expression Spark cannot resolve over the
     * file's columns (an unknown function, a type mismatch) is a broken mapping: exit 2, before anything is read.
     */
    private static Dataset<Row> mapped(SparkSession spark, ExtractFiles files, SourceMapping mapping) {
        try {
            return RawExtractReader.read(spark, files);
        } catch (Exception e) { // Spark's AnalysisException is not a RuntimeException
            GlengarryException known = GlengarryException.findIn(e);
            if (known != null || files.mapping().identity()) {
                throw known != null ? known : Errors.unexpected("reading " + files.names(), e);
            }
            throw Errors.badSourceMapping(mapping.origin(), "extracts." + files.extract().fileName(),
                    String.join(", ", files.names()), "expressions Spark can resolve over the file's columns ("
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * Parses and types the files once into Parquet at {@code dir} (the raw line kept for quarantined rows only),
     * counting the rows by quarantine reason in the same pass (an observation of the write, no second job), and
     * returns the intake whose rows are read back from it. Surfaces fatal file errors (not UTF-8, unreadable) like
     * {@link #countByReason}.
     */
    private static ExtractIntake staged(SparkSession spark, ExtractFiles files, Dataset<Row> typed, Path dir) {
        Observation counts = new Observation("intake of " + files.extract().fileName());
        List<Column> byReason = new ArrayList<>();
        for (QuarantineReason reason : QuarantineReason.values()) {
            byReason.add(count_if(col(ExtractTyping.REASON).equalTo(reason.code())).as(reason.code()));
        }
        try {
            typed.withColumn(RawExtractReader.RAW_LINE, when(col(ExtractTyping.REASON).isNotNull(),
                            col(RawExtractReader.RAW_LINE)))
                    .observe(counts, count(lit(1)).as(ROWS_READ), byReason.toArray(new Column[0]))
                    .write().mode(SaveMode.Overwrite).parquet(dir.toString());
        } catch (RuntimeException e) {
            GlengarryException known = GlengarryException.findIn(e);
            throw known != null ? known : Errors.unexpected("reading " + files.names(), e);
        }
        Map<String, Object> observed;
        try {
            observed = counts.getAsJava(); // delivered with the write's end: no waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.unexpected("counting " + files.names(), e);
        }
        long read = ((Number) observed.get(ROWS_READ)).longValue();
        Map<String, Long> quarantined = new TreeMap<>();
        for (QuarantineReason reason : QuarantineReason.values()) {
            long n = ((Number) observed.get(reason.code())).longValue();
            if (n > 0) {
                quarantined.put(reason.code(), n);
            }
        }
        long accepted = read - quarantined.values().stream().mapToLong(Long::longValue).sum();
        return new ExtractIntake(files, spark.read().schema(typed.schema()).parquet(dir.toString()), read, accepted,
                quarantined);
    }

    /** One action per extract: rows by quarantine reason (null = accepted). Surfaces fatal file errors. */
    private static ExtractIntake countByReason(ExtractFiles files, Dataset<Row> typed) {
        List<Row> counts;
        try {
            counts = typed.groupBy(col(ExtractTyping.REASON)).count().collectAsList();
        } catch (RuntimeException e) {
            GlengarryException known = GlengarryException.findIn(e);
            throw known != null ? known : Errors.unexpected("reading " + files.names(), e);
        }
        long read = 0;
        long accepted = 0;
        Map<String, Long> byReason = new TreeMap<>();
        for (Row r : counts) {
            long n = r.getLong(1);
            read += n;
            if (r.isNullAt(0)) {
                accepted += n;
            } else {
                byReason.put(r.getString(0), n);
            }
        }
        return new ExtractIntake(files, typed, read, accepted, byReason);
    }

    /** Fails the run (exit 3) when an extract's quarantined share is above quarantine.max-share. */
    public static void enforceQuarantineShare(DropIntake drop, double maxShare) {
        for (ExtractIntake e : drop.extracts()) {
            if (e.quarantinedShare() > maxShare) {
                throw Errors.quarantineAboveThreshold(e.extract().fileName(), e.rowsQuarantined(), e.rowsRead(),
                        maxShare, e.quarantinedByReason().toString());
            }
        }
    }

    /**
     * Replaces the rows of the drops' run dates in every bronze table, one commit per table for all the drops.
     * Idempotent: re-running a date gives the same tables. {@code fullSnapshotDate} names the drop (if any) that
     * is a full snapshot.
     */
    public static void write(SparkSession spark, Warehouse warehouse, List<DropIntake> drops,
                             LocalDate fullSnapshotDate, StageLog log) {
        write(spark, warehouse, drops, fullSnapshotDate, log, 1);
    }

    /** As above, writing up to {@code concurrentWrites} bronze tables side by side (the same tables either way). */
    public static void write(SparkSession spark, Warehouse warehouse, List<DropIntake> drops,
                             LocalDate fullSnapshotDate, StageLog log, int concurrentWrites) {
        List<Runnable> writes = new ArrayList<>();
        String sameRunDates = Extract.RUN_DATE + " IN (" + String.join(", ", drops.stream()
                .map(d -> "DATE'" + d.runDate() + "'").toList()) + ")";
        Set<String> runDates = new TreeSet<>(drops.stream().map(d -> d.runDate().toString()).toList());
        DeltaLogReader logs = new DeltaLogReader(spark);
        Dataset<Row> quarantined = spark.createDataFrame(List.of(), QUARANTINE_SCHEMA);
        long quarantinedCount = 0;
        for (Extract extract : Extract.values()) {
            Dataset<Row> accepted = null;
            long acceptedCount = 0;
            for (DropIntake drop : drops) {
                for (ExtractIntake intake : drop.extracts()) {
                    if (intake.extract() != extract) {
                        continue;
                    }
                    Dataset<Row> typed = intake.typedRows();
                    Dataset<Row> rows = typed.filter(col(ExtractTyping.REASON).isNull())
                            .select(columns(extract.bronzeSchema()));
                    accepted = accepted == null ? rows : accepted.unionByName(rows);
                    acceptedCount += intake.rowsAccepted();
                    quarantinedCount += intake.rowsQuarantined();
                    quarantined = quarantined.unionByName(typed.filter(col(ExtractTyping.REASON).isNotNull()).select(
                            col(Extract.RUN_DATE), lit(extract.fileName()).as("extract"), col(Extract.SOURCE_FILE),
                            col(Extract.SOURCE_LINE), col(RawExtractReader.RAW_LINE),
                            col(ExtractTyping.REASON).as("reason"), col(ExtractTyping.DETAIL).as("detail")));
                }
            }
            String path = warehouse.bronze(extract.fileName());
            Dataset<Row> extractRows = accepted;
            boolean rowsTonight = acceptedCount > 0;
            writes.add(() -> {
                // nothing to add and nothing of these run dates to replace (a first run of the dates): no commit
                if (rowsTonight || holdsRunDates(logs.read(path), runDates)) {
                    if (extractRows != null) {
                        replaceRunDates(path, extract.bronzeSchema(), extractRows, sameRunDates);
                    } else { // a re-run whose drops lack the extract
                        DeltaTable.forPath(spark, path).delete(sameRunDates);
                    }
                }
            });
        }
        Dataset<Row> quarantinedRows = quarantined;
        boolean quarantinedTonight = quarantinedCount > 0;
        writes.add(() -> {
            String path = warehouse.quarantine(); // created on the first run even when empty: readers expect it
            Optional<DeltaLogReader.TableState> table = logs.read(path);
            if (quarantinedTonight || table.isEmpty() || holdsRunDates(table, runDates)) {
                replaceRunDates(path, QUARANTINE_SCHEMA, quarantinedRows, sameRunDates);
            }
        });
        io.glengarry.runtime.ConcurrentWrites.run(concurrentWrites, writes);
        Dataset<Row> dropRows = spark.createDataFrame(List.of(), DROPS_SCHEMA);
        for (DropIntake drop : drops) {
            dropRows = dropRows.unionByName(dropsRows(spark, drop, drop.runDate().equals(fullSnapshotDate)));
            if (!drop.missingExtracts().isEmpty()) {
                log.info("{}: not in the drop of {}; reports use the earlier drops", drop.missingExtracts().stream()
                        .map(Extract::fileName).toList(), drop.runDate());
            }
        }
        replaceRunDates(warehouse.drops(), DROPS_SCHEMA, dropRows, sameRunDates);
    }

    /** Whether the table (empty: none) has rows of any of the run dates (its log's partition values). */
    private static boolean holdsRunDates(Optional<DeltaLogReader.TableState> table, Set<String> runDates) {
        return table.map(t -> t.files().stream()
                .anyMatch(f -> runDates.contains(f.partitionValues().get(Extract.RUN_DATE)))).orElse(false);
    }

    private static Dataset<Row> dropsRows(SparkSession spark, DropIntake drop, boolean fullSnapshot) {
        List<Row> rows = new ArrayList<>();
        for (ExtractIntake e : drop.extracts()) {
            rows.add(RowFactory.create(java.sql.Date.valueOf(drop.runDate()), e.extract().fileName(), fullSnapshot,
                    e.files().names(), e.files().bytes(),
                    e.files().sha256(), e.rowsRead(), e.rowsAccepted(), e.rowsQuarantined()));
        }
        return spark.createDataFrame(rows, DROPS_SCHEMA);
    }

    private static Column[] columns(StructType schema) {
        return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
    }

    /** Overwrites the rows of some run dates in a Delta table partitioned by run_date, creating it if needed. */
    static void replaceRunDates(String path, StructType schema, Dataset<Row> rows, String sameRunDates) {
        DeltaTables.replacePartitions(rows.select(columns(schema)), path, Extract.RUN_DATE, sameRunDates);
    }
}
