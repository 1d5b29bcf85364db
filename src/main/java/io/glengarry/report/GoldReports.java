package io.glengarry.report;

import io.delta.tables.DeltaTable;
import io.glengarry.config.Settings;
import io.glengarry.conform.FiscalCalendar;
import io.glengarry.export.ReportExport;
import io.glengarry.report.cohort.CohortConversion;
import io.glengarry.report.forecast.ForecastAccuracy;
import io.glengarry.report.funnel.FunnelConversion;
import io.glengarry.report.hygiene.CrmHygiene;
import io.glengarry.report.hygiene.HygieneRules;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

/**
 * The gold stage: computes each report from silver, replaces the run date's partition ({@code as_of}) of
 * {@code gold/<report>} — older and newer nights stay as they were — and exports it.
 */
public final class GoldReports {
    public static final java.util.List<String> REPORTS = java.util.List.of("cohort_conversion", "funnel_conversion",
            "crm_hygiene", "crm_hygiene_summary", "forecast_accuracy", "surprise_deals");

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

        Dataset<Row> opportunities = silver("opportunities");
        Dataset<Row> history = silver("opportunity_history");
        publish("crm_hygiene", CrmHygiene.compute(opportunities, history, won, calendar, HygieneRules.of(settings),
                asOf), CrmHygiene.sortKeys(), asOf, manifest);
        publish("crm_hygiene_summary", CrmHygiene.summary(gold("crm_hygiene", asOf)), CrmHygiene.summarySortKeys(),
                asOf, manifest);

        Dataset<Row> weeks = ForecastAccuracy.weeks(history, won, calendar, asOf);
        Dataset<Row> states = ForecastAccuracy.weeklyStates(history, opportunities, weeks, silver("fx_rates"),
                settings.reportingCurrency(), calendar);
        publish("forecast_accuracy", ForecastAccuracy.compute(states, weeks, won, asOf), ForecastAccuracy.sortKeys(),
                asOf, manifest);
        publish("surprise_deals", ForecastAccuracy.surpriseDeals(states, weeks, won,
                settings.forecastSurpriseWindowDays(), asOf), ForecastAccuracy.surpriseSortKeys(), asOf, manifest);
    }

    /** The run date's partition of a gold report already written this night. */
    private Dataset<Row> gold(String report, LocalDate asOf) {
        return spark.read().format("delta").load(warehouse.gold(report))
                .filter(org.apache.spark.sql.functions.col("as_of").equalTo(java.sql.Date.valueOf(asOf)));
    }

    private Dataset<Row> silver(String table) {
        return spark.read().format("delta").load(warehouse.silver(table));
    }

    /** Writes the report's as_of partition, then its exports from the table just written. */
    void publish(String report, Dataset<Row> rows, String[] sortKeys, LocalDate asOf, RunManifest manifest) {
        long start = System.nanoTime();
        String path = warehouse.gold(report);
        var writer = rows.write().format("delta").mode(SaveMode.Overwrite);
        if (DeltaTable.isDeltaTable(spark, path)) {
            writer.option("replaceWhere", "as_of = DATE'" + asOf + "'").save(path);
        } else {
            writer.partitionBy("as_of").save(path);
        }
        Dataset<Row> written = spark.read().format("delta").load(path)
                .filter(org.apache.spark.sql.functions.col("as_of").equalTo(java.sql.Date.valueOf(asOf)));
        ReportExport.write(written, report, sortKeys, warehouse.exportDir(report, asOf));
        long rowCount = written.count();
        manifest.recordReport(report, rowCount);
        log.info("gold {}: {} rows, exported to {} ({})", report, StageLog.count(rowCount),
                warehouse.exportDir(report, asOf), StageLog.seconds((System.nanoTime() - start) / 1e9));
    }
}
