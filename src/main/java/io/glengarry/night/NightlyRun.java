package io.glengarry.night;

import io.delta.tables.DeltaTable;
import io.glengarry.config.Settings;
import io.glengarry.ingest.BronzeIngest;
import io.glengarry.ingest.DropIntake;
import io.glengarry.ingest.Extract;
import io.glengarry.runtime.RunLock;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One night: ingest the drop into bronze, then the later layers, then the manifest, written last. Holds the
 * warehouse lock throughout; removes the night's old manifest first, so a run killed half-way is never taken
 * for a finished one.
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
        Warehouse warehouse = new Warehouse(Path.of(settings.warehouse()));
        Path dropDir = Path.of(settings.landing()).resolve(runDate.toString());
        RunManifest manifest = new RunManifest(runDate, Instant.now(), codeVersion, settings.configSha256(),
                fullSnapshot);
        try (RunLock lock = RunLock.acquire(warehouse.root(), "run-date " + runDate, settings.lockStaleAfter(), log)) {
            deleteIfExists(warehouse.manifest(runDate));
            DropIntake drop = log.stage("bronze_read", () -> BronzeIngest.read(spark, dropDir,
                    runDate, log));
            BronzeIngest.enforceQuarantineShare(drop, settings.quarantineMaxShare());
            manifest.recordDrop(drop);
            log.stage("bronze_write", () -> BronzeIngest.write(spark, warehouse, drop, fullSnapshot, log));
            drop.release();
            recordBronzeTables(warehouse, manifest);
            manifest.write(warehouse.manifest(runDate), "succeeded", Instant.now(), log.secondsByStage());
            log.info("manifest written: {}", warehouse.manifest(runDate));
        }
        return manifest;
    }

    private void recordBronzeTables(Warehouse warehouse, RunManifest manifest) {
        for (Extract e : Extract.values()) {
            recordTable(manifest, "bronze." + e.fileName(), warehouse.bronze(e.fileName()));
        }
        recordTable(manifest, "bronze._quarantine", warehouse.quarantine());
        recordTable(manifest, "bronze._drops", warehouse.drops());
    }

    private void recordTable(RunManifest manifest, String name, String path) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            return;
        }
        long version = DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
        long rows = spark.read().format("delta").load(path).count();
        manifest.recordTable(name, version, rows);
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the old manifest " + file, e);
        }
    }
}
