package io.glengarry.explain;

import io.glengarry.ingest.Extract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

/**
 * The rows behind a report number, in one shape for every report: each row says which measure it adds to, what is
 * counted (a person, a deal, a ledger line), which source record proves it and where that record was read - the
 * drop's run date, file and line of the version that won - and, for money, the FX rate used and the date that rate
 * applies from. A measure's rows add up ({@code value}) to the number in the report.
 */
public final class Evidence {
    public static final String MEASURE = "measure";
    public static final String COUNTED = "counted";
    public static final String RECORD = "record";
    public static final String RECORD_ID = "record_id";
    public static final String DETAIL = "detail";
    public static final String VALUE = "value";
    public static final String FX_RATE = "fx_rate";
    public static final String FX_RATE_DATE = "fx_rate_date";
    public static final String SOURCE_RUN_DATE = "source_run_date";
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";
    /** The columns of every explanation, in order. */
    public static final List<String> COLUMNS = List.of(MEASURE, COUNTED, RECORD, RECORD_ID, DETAIL, VALUE, FX_RATE,
            FX_RATE_DATE, SOURCE_RUN_DATE, SOURCE_FILE, SOURCE_LINE);
    /** Money and counts alike: a count adds 1 per row. */
    static final String VALUE_TYPE = "decimal(30,2)";

    private Evidence() {
    }

    /**
     * Evidence rows from records that carry their own source coordinates ({@code run_date, source_file,
     * source_line} of a silver table): no FX rate.
     */
    static Dataset<Row> of(Dataset<Row> records, String measure, Column counted, String record, Column recordId,
                           Column detail, Column value) {
        return withMoney(records, measure, counted, record, recordId, detail, value,
                lit(null).cast("decimal(30,12)"), lit(null).cast("date"));
    }

    /** Evidence rows of money: the record's FX rate and the date that rate applies from. */
    static Dataset<Row> withMoney(Dataset<Row> records, String measure, Column counted, String record,
                                  Column recordId, Column detail, Column value, Column fxRate, Column fxRateDate) {
        return records.select(lit(measure).as(MEASURE), counted.cast("string").as(COUNTED), lit(record).as(RECORD),
                recordId.cast("string").as(RECORD_ID), detail.cast("string").as(DETAIL),
                value.cast(VALUE_TYPE).as(VALUE), fxRate.cast("decimal(30,12)").as(FX_RATE),
                fxRateDate.cast("date").as(FX_RATE_DATE), col(Extract.RUN_DATE).as(SOURCE_RUN_DATE),
                col(Extract.SOURCE_FILE).as(SOURCE_FILE), col(Extract.SOURCE_LINE).as(SOURCE_LINE));
    }

    /**
     * Adds {@code fx_rate_date}: the date of the rate a record was converted at - the latest rate of its currency on
     * or before {@code convertedOn} (METRICS.md Reporting currency); null when it needed none or had none.
     */
    static Dataset<Row> withRateDate(Dataset<Row> records, String idColumn, Column convertedOn,
                                     Dataset<Row> fxRates) {
        Dataset<Row> dated = records.withColumn("_converted_on", convertedOn);
        Dataset<Row> rates = fxRates.select(col("currency").as("_rate_currency"), col("rate_date").as("_rate_date"));
        Dataset<Row> rateDates = dated.select(col(idColumn).as("_rate_record"), col("currency"), col("_converted_on"))
                .join(rates, col("currency").equalTo(col("_rate_currency"))
                        .and(col("_rate_date").leq(col("_converted_on"))))
                .groupBy("_rate_record").agg(max("_rate_date").as(FX_RATE_DATE));
        return dated.join(rateDates, col(idColumn).equalTo(col("_rate_record")), "left")
                .drop("_rate_record", "_converted_on");
    }

    /** One row per group: the first by {@code order} (a deterministic pick among ties). */
    static Dataset<Row> firstPer(Dataset<Row> rows, String group, Column... order) {
        return rows.withColumn("_pick", row_number().over(Window.partitionBy(group).orderBy(order)))
                .filter(col("_pick").equalTo(1)).drop("_pick");
    }
}
