package io.glengarry.report;

import io.glengarry.config.Settings;
import io.glengarry.conform.FiscalCalendar;
import io.glengarry.export.ReportExport;
import io.glengarry.report.cohort.CohortConversion;
import io.glengarry.report.funnel.FunnelConversion;
import io.glengarry.runtime.DeltaTables;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

/**
 * The gold stage: computes each report from silver, replaces the run date's partition ({@code as_of}) of
 * {@code gold/<report>} — older and newer nights stay as they were — and exports it.
 */
public final class GoldReports {
    public static final java.util.List<String> REPORTS = java.util.List.of("cohort_conversion", "funnel_conversion");

    private final SparkSession spark;
    private final Settings settings;
    private final Warehouse warehouse;
    private final StageLog log;

    public GoldReports(SparkSession spark, Settings settings, Warehouse warehouse, StageLog log) {
        this.spark = spark;
        this.settings = settings;
        this.warehouse = warehouse;
        this.log = log;
    }

    public void run(LocalDate asOf, RunManifest manifest) {
        FiscalCalendar calendar = FiscalCalendar.of(settings.fiscalFirstMonth(), settings.fiscalYearNamedBy());
        Dataset<Row> journeys = silver("lead_journey");
        Dataset<Row> won = silver("won_opportunities");
        publish("cohort_conversion", CohortConversion.compute(journeys, won, calendar, asOf,
                settings.cohortMaturityQuarters()), CohortConversion.sortKeys(), asOf, manifest);
        publish("funnel_conversion", FunnelConversion.compute(journeys, asOf), FunnelConversion.sortKeys(), asOf,
                manifest);
    }

    private Dataset<Row> silver(String table) {
        return spark.read().format("delta").load(warehouse.silver(table));
    }

    /** Writes the report's as_of partition, then its exports from the table just written. */
    void publish(String report, Dataset<Row> rows, String[] sortKeys, LocalDate asOf, RunManifest manifest) {
        long start = System.nanoTime();
        String path = warehouse.gold(report);
        DeltaTables.replacePartitions(rows, path, "as_of", "as_of = DATE'" + asOf + "'");
        Dataset<Row> written = spark.read().format("delta").load(path)
                .filter(org.apache.spark.sql.functions.col("as_of").equalTo(java.sql.Date.valueOf(asOf)));
        long rowCount = ReportExport.write(written, report, sortKeys, warehouse.exportDir(report, asOf));
        manifest.recordReport(report, rowCount);
        log.info("gold {}: {} rows, exported to {} ({})", report, StageLog.count(rowCount),
                warehouse.exportDir(report, asOf), StageLog.seconds((System.nanoTime() - start) / 1e9));
    }
}
