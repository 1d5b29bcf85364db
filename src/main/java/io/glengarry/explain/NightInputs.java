package io.glengarry.explain;

import io.glengarry.config.Settings;
import io.glengarry.conform.ChannelMapping;
import io.glengarry.conform.FiscalCalendar;
import io.glengarry.report.hygiene.HygieneRules;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

/** What an explanation reads: the night's silver and gold, and the rules of the configuration. */
record NightInputs(NightSnapshot night, FiscalCalendar calendar, HygieneRules hygiene, Dataset<Row> channelTable) {
    static NightInputs of(SparkSession spark, NightSnapshot night, Settings settings) {
        return new NightInputs(night, FiscalCalendar.of(settings.fiscalFirstMonth(), settings.fiscalYearNamedBy()),
                HygieneRules.of(settings), ChannelMapping.table(spark, settings.channels()));
    }

    LocalDate asOf() {
        return night.asOf();
    }

    Dataset<Row> silver(String table) {
        return night.silver(table);
    }

    Dataset<Row> gold(String report) {
        return night.gold(report);
    }

    java.sql.Date asOfDate() {
        return java.sql.Date.valueOf(night.asOf());
    }
}
