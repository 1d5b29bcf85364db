package io.glengarry.night;

import io.delta.tables.DeltaTable;
import io.glengarry.catalog.TableCatalog;
import io.glengarry.config.Settings;
import io.glengarry.conform.SilverConform;
import io.glengarry.export.summary.RunSummary;
import io.glengarry.ingest.BronzeIngest;
import io.glengarry.ingest.DropIntake;
import io.glengarry.ingest.Extract;
import io.glengarry.lineage.ExtractCounts;
import io.glengarry.lineage.NightLineage;
import io.glengarry.lineage.RunLineage;
import io.glengarry.lineage.TableWritten;
import io.glengarry.report.GoldReports;
import io.glengarry.report.ReportInputs;
import io.glengarry.runtime.DeltaLogReader;
import io.glengarry.runtime.Folders;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.RunLock;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * One night: ingest the drop into bronze (first catching up on any earlier drop in the landing folder that the
 * warehouse has never ingested), conform silver as of the run date, compute and export the gold reports, then
 * write the manifest, last. Holds the warehouse lock throughout and removes the night's old manifest before its
 * first write, so a run killed half-way is never taken for a finished one, and a broken drop (found before any
 * write) leaves a finished night's manifest and outputs as they were.
 */
public final class NightlyRun {
    private final SparkSession spark;
    private final Settings settings;
    private final StageLog log;

    public NightlyRun(SparkSession spark, Settings settings, StageLog log) {
        this.spark = spark;
        this.settings = settings;
        this.log = log;
    }

    public RunManifest run(LocalDate runDate, boolean fullSnapshot, String codeVersion) {
        try (RunLineage lineage = RunLineage.start(spark, settings, runDate, codeVersion)) {
            try {
                return night(runDate, fullSnapshot, codeVersion, lineage);
            } catch (RuntimeException e) {
                lineage.failed(e); // nothing when the night's end already said FAIL (a reconciliation)
                throw e;
            }
        }
    }

    private RunManifest night(LocalDate runDate, boolean fullSnapshot, String codeVersion, RunLineage lineage) {
        Warehouse warehouse = new Warehouse(Path.of(settings.warehouse()));
        Path landing = Path.of(settings.landing());
        RunManifest manifest = new RunManifest(runDate, Instant.now(), codeVersion, settings.configSha256(),
                fullSnapshot);
        try (RunLock lock = RunLock.acquire(warehouse.root(), "run-date " + runDate, settings.lockStaleAfter(), log)) {
            List<LocalDate> catchUp = earlierDropsNotIngested(landing, warehouse, runDate);
            if (!catchUp.isEmpty()) {
                log.info("catching up on earlier drops never ingested into this warehouse: {}", catchUp);
            }
            Folders.deleteTree(warehouse.staging()); // a killed run's scratch
            Map<String, ExtractCounts> extracts;
            try {
                List<DropIntake> drops = log.stage("bronze_read", () -> {
                    List<DropIntake> read = new ArrayList<>();
                    for (LocalDate date : catchUp) {
                        read.add(readDrop(landing, warehouse, date));
                    }
                    log.info("drop {}", landing.resolve(runDate.toString()));
                    read.add(readDrop(landing, warehouse, runDate));
                    return read;
                });
                for (DropIntake drop : drops) {
                    BronzeIngest.enforceQuarantineShare(drop, settings.quarantineMaxShare());
                }
                DropIntake tonight = drops.get(drops.size() - 1);
                manifest.recordDrop(tonight);
                extracts = ExtractCounts.of(tonight);
                // the drop passed its checks: from here on the night's outputs change, so a finished night's
                // manifest goes first (a run that fails before this leaves the night as it was)
                deleteIfExists(warehouse.manifest(runDate));
                log.stage("bronze_write", () -> BronzeIngest.write(spark, warehouse, drops,
                        fullSnapshot ? runDate : null, log, settings.sparkConcurrentWrites()));
                for (DropIntake drop : drops) {
                    if (drop != tonight) {
                        writeCatchUpManifest(warehouse, drop, runDate, codeVersion);
                    }
                }
            } finally {
                Folders.deleteTree(warehouse.staging());
            }
            manifest.recordNotice("caught_up_drops", catchUp.stream().map(LocalDate::toString).toList());
            manifest.recordNotice("silver_tables", log.stage("silver",
                    () -> new SilverConform(spark, settings, warehouse, log).run(runDate)));
            manifest.recordNotice("data_quality", dataQualityCounts(warehouse));
            ReportInputs inputs = ReportInputs.of(extractsDelivered(warehouse, runDate));
            Optional<GlengarryException> reconciliation = log.stage("gold",
                    () -> new GoldReports(spark, settings, warehouse, log).run(runDate, manifest, inputs));
            if (inputs.runs(ReportInputs.SUMMARY)) {
                log.stage("summary", () -> new RunSummary(spark, settings, warehouse, log).write(runDate, manifest));
            }
            List<TableWritten> tables = log.stage("manifest", () -> recordTables(warehouse, manifest));
            if (reconciliation.isEmpty()) { // every table by name in the catalog; never fails the night
                manifest.recordNotice("catalog", log.stage("catalog",
                        () -> TableCatalog.registerAfterRun(spark, settings, warehouse, log)));
            }
            lineage.finish(new NightLineage(lineage.dropFolder(), extracts, tables,
                    RunLineage.exportsOf(warehouse, runDate), manifest.controlTotals()), reconciliation.orElse(null));
            manifest.recordNotice("lineage", lineage.outcome());
            manifest.write(warehouse.manifest(runDate), reconciliation.isPresent() ? "reconciliation_failed"
                    : "succeeded", Instant.now(), log.secondsByStage());
            log.info("manifest written: {}", warehouse.manifest(runDate));
            if (reconciliation.isPresent()) {
                throw reconciliation.get(); // exit 4, after every report and the manifest are written
            }
        }
        return manifest;
    }

    /** One drop read, checked and parsed once into the run's scratch folder; nothing written to any table. */
    private DropIntake readDrop(Path landing, Warehouse warehouse, LocalDate date) {
        return BronzeIngest.read(spark, landing.resolve(date.toString()), date, settings.sourceMapping(),
                warehouse.staging().resolve(date.toString()), log);
    }

    /** The extracts of every drop on or before the run date (bronze/_drops, just written). */
    private Set<String> extractsDelivered(Warehouse warehouse, LocalDate runDate) {
        Set<String> delivered = new TreeSet<>();
        for (Row r : spark.read().format("delta").load(warehouse.drops())
                .filter(col(Extract.RUN_DATE).leq(java.sql.Date.valueOf(runDate)))
                .select("extract").distinct().collectAsList()) {
            delivered.add(r.getString(0));
        }
        return delivered;
    }

    /** Drop folders dated before the run date whose date is not in bronze/_drops yet, oldest first. */
    private List<LocalDate> earlierDropsNotIngested(Path landing, Warehouse warehouse, LocalDate runDate) {
        Set<LocalDate> ingested = new TreeSet<>(); // bronze/_drops is partitioned by run date: its log says which
        new DeltaLogReader(spark).read(warehouse.drops()).ifPresent(drops -> drops.files().forEach(
                f -> ingested.add(LocalDate.parse(f.partitionValues().get(Extract.RUN_DATE)))));
        List<LocalDate> pending = new ArrayList<>();
        if (!Files.isDirectory(landing)) {
            return pending;
        }
        try (Stream<Path> dirs = Files.list(landing)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try {
                    LocalDate date = LocalDate.parse(dir.getFileName().toString());
                    if (date.isBefore(runDate) && !ingested.contains(date)) {
                        pending.add(date);
                    }
                } catch (DateTimeParseException notADrop) {
                    // other folders in the landing area are not drops
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the landing folder " + landing, e);
        }
        return pending;
    }

    private void writeCatchUpManifest(Warehouse warehouse, DropIntake drop, LocalDate runDate, String codeVersion) {
        RunManifest m = new RunManifest(drop.runDate(), Instant.now(), codeVersion, settings.configSha256(), false);
        m.recordDrop(drop);
        m.recordNotice("ingested_by_run_of", runDate.toString());
        m.write(warehouse.manifest(drop.runDate()), "ingested", Instant.now(), Map.of());
    }

    private Map<String, Long> dataQualityCounts(Warehouse warehouse) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : spark.read().format("delta").load(warehouse.silver("data_quality"))
                .groupBy(col("check")).count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    /** Records every table's version and rows in the manifest; returns them for the lineage. */
    private List<TableWritten> recordTables(Warehouse warehouse, RunManifest manifest) {
        Map<String, String> tables = new java.util.LinkedHashMap<>();
        for (Extract e : Extract.values()) {
            tables.put("bronze." + e.fileName(), warehouse.bronze(e.fileName()));
            tables.put("silver." + e.fileName(), warehouse.silver(e.fileName()));
        }
        tables.put("bronze._quarantine", warehouse.quarantine());
        tables.put("bronze._drops", warehouse.drops());
        for (String derived : SilverConform.DERIVED_TABLES) {
            tables.put("silver." + derived, warehouse.silver(derived));
        }
        for (String report : GoldReports.REPORTS) {
            tables.put("gold." + report, warehouse.gold(report));
        }
        // versions and rows from each table's Delta log (every data file carries its row count): no Spark job
        DeltaLogReader logs = new DeltaLogReader(spark);
        List<TableWritten> written = new ArrayList<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            Optional<DeltaLogReader.TableState> state = logs.read(t.getValue());
            if (state.isPresent()) {
                long rows = state.get().rows().orElseGet(
                        () -> spark.read().format("delta").load(t.getValue()).count()); // a file without stats
                manifest.recordTable(t.getKey(), state.get().version(), rows);
                written.add(new TableWritten(t.getKey(), t.getValue(), state.get().version(), rows,
                        state.get().columns(), state.get().types()));
            }
        }
        return written;
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the old manifest " + file, e);
        }
    }
}
